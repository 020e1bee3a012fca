import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect';

/**
 * SQLite: an item's new search text goes to the FTS index in batches, not in the action that
 * writes it. FTS5 writes a new index segment per transaction (about a millisecond, as much as
 * the rest of a registration); now the triggers only note the item in `item_search_pending`,
 * and flushSearchIndex (every scheduler poll, and after bulk loads in maintainDb) numbers and
 * indexes all noted items in one transaction. Searches look at the noted items' texts directly
 * until then, so they never miss a change. (PostgreSQL's GIN index batches its own updates.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  await sql`create table item_search_pending (item_id text primary key) without rowid`.execute(db);
  await sql`drop trigger items_search_insert`.execute(db);
  await sql`drop trigger items_search_update`.execute(db);
  await sql`
    create trigger items_search_insert after insert on items begin
      insert or ignore into item_search_pending (item_id) values (new.id);
    end`.execute(db);
  await sql`
    create trigger items_search_update after update of search_text on items when new.search_text is not old.search_text begin
      insert or ignore into item_search_pending (item_id) values (new.id);
    end`.execute(db);
  await sql`drop trigger items_search_delete`.execute(db);
  await sql`
    create trigger items_search_delete after delete on items begin
      delete from item_search_fts where rowid = (select rid from item_search where item_id = old.id);
      delete from item_search_pending where item_id = old.id;
      delete from item_search where item_id = old.id;
    end`.execute(db);
}

/** Index what is pending, then back to indexing in the triggers. */
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  await sql`insert or ignore into item_search (item_id) select item_id from item_search_pending`.execute(db);
  await sql`delete from item_search_fts where rowid in (select s.rid from item_search_pending p join item_search s on s.item_id = p.item_id)`.execute(db);
  await sql`insert into item_search_fts (rowid, text) select s.rid, i.search_text from item_search_pending p join item_search s on s.item_id = p.item_id join items i on i.id = p.item_id`.execute(db);
  for (const t of ['items_search_insert', 'items_search_update', 'items_search_delete']) await sql`drop trigger ${sql.id(t)}`.execute(db);
  await sql`drop table item_search_pending`.execute(db);
  await sql`
    create trigger items_search_insert after insert on items begin
      insert into item_search (item_id) values (new.id);
      insert into item_search_fts (rowid, text) select rid, new.search_text from item_search where item_id = new.id;
    end`.execute(db);
  await sql`
    create trigger items_search_update after update of search_text on items when new.search_text is not old.search_text begin
      delete from item_search_fts where rowid = (select rid from item_search where item_id = new.id);
      insert into item_search_fts (rowid, text) select rid, new.search_text from item_search where item_id = new.id;
    end`.execute(db);
  await sql`
    create trigger items_search_delete after delete on items begin
      delete from item_search_fts where rowid = (select rid from item_search where item_id = old.id);
      delete from item_search where item_id = old.id;
    end`.execute(db);
}
