import type { Conn } from '../db/database';
import { dialectOf } from '../db/dialect';
import { allColumns, insertRows } from '../db/prepared';
import type { JobTable } from './scheduler.table';

/** An outbox job as the caller describes it. */
export type NewJob = Pick<JobTable, 'id' | 'kind' | 'payload' | 'createdAt'> & { nextAttemptAt?: number };

const jobRow = (row: NewJob): JobTable => ({ ...row, attempts: 0, nextAttemptAt: row.nextAttemptAt ?? row.createdAt, done: 0, lastError: null, doneAt: null });

/** Enqueue an outbox job inside the caller's transaction. */
export async function insertJob(db: Conn, row: NewJob): Promise<void> {
  await db.insertInto('jobs').values(jobRow(row)).execute();
}

/** Enqueue outbox jobs inside the caller's transaction, in multi-row inserts. */
export async function insertJobs(db: Conn, rows: NewJob[]): Promise<void> {
  await insertRows(db, 'jobs', JOB_COLUMNS, rows.map(jobRow));
}

/** Every column of a job row. */
const JOB_COLUMNS = allColumns<JobTable>()(['id', 'kind', 'payload', 'attempts', 'nextAttemptAt', 'done', 'lastError', 'createdAt', 'doneAt']);

/**
 * Lease the earliest due job: bump its attempt count and push its next attempt
 * out by `leaseMs`, so a crashed worker's job comes back later. Row-locked with
 * SKIP LOCKED on PostgreSQL.
 */
export async function leaseJob(db: Conn, now: number, leaseMs: number): Promise<JobTable | undefined> {
  let q = db.selectFrom('jobs').selectAll().where('done', '=', 0).where('nextAttemptAt', '<=', now).orderBy('nextAttemptAt').orderBy('id').limit(1);
  if (dialectOf(db) === 'postgres') q = q.forUpdate().skipLocked();
  const job = await q.executeTakeFirst();
  if (!job) return undefined;
  await db.updateTable('jobs').set({ attempts: job.attempts + 1, nextAttemptAt: now + leaseMs }).where('id', '=', job.id).execute();
  return { ...job, attempts: job.attempts + 1 };
}

/** Mark a job delivered. */
export async function completeJob(db: Conn, id: string, now: number): Promise<void> {
  await db.updateTable('jobs').set({ done: 1, doneAt: now, lastError: null }).where('id', '=', id).execute();
}

/** Record a failed delivery; retry at `nextAttemptAt`, or give up (done = 2) after too many attempts. */
export async function failJob(db: Conn, id: string, error: string, nextAttemptAt: number, giveUp: boolean, attempts?: number): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ lastError: error.slice(0, 1000), nextAttemptAt, ...(giveUp ? { done: 2 } : {}), ...(attempts === undefined ? {} : { attempts }) })
    .where('id', '=', id)
    .execute();
}

/** Counts of pending, delivered and failed jobs. */
export async function jobStats(db: Conn): Promise<{ pending: number; done: number; failed: number }> {
  const rows = await db.selectFrom('jobs').select(['done', (eb) => eb.fn.countAll().as('n')]).groupBy('done').execute();
  const by = new Map(rows.map((r) => [Number(r.done), Number(r.n)]));
  return { pending: by.get(0) ?? 0, done: by.get(1) ?? 0, failed: by.get(2) ?? 0 };
}

/** Delete delivered jobs and fired or cancelled timers older than `before` (the audit log keeps the record). */
export async function pruneDone(db: Conn, before: number): Promise<{ jobs: number; timers: number }> {
  const jobs = await db.deleteFrom('jobs').where('done', '=', 1).where('doneAt', '<', before).executeTakeFirst();
  const timers = await db.deleteFrom('timers').where('done', '=', 1).where('fireAt', '<', before).executeTakeFirst();
  return { jobs: Number(jobs.numDeletedRows), timers: Number(timers.numDeletedRows) };
}
