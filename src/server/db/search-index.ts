import { sql } from 'kysely';
import type { Db } from './database';
import { dialectOf } from './dialect';

/**
 * SQLite: put the search text of the items noted in `item_search_pending` into the FTS index
 * (numbering new items in `item_search`), all in one transaction (one index segment), and clear
 * the notes; returns how many items.
 * Called by the scheduler on every poll and by maintainDb (after bulk loads). No-op on
 * PostgreSQL, whose GIN index batches its own updates.
 */
export async function flushSearchIndex(db: Db): Promise<number> {
  if (dialectOf(db) !== 'sqlite') return 0;
  const pending = await sql`select 1 from item_search_pending limit 1`.execute(db);
  if (!pending.rows.length) return 0;
  return db.transaction().execute(async (trx) => {
    await sql`insert or ignore into item_search (item_id) select item_id from item_search_pending`.execute(trx);
    await sql`delete from item_search_fts where rowid in (select s.rid from item_search_pending p join item_search s on s.item_id = p.item_id)`.execute(trx);
    await sql`insert into item_search_fts (rowid, text) select s.rid, i.search_text from item_search_pending p join item_search s on s.item_id = p.item_id join items i on i.id = p.item_id`.execute(trx);
    const done = await sql`delete from item_search_pending`.execute(trx);
    return Number(done.numAffectedRows ?? 0);
  });
}
