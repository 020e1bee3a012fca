import type { Conn } from '../db/database';
import { dialectOf } from '../db/dialect';
import { allColumns, insertRows, prepared, updateById } from '../db/prepared';
import { ITEM_COLUMNS } from '../items/item.repository';
import type { ItemTable } from '../items/item.table';
import { TASK_COLUMNS } from '../tasks/task.repository';
import type { TaskTable } from '../tasks/task.table';
import type { InstanceTable } from './instance.table';

/** Load an instance row; `lock` takes a row lock on PostgreSQL (SQLite transactions are already exclusive). */
export async function findInstance(db: Conn, id: string, lock = false): Promise<InstanceTable | undefined> {
  let q = db.selectFrom('instances').selectAll().where('id', '=', id);
  if (lock && dialectOf(db) === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}


const itemAlias = (c: string) => `joinedItem${c[0].toUpperCase()}${c.slice(1)}`;
const ITEM_ALIASES = ITEM_COLUMNS.map((c) => [c, itemAlias(c)] as const);

/**
 * Load an instance with its item in one query; `lock` row-locks the instance and its item on
 * PostgreSQL, instance first as every action does, so the item's audit head read here stays
 * the current one until the transaction ends (as on SQLite). Undefined when the instance
 * does not exist.
 */
const selectInstanceWithItem = prepared<Record<string, unknown>, boolean>((db, $, lock) => {
  const q = db
    .selectFrom('instances')
    .leftJoin('items', 'items.id', 'instances.itemId')
    .selectAll('instances')
    .select(ITEM_COLUMNS.map((c) => `items.${c} as ${itemAlias(c)}` as 'items.id'))
    .where('instances.id', '=', $[0]);
  if (!lock) return q;
  // Every instance has its item (a foreign key): the inner join is the same rows, and it may be locked.
  return db
    .selectFrom('instances')
    .innerJoin('items', 'items.id', 'instances.itemId')
    .selectAll('instances')
    .select(ITEM_COLUMNS.map((c) => `items.${c} as ${itemAlias(c)}` as 'items.id'))
    .where('instances.id', '=', $[0])
    .forUpdate(['instances', 'items']);
});

export async function findInstanceWithItem(db: Conn, id: string, lock = false): Promise<{ instance: InstanceTable; item: ItemTable | undefined } | undefined> {
  const locked = lock && dialectOf(db) === 'postgres';
  const row = (await selectInstanceWithItem(db, [id], locked, locked ? 'lock' : '')).rows[0];
  if (!row) return undefined;
  // Built column by column: deleting the joined keys from a copy would turn it into a slow dictionary object.
  const instance = {} as Record<string, unknown>;
  for (const c of INSTANCE_COLUMNS) instance[c] = row[c];
  const item = {} as Record<string, unknown>;
  for (const [c, alias] of ITEM_ALIASES) item[c] = row[alias];
  return { instance: instance as unknown as InstanceTable, item: item.id == null ? undefined : (item as unknown as ItemTable) };
}

const instanceAlias = (c: string) => `joinedInstance${c[0].toUpperCase()}${c.slice(1)}`;

/**
 * A task with its instance and the instance's item in one query, the instance and the item
 * row-locked on PostgreSQL (as `findInstanceWithItem` locks them). Undefined when the task
 * does not exist. The task row itself is not locked: the instance's state decides whether
 * the task is still open.
 */
const selectTaskWithInstance = prepared<Record<string, unknown>, boolean>((db, $, lock) => {
  const q = db
    .selectFrom('tasks')
    .innerJoin('instances', 'instances.id', 'tasks.instanceId')
    .innerJoin('items', 'items.id', 'instances.itemId')
    .selectAll('tasks')
    .select(INSTANCE_COLUMNS.map((c) => `instances.${c} as ${instanceAlias(c)}` as 'instances.id'))
    .select(ITEM_COLUMNS.map((c) => `items.${c} as ${itemAlias(c)}` as 'items.id'))
    .where('tasks.id', '=', $[0]);
  return lock ? q.forUpdate(['instances', 'items']) : q;
});

export async function findTaskWithInstance(db: Conn, taskId: string, lock = false): Promise<{ task: TaskTable; instance: InstanceTable; item: ItemTable } | undefined> {
  const locked = lock && dialectOf(db) === 'postgres';
  const row = (await selectTaskWithInstance(db, [taskId], locked, locked ? 'lock' : '')).rows[0];
  if (!row) return undefined;
  const task = {} as Record<string, unknown>;
  for (const c of TASK_COLUMNS) task[c] = row[c];
  const instance = {} as Record<string, unknown>;
  for (const c of INSTANCE_COLUMNS) instance[c] = row[instanceAlias(c)];
  const item = {} as Record<string, unknown>;
  for (const [c, alias] of ITEM_ALIASES) item[c] = row[alias];
  return { task: task as unknown as TaskTable, instance: instance as unknown as InstanceTable, item: item as unknown as ItemTable };
}

/** Insert a new instance. */
export async function insertInstance(db: Conn, row: InstanceTable): Promise<void> {
  await insertRows(db, 'instances', INSTANCE_COLUMNS, [row]);
}

/** Every column of an instance row. */
const INSTANCE_COLUMNS = allColumns<InstanceTable>()([
  'id', 'itemId', 'definitionKey', 'definitionVersion', 'state', 'version', 'status', 'parentInstanceId', 'parentTokenId', 'createdAt', 'updatedAt',
]);

/** Claim an instance for this transaction: bump its version if it is still the one loaded; false when someone else was first. */
export async function claimInstance(db: Conn, id: string, expectedVersion: number, now: number): Promise<boolean> {
  return (await updateById(db, 'instances', id, { version: expectedVersion + 1, updatedAt: now }, ['version', expectedVersion])) === 1;
}

/**
 * Write the new state of an instance if its version is still `expectedVersion`, setting it
 * to `version`. `locked`: this transaction holds the row lock since it read that version, so
 * the guard cannot fail and the answer is not awaited (true is returned).
 */
export async function saveInstanceState(db: Conn, id: string, expectedVersion: number, version: number, state: string, status: string, now: number, locked = false): Promise<boolean> {
  const n = await updateById(db, 'instances', id, { state, status, version, updatedAt: now }, ['version', expectedVersion], locked);
  return locked || n === 1;
}

/** Instances of an item (its own and, through the item, nothing else). */
export async function findInstancesOfItem(db: Conn, itemId: string): Promise<InstanceTable[]> {
  return db.selectFrom('instances').selectAll().where('itemId', '=', itemId).orderBy('createdAt').execute();
}

/** The instance of an item (an item has one), row-locked on PostgreSQL when `lock`. */
export async function findInstanceOfItem(db: Conn, itemId: string, lock = false): Promise<InstanceTable | undefined> {
  let q = db.selectFrom('instances').selectAll().where('itemId', '=', itemId).orderBy('createdAt').limit(1);
  if (lock && dialectOf(db) === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}
