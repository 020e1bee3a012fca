import { deliverTodo, TODO_KINDS, TodoBusy, type TodoDeliveryContext } from '../integration/todo.delivery';
import { completeJob, failJob, leaseJob } from './job.repository';
import type { JobTable } from './scheduler.table';

/** Attempts before a job is given up (marked failed, kept for inspection). */
export const MAX_JOB_ATTEMPTS = 20;
/** How long a leased job stays invisible to other workers. */
const LEASE_MS = 60_000;

/** Delay before retry N (1-based): 2 s, 4 s, 8 s … capped at one hour. */
export function backoffMs(attempt: number): number {
  return Math.min(3_600_000, 1000 * 2 ** Math.min(attempt, 20));
}

/** Deliver one job to the host. Unknown kinds fail loudly so they are visible, not dropped. */
export async function deliver(ctx: TodoDeliveryContext, job: Pick<JobTable, 'kind' | 'payload'>): Promise<void> {
  const host = ctx.host;
  const p = JSON.parse(job.payload);
  if (TODO_KINDS.has(job.kind)) {
    await deliverTodo(ctx, job.kind, p);
    return;
  }
  switch (job.kind) {
    case 'notify':
      return host.notify({ ...p, url: ctx.links.fromHash(p.url) });
    case 'seal':
      if (host.seal) await host.seal(p);
      return;
    case 'archive':
      if (host.archive) await host.archive(p);
      return;
    default:
      throw new Error(`unknown job kind <${job.kind}>`);
  }
}

/**
 * The outbox worker: lease a due job in a short transaction, deliver it outside
 * any transaction, then mark it done or schedule a retry with backoff. A worker
 * that dies mid-delivery leaves the lease to expire, so the job is retried
 * (deliveries are at least once; payload ids make them idempotent at the host).
 */
export async function runOutboxOnce(ctx: TodoDeliveryContext): Promise<boolean> {
  const { db, now } = ctx;
  const job = await db.transaction().execute((trx) => leaseJob(trx, now(), LEASE_MS));
  if (!job) return false;
  try {
    await deliver(ctx, job);
    await completeJob(db, job.id, now());
  } catch (err) {
    if (err instanceof TodoBusy) {
      // Another worker holds the to-do: try again in a moment, without spending an attempt.
      await failJob(db, job.id, err.message, now() + 2000, false, job.attempts - 1);
      return true;
    }
    const giveUp = job.attempts >= MAX_JOB_ATTEMPTS;
    await failJob(db, job.id, String((err as Error)?.message ?? err), now() + backoffMs(job.attempts), giveUp);
  }
  return true;
}
