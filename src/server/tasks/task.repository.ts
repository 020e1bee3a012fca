import type { ExpressionBuilder } from 'kysely';
import type { Conn } from '../db/database';
import { allColumns, insertRows, prepared, updateById } from '../db/prepared';
import type { DB } from '../db/schema';
import type { Principal } from '../directory/directory.service';
import type { TaskTable } from './task.table';

/** Every column of a task row, in table order. */
export const TASK_COLUMNS = allColumns<TaskTable>()([
  'id', 'instanceId', 'itemId', 'taskKey', 'elementId', 'name', 'formKey', 'kind', 'assignType', 'assignValue', 'assignScope',
  'ownerType', 'ownerValue', 'candidates', 'dueDate', 'dueAt', 'originalDueDate', 'warnAt', 'suspended', 'status', 'outcome', 'negative',
  'opinion', 'formData', 'actorId', 'actorName', 'urges', 'createdAt', 'completedAt', 'origin',
]);

/** Insert a task row. */
export async function insertTask(db: Conn, row: TaskTable): Promise<void> {
  await insertRows(db, 'tasks', TASK_COLUMNS, [row]);
}

/** Update a task row. */
export async function updateTask(db: Conn, id: string, set: Partial<TaskTable>): Promise<void> {
  await updateById(db, 'tasks', id, set, undefined, true);
}

const selectTask = prepared<TaskTable>((db, $) => db.selectFrom('tasks').selectAll().where('id', '=', $[0]));

/** One task. */
export async function findTask(db: Conn, id: string): Promise<TaskTable | undefined> {
  return (await selectTask(db, [id])).rows[0];
}

/** Every task of an item, oldest first. */
export async function findTasksOfItem(db: Conn, itemId: string): Promise<TaskTable[]> {
  return db.selectFrom('tasks').selectAll().where('itemId', '=', itemId).orderBy('createdAt').orderBy('id').execute();
}

/** SQL filter: open tasks a principal is a candidate for; same rules as DirectoryService.isCandidate. */
export function candidateOf(p: Principal) {
  return (eb: ExpressionBuilder<DB, 'tasks'>) => {
    const ors = [eb.and([eb('tasks.assignType', '=', 'user'), eb('tasks.assignValue', '=', p.id)])];
    for (const g of p.grants) {
      ors.push(
        eb.and([
          eb('tasks.assignType', '=', 'role'),
          eb('tasks.assignValue', '=', g.roleId),
          eb.or([
            eb('tasks.assignScope', '=', ''),
            ...(g.scope ? [eb('tasks.assignScope', '=', g.scope)] : []),
            // A scope naming this person: their id, or text holding their name (a 交办领导 scope such as '王建国县长').
            eb('tasks.assignScope', '=', p.id),
            eb('tasks.assignScope', 'like', `%${p.name.replace(/[\\%_]/g, '')}%`),
          ]),
        ]),
      );
    }
    if (p.handlesUnit) {
      ors.push(eb.and([eb('tasks.assignType', '=', 'unit'), eb('tasks.assignValue', '=', p.unitId)]));
    }
    if (p.liaisonUnits.length) {
      ors.push(eb.and([eb('tasks.assignType', '=', 'liaison'), eb('tasks.assignValue', 'in', p.liaisonUnits)]));
    }
    if (p.sealsKept.length) {
      ors.push(eb.and([eb('tasks.assignType', '=', 'seal'), eb('tasks.assignValue', 'in', p.sealsKept)]));
    }
    return eb.or(ors);
  };
}

const LIST_COLUMNS = [
  'tasks.id',
  'tasks.itemId',
  'tasks.elementId',
  'tasks.name',
  'tasks.formKey',
  'tasks.kind',
  'tasks.assignType',
  'tasks.assignValue',
  'tasks.assignScope',
  'tasks.dueDate',
  'tasks.dueAt',
  'tasks.originalDueDate',
  'tasks.warnAt',
  'tasks.status',
  'tasks.outcome',
  'tasks.negative',
  'tasks.opinion',
  'tasks.actorId',
  'tasks.actorName',
  'tasks.urges',
  'tasks.createdAt',
  'tasks.completedAt',
  'items.title as itemTitle',
  'items.code as itemCode',
  'items.procedureKey',
  'items.procedureName',
  'items.light as itemLight',
] as const;

/** My to-dos: open, not suspended tasks I am a candidate for; earliest deadline first. */
export async function listTodos(db: Conn, p: Principal, limit: number, offset: number) {
  const base = db
    .selectFrom('tasks')
    .innerJoin('items', 'items.id', 'tasks.itemId')
    .where('tasks.status', '=', 'open')
    .where('tasks.suspended', '=', 0)
    .where(candidateOf(p));
  const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await base
    .select([...LIST_COLUMNS])
    .orderBy((eb) => eb.case().when('tasks.dueAt', 'is', null).then(1).else(0).end())
    .orderBy('tasks.dueAt')
    .orderBy('tasks.createdAt')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** My done: tasks I completed, newest first. */
export async function listDone(db: Conn, personId: string, limit: number, offset: number) {
  const base = db.selectFrom('tasks').innerJoin('items', 'items.id', 'tasks.itemId').where('tasks.actorId', '=', personId).where('tasks.status', '=', 'completed');
  const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await base.select([...LIST_COLUMNS]).orderBy('tasks.completedAt', 'desc').limit(limit).offset(offset).execute();
  return { rows, total: Number(total?.n ?? 0) };
}


/** Whether a step held by a role was completed with a positive outcome on an item (县长签发 before 县长印章). */
export async function completedByRole(db: Conn, itemId: string, role: string): Promise<boolean> {
  const row = await db
    .selectFrom('tasks')
    .select('id')
    .where('itemId', '=', itemId)
    .where('assignType', '=', 'role')
    .where('assignValue', '=', role)
    .where('status', '=', 'completed')
    .where('negative', '=', 0)
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/** A task's deadline (read when it completes, to score it on time or overdue). */
export async function findTaskTiming(db: Conn, id: string): Promise<{ dueAt: number | null; dueDate: string | null } | undefined> {
  const row = await db.selectFrom('tasks').select(['dueAt', 'dueDate']).where('id', '=', id).executeTakeFirst();
  return row && { dueAt: row.dueAt == null ? null : Number(row.dueAt), dueDate: row.dueDate };
}
