import { sql } from 'kysely';
import type { Conn } from '../db/database';

/** One unit's task counts of a period, as the evaluation reads them. */
export interface UnitTaskCounts {
  unitId: string;
  tasks: number;
  onTime: number;
  overdue: number;
  urges: number;
  /** Tasks on an order's item (the item or its parent holds a document of `orderDocType`) not done by their deadline. */
  ordersMissed: number;
}

/**
 * Count the tasks assigned to units and created in `[from, to)`: on time, overdue (done late,
 * or open past the deadline at `now`), urges, and missed orders.
 */
export async function countUnitTasks(db: Conn, range: { from: number; to: number; now: number; orderDocType: string | null }): Promise<UnitTaskCounts[]> {
  const { from, to, now, orderDocType } = range;
  const order = orderDocType
    ? sql<number>`sum(case when tasks.due_at is not null and (tasks.completed_at is null or tasks.completed_at > tasks.due_at) and tasks.due_at < ${now}
        and exists (select 1 from documents d where d.doc_type = ${orderDocType} and (d.item_id = items.id or d.item_id = items.parent_item_id)) then 1 else 0 end)`
    : sql<number>`0`;
  const rows = await db
    .selectFrom('tasks')
    .innerJoin('items', 'items.id', 'tasks.itemId')
    .select([
      'tasks.assignValue as unitId',
      (eb) => eb.fn.countAll().as('tasks'),
      sql<number>`sum(case when tasks.due_at is not null and ((tasks.completed_at is not null and tasks.completed_at > tasks.due_at) or (tasks.completed_at is null and tasks.status = 'open' and tasks.due_at < ${now})) then 1 else 0 end)`.as('overdue'),
      sql<number>`sum(case when tasks.status = 'completed' and (tasks.due_at is null or tasks.completed_at <= tasks.due_at) then 1 else 0 end)`.as('onTime'),
      sql<number>`sum(tasks.urges)`.as('urges'),
      order.as('ordersMissed'),
    ])
    .where('tasks.assignType', '=', 'unit')
    .where('tasks.createdAt', '>=', from)
    .where('tasks.createdAt', '<', to)
    .groupBy('tasks.assignValue')
    .execute();
  return rows.map((r) => ({
    unitId: r.unitId,
    tasks: Number(r.tasks),
    onTime: Number(r.onTime ?? 0),
    overdue: Number(r.overdue ?? 0),
    urges: Number(r.urges ?? 0),
    ordersMissed: Number(r.ordersMissed ?? 0),
  }));
}
