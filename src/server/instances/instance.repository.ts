import type { Conn } from '../db/database';
import { dialectOf } from '../db/dialect';
import type { InstanceTable } from './instance.table';

/** Load an instance row; `lock` takes a row lock on PostgreSQL (SQLite transactions are already exclusive). */
export async function findInstance(db: Conn, id: string, lock = false): Promise<InstanceTable | undefined> {
  let q = db.selectFrom('instances').selectAll().where('id', '=', id);
  if (lock && dialectOf(db) === 'postgres') q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Insert a new instance. */
export async function insertInstance(db: Conn, row: InstanceTable): Promise<void> {
  await db.insertInto('instances').values(row).execute();
}

/** Claim an instance for this transaction: bump its version if it is still the one loaded; false when someone else was first. */
export async function claimInstance(db: Conn, id: string, expectedVersion: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('instances')
    .set({ version: expectedVersion + 1, updatedAt: now })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Write the new state of a claimed instance, guarded by the claimed version. */
export async function saveInstanceState(db: Conn, id: string, version: number, state: string, status: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('instances')
    .set({ state, status, updatedAt: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Instances of an item (its own and, through the item, nothing else). */
export async function findInstancesOfItem(db: Conn, itemId: string): Promise<InstanceTable[]> {
  return db.selectFrom('instances').selectAll().where('itemId', '=', itemId).orderBy('createdAt').execute();
}
