import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect';

/**
 * The ledger (台账) lists top-level items only (`parent_item_id is null`) unless asked for all.
 * Its sort and filter indexes become partial indexes over those items, ending with the id
 * tie-breaker and `parent_item_id` (always null there, but SQLite only counts from an index
 * without reading the table when every column the query names is in it):
 *  - one per sort (登记时间, 最近更新, 事项名称, 办理期限), walked for a page;
 *  - status/light, light and procedure ones the filters and counts search;
 *  - on PostgreSQL also (due_date desc nulls last, id desc): SQLite reads (due_date, id) both ways
 *    with items without a deadline last, PostgreSQL only ascending.
 * The full-table indexes they replace go, so an action's update of an item touches no more
 * indexes than before; `items_parent` becomes a partial index of child items (the ledger's
 * "top-level only" condition no longer looks selective to the planner).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const top = sql<boolean>`parent_item_id is null`;
  await s.dropIndex('items_parent').execute();
  await s.createIndex('items_child').on('items').column('parent_item_id').where(sql.ref('parent_item_id'), 'is not', null).execute();
  for (const name of ['items_created_id', 'items_title_id', 'items_updated_id', 'items_status_created', 'items_light_created', 'items_procedure_created', 'items_due']) {
    await s.dropIndex(name).execute();
  }
  const indexes: [string, string[]][] = [
    ['items_top_created', ['created_at', 'id', 'parent_item_id']],
    ['items_top_updated', ['updated_at', 'id', 'parent_item_id']],
    ['items_top_title', ['title', 'id', 'parent_item_id']],
    ['items_top_due', ['due_date', 'id', 'parent_item_id']],
    ['items_top_status', ['status', 'light', 'due_date', 'id', 'parent_item_id']],
    ['items_top_light', ['light', 'created_at', 'id', 'parent_item_id']],
    ['items_top_procedure', ['procedure_key', 'due_date', 'id', 'parent_item_id']],
  ];
  for (const [name, columns] of indexes) await s.createIndex(name).on('items').columns(columns).where(top).execute();
  // PostgreSQL reads an index backwards with nulls first: deadlines latest first, none last, need their own.
  if (dialectOf(db) === 'postgres') await sql`create index items_top_due_desc on items (due_date desc nulls last, id desc) where parent_item_id is null`.execute(db);
}

/** Back to the full-table indexes. */
export async function down(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await sql`drop index if exists items_top_due_desc`.execute(db);
  for (const name of ['items_top_created', 'items_top_updated', 'items_top_title', 'items_top_due', 'items_top_status', 'items_top_light', 'items_top_procedure', 'items_child']) {
    await s.dropIndex(name).execute();
  }
  await s.createIndex('items_parent').on('items').column('parent_item_id').execute();
  await s.createIndex('items_created_id').on('items').columns(['created_at', 'id']).execute();
  await s.createIndex('items_title_id').on('items').columns(['title', 'id']).execute();
  await s.createIndex('items_updated_id').on('items').columns(['updated_at', 'id']).execute();
  await s.createIndex('items_status_created').on('items').columns(['status', 'created_at']).execute();
  await s.createIndex('items_light_created').on('items').columns(['light', 'created_at']).execute();
  await s.createIndex('items_procedure_created').on('items').columns(['procedure_key', 'created_at']).execute();
  await s.createIndex('items_due').on('items').column('due_date').execute();
}
