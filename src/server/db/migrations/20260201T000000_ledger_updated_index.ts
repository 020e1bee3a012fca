import type { Kysely } from 'kysely';

/** The ledger's 按更新时间 sort walks an (updated_at, id) index instead of sorting every item. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('items_updated_id').on('items').columns(['updated_at', 'id']).execute();
}

/** Drop it again. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('items_updated_id').execute();
}
