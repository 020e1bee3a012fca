import type { Conn } from '../db/database';
import type { HostTodoTable, TodoRevisionTable } from './integration.table';

/** Take `count` new revisions of a to-do in the caller's transaction; returns the last one. */
export async function issueRevisions(db: Conn, todoId: string, count: number): Promise<number> {
  const row = await db
    .insertInto('todoRevisions')
    .values({ todoId, issued: count, delivered: 0, leasedUntil: null })
    .onConflict((oc) => oc.column('todoId').doUpdateSet((eb) => ({ issued: eb('todoRevisions.issued', '+', count) })))
    .returning('issued')
    .executeTakeFirstOrThrow();
  return Number(row.issued);
}

/** Lease a to-do for delivery; false while another worker holds it. */
export async function leaseTodo(db: Conn, todoId: string, now: number, leaseMs: number): Promise<boolean> {
  const r = await db
    .updateTable('todoRevisions')
    .set({ leasedUntil: now + leaseMs })
    .where('todoId', '=', todoId)
    .where((eb) => eb.or([eb('leasedUntil', 'is', null), eb('leasedUntil', '<=', now)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A to-do's revision row. */
export async function findRevision(db: Conn, todoId: string): Promise<TodoRevisionTable | undefined> {
  return db.selectFrom('todoRevisions').selectAll().where('todoId', '=', todoId).executeTakeFirst();
}

/** Release a to-do's lease, recording the revision delivered when given. */
export async function releaseTodo(db: Conn, todoId: string, delivered?: number): Promise<void> {
  await db
    .updateTable('todoRevisions')
    .set(delivered === undefined ? { leasedUntil: null } : { leasedUntil: null, delivered })
    .where('todoId', '=', todoId)
    .execute();
}

/** Every person's copy of a to-do at the host. */
export async function hostCopies(db: Conn, todoId: string): Promise<HostTodoTable[]> {
  return db.selectFrom('hostTodos').selectAll().where('todoId', '=', todoId).execute();
}

/** Write one person's copy (insert or replace). */
export async function saveHostCopy(db: Conn, row: HostTodoTable): Promise<void> {
  await db
    .insertInto('hostTodos')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['todoId', 'personId']).doUpdateSet({ hostId: row.hostId, assignee: row.assignee, revision: row.revision, state: row.state, updatedAt: row.updatedAt }),
    )
    .execute();
}

/** A person's open to-dos as the host holds them (the pull API counts Duban's own tasks, not these). */
export async function openCopiesOf(db: Conn, personId: string): Promise<HostTodoTable[]> {
  return db.selectFrom('hostTodos').selectAll().where('personId', '=', personId).where('state', '=', 'open').execute();
}
