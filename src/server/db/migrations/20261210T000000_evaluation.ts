import type { Kysely } from 'kysely';

/**
 * The annual evaluation (P4): each year's scheme in versions, the scoring events written by
 * the actions that caused them, the years (their scheme version, state and published result),
 * the qualitative scores of the named evaluators, and the units' appeals against events.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('eval_schemes')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('eval_schemes_pk', ['year', 'version'])
    .execute();
  await db.schema
    .createTable('eval_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .addColumn('document_id', 'text')
    .addColumn('element_id', 'text')
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('void_reason', 'text')
    .execute();
  await db.schema.createIndex('eval_events_item').on('eval_events').columns(['item_id']).execute();
  await db.schema.createIndex('eval_events_year_unit').on('eval_events').columns(['year', 'unit_id', 'occurred_at']).execute();
  // Covers the year's computation: counts per unit, kind and month of the valid events.
  await db.schema.createIndex('eval_events_year_counts').on('eval_events').columns(['year', 'voided', 'unit_id', 'kind', 'month']).execute();
  await db.schema
    .createTable('eval_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scheme_version', 'integer')
    .addColumn('item_id', 'text')
    .addColumn('result', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('eval_qualitative')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('evaluator_id', 'text', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('eval_qualitative_pk', ['year', 'indicator_id', 'unit_id', 'evaluator_id'])
    .execute();
  await db.schema
    .createTable('eval_appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_reason', 'text')
    .execute();
  await db.schema.createIndex('eval_appeals_year').on('eval_appeals').columns(['year', 'status']).execute();
  await db.schema.createIndex('eval_appeals_event').on('eval_appeals').columns(['event_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['eval_appeals', 'eval_qualitative', 'eval_years', 'eval_events', 'eval_schemes']) await db.schema.dropTable(t).execute();
}
