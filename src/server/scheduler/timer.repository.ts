import type { Conn } from '../db/database';
import { dialectOf } from '../db/dialect';
import { allColumns, insertRows, updateById } from '../db/prepared';
import type { TimerTable } from './scheduler.table';

/** Insert a timer (a re-scheduled id replaces the old row). */
export async function insertTimer(db: Conn, row: TimerTable): Promise<void> {
  // Same id → same instance, item and key: the upsert resets every other column to the new row's.
  await insertRows(db, 'timers', TIMER_COLUMNS, [row], { columns: ['id'], action: 'update' });
}

/** Every column of a timer row. */
const TIMER_COLUMNS = allColumns<TimerTable>()(['id', 'instanceId', 'itemId', 'timerKey', 'kind', 'fireAt', 'payload', 'claimedBy', 'claimedAt', 'done', 'attempts', 'lastError']);

/** Mark a timer done without firing (cancelled). */
export async function cancelTimer(db: Conn, id: string): Promise<void> {
  await updateById(db, 'timers', id, { done: 1 }, ['done', 0], true);
}

/**
 * Claim the earliest due timer inside the caller's transaction. On PostgreSQL the
 * row is locked with FOR UPDATE SKIP LOCKED, so another process picks a different
 * one; on SQLite the transaction (BEGIN IMMEDIATE) is exclusive anyway.
 */
export async function claimDueTimer(db: Conn, now: number): Promise<TimerTable | undefined> {
  let q = db.selectFrom('timers').selectAll().where('done', '=', 0).where('fireAt', '<=', now).orderBy('fireAt').orderBy('id').limit(1);
  if (dialectOf(db) === 'postgres') q = q.forUpdate().skipLocked();
  return q.executeTakeFirst();
}

/** Mark a claimed timer fired. */
export async function markTimerFired(db: Conn, id: string, by: string, now: number): Promise<void> {
  await db.updateTable('timers').set({ done: 1, claimedBy: by, claimedAt: now }).where('id', '=', id).execute();
}

/** Record a failed firing and push the timer back. */
export async function deferTimer(db: Conn, id: string, fireAt: number, error: string): Promise<void> {
  await db
    .updateTable('timers')
    .set((eb) => ({ fireAt, lastError: error.slice(0, 1000), attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Pending timers of an instance. */
export async function findPendingTimers(db: Conn, instanceId: string): Promise<TimerTable[]> {
  return db.selectFrom('timers').selectAll().where('instanceId', '=', instanceId).where('done', '=', 0).orderBy('fireAt').execute();
}

/** The earliest pending fire time, for the scheduler's sleep. */
export async function nextFireAt(db: Conn): Promise<number | undefined> {
  const r = await db.selectFrom('timers').select((eb) => eb.fn.min('fireAt').as('t')).where('done', '=', 0).executeTakeFirst();
  return r?.t == null ? undefined : Number(r.t);
}
