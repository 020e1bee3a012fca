import { randomUUID } from 'node:crypto';
import type { Conn } from '../db/database';
import { TODO_KINDS, type TodoJob } from '../integration/todo.delivery';
import { issueRevisions } from '../integration/todo.repository';
import { insertJobs, type NewJob } from './job.repository';

let sequence = 0;

/**
 * A job id that sorts in the order jobs were written (the outbox leases due jobs by time, then id), so a
 * to-do's revisions written together are delivered in turn; the random tail keeps ids unique across nodes.
 */
export function jobId(now: number): string {
  sequence = (sequence + 1) % 36 ** 6;
  return `${Math.max(0, now).toString(36).padStart(9, '0')}${sequence.toString(36).padStart(6, '0')}-${randomUUID().slice(0, 13)}`;
}

/** The outbox jobs of one action (to-dos and notices for the host), written together at the end of the action. */
export class OutboxBuffer {
  readonly #jobs: NewJob[] = [];
  /** The 已办 jobs of this action by the instance whose task they close (see `finishTodos`). */
  readonly #done = new Map<string, NewJob[]>();

  constructor(private readonly now: number) {}

  /** Enqueue a job for the host; `instanceId` names the instance a `todo.done` job's task belongs to. */
  push(kind: string, payload: Record<string, unknown>, options: { instanceId?: string } = {}): void {
    const job: NewJob = { id: jobId(this.now), kind, payload: JSON.stringify(payload), createdAt: this.now };
    this.#jobs.push(job);
    if (kind === 'todo.done' && options.instanceId) (this.#done.get(options.instanceId) ?? this.#done.set(options.instanceId, []).get(options.instanceId)!).push(job);
  }

  /**
   * The instance ended in this action: the 已办 of the step that ended it is a 办结 (`finished`), for the
   * hosts that tell them apart. The engine runs the service steps after the last task in the same action,
   * so the end is known only after the task's own effect was applied.
   */
  finishTodos(instanceId: string): void {
    for (const job of this.#done.get(instanceId) ?? []) job.payload = JSON.stringify({ ...JSON.parse(job.payload), finished: true });
  }

  /** Write the jobs in multi-row inserts; each to-do job takes the to-do's next revision, in the order pushed. */
  async flush(db: Conn): Promise<void> {
    const perTodo = new Map<string, NewJob[]>();
    for (const job of this.#jobs) {
      if (!TODO_KINDS.has(job.kind)) continue;
      const id = (JSON.parse(job.payload) as TodoJob).facts.id;
      (perTodo.get(id) ?? perTodo.set(id, []).get(id)!).push(job);
    }
    for (const [id, jobs] of perTodo) {
      const last = await issueRevisions(db, id, jobs.length);
      jobs.forEach((job, i) => {
        job.payload = JSON.stringify({ ...JSON.parse(job.payload), revision: last - jobs.length + 1 + i });
      });
    }
    await insertJobs(db, this.#jobs);
  }
}
