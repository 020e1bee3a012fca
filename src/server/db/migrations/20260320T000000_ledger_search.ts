import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect';

/**
 * The ledger's text search (关键字) finds items without reading every search text.
 *
 * SQLite: an FTS5 index with the trigram tokenizer (every run of three characters, so
 * Chinese words need no spaces) over `items.search_text`. FTS rows are numbered by
 * `item_search.rid`, an integer key of their own: the rowids of `items` (a table keyed
 * by text) may change when the file is vacuumed. Triggers keep both in step with every
 * insert, text change and delete of an item, whoever writes it.
 *
 * PostgreSQL: a GIN index with pg_trgm's trigram operator class, which `like '%…%'`
 * uses directly. When the extension is missing and cannot be created, the migration
 * goes on without the index and searches read every row as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    const schema = await trigramSchema(db);
    if (schema) {
      await sql`create index items_search_trgm on items using gin (search_text ${sql.id(schema)}.gin_trgm_ops)`.execute(db);
    } else {
      console.warn('督办：数据库未能启用 pg_trgm 扩展，台账关键字检索将逐行匹配（事项多时较慢）。');
    }
    return;
  }
  await sql`create table item_search (rid integer primary key, item_id text not null unique)`.execute(db);
  await sql`create virtual table item_search_fts using fts5(text, content='', contentless_delete=1, tokenize='trigram')`.execute(db);
  await sql`insert into item_search (item_id) select id from items order by rowid`.execute(db);
  await sql`insert into item_search_fts (rowid, text) select s.rid, i.search_text from item_search s join items i on i.id = s.item_id`.execute(db);
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

/** Drop the search index (the pg_trgm extension stays: other schemas may use it). */
export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`drop index if exists items_search_trgm`.execute(db);
    return;
  }
  for (const t of ['items_search_insert', 'items_search_update', 'items_search_delete']) await sql`drop trigger if exists ${sql.id(t)}`.execute(db);
  await sql`drop table if exists item_search_fts`.execute(db);
  await sql`drop table if exists item_search`.execute(db);
}

/**
 * The schema holding pg_trgm, creating the extension when it is missing (in `public`
 * when that works, so dropping an application schema never takes it along); null when
 * it cannot be had. Each attempt runs in a savepoint: the migration's transaction survives
 * a refusal.
 */
async function trigramSchema(db: Kysely<any>): Promise<string | null> {
  const find = async () =>
    (await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)).rows[0]?.schema ?? null;
  const found = await find();
  if (found) return found;
  for (const create of [sql`create extension if not exists pg_trgm with schema public`, sql`create extension if not exists pg_trgm`]) {
    await sql`savepoint duban_trgm`.execute(db);
    try {
      await create.execute(db);
      await sql`release savepoint duban_trgm`.execute(db);
      return await find();
    } catch {
      await sql`rollback to savepoint duban_trgm`.execute(db);
    }
  }
  return null;
}
