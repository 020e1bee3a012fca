import type { Kysely } from 'kysely';

/** Ledger sort indexes that end with the id tie-breaker, so deep pages sorted by title or time walk an index instead of sorting 100k rows. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('items_title_id').on('items').columns(['title', 'id']).execute();
  await db.schema.createIndex('items_created_id').on('items').columns(['created_at', 'id']).execute();
  await db.schema.dropIndex('items_created').execute();
}

/** Back to the initial indexes. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('items_created').on('items').columns(['created_at']).execute();
  await db.schema.dropIndex('items_created_id').execute();
  await db.schema.dropIndex('items_title_id').execute();
}
