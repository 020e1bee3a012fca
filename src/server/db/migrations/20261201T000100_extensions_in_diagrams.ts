import { type Kysely, sql } from 'kysely';

/** The message a step's 申请延期 sends (kept literally here: a migration must not change when the code does). */
const EXTENSION_MESSAGE = 'extension-request';

/**
 * 延期 follows the diagram (X7), not a table of its own: the open requests of the former
 * R7 → R5 table become deferred messages (timer rows of kind `message`) that the scheduler
 * delivers to the step's extension boundary, where the diagram's review path takes them
 * up; then the table goes. Completed tasks record whether their outcome was negative, as the
 * diagrams now declare it; existing rows take the rule the product used until now.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('negative', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update tasks set negative = 1 where outcome like '不%' or outcome in ('重办', '补办')`.execute(db);

  const open = await db
    .selectFrom('extension_requests as e')
    .innerJoin('tasks as t', 't.id', 'e.task_id')
    .select(['e.id', 'e.task_id', 'e.item_id', 'e.requested_by', 'e.reason', 'e.current_due', 'e.new_due', 't.instance_id', 't.element_id'])
    .where('e.status', 'in', ['pending-review', 'pending-approval'])
    .where('t.status', '=', 'open')
    .execute();
  for (const r of open) {
    const payload = {
      message: EXTENSION_MESSAGE,
      taskId: r.task_id,
      actorId: r.requested_by,
      vars: {
        extensionRequestId: r.id,
        extensionTaskId: r.task_id,
        extensionElementId: r.element_id,
        extensionRequestedBy: r.requested_by,
        currentDeadline: r.current_due,
        requestedDeadline: r.new_due,
        proposedDeadline: r.new_due,
        reason: r.reason,
      },
    };
    await db
      .insertInto('timers')
      .values({
        id: `ext-${r.id}`,
        instance_id: r.instance_id,
        item_id: r.item_id,
        timer_key: `ext-${r.id}`,
        kind: 'message',
        fire_at: 0,
        payload: JSON.stringify(payload),
        claimed_by: null,
        claimed_at: null,
        done: 0,
        attempts: 0,
        last_error: null,
      })
      .execute();
  }
  await db.schema.dropTable('extension_requests').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('extension_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('current_due', 'text')
    .addColumn('new_due', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('review_opinion', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision_opinion', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('extension_requests_status').on('extension_requests').columns(['status', 'created_at']).execute();
  await s.createIndex('extension_requests_task').on('extension_requests').columns(['task_id']).execute();
  await db.deleteFrom('timers').where('kind', '=', 'message').where('done', '=', 0).execute();
  await s.alterTable('tasks').dropColumn('negative').execute();
}
