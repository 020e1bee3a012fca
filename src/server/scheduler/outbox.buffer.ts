import { randomUUID } from 'node:crypto';
import type { Conn } from '../db/database';
import { insertJobs, type NewJob } from './job.repository';

/** The outbox jobs of one action (to-dos and notices for the host), written together at the end of the action. */
export class OutboxBuffer {
  readonly #jobs: NewJob[] = [];

  constructor(private readonly now: number) {}

  /** Enqueue a job for the host. */
  push(kind: string, payload: Record<string, unknown>): void {
    this.#jobs.push({ id: randomUUID(), kind, payload: JSON.stringify(payload), createdAt: this.now });
  }

  /** Write the jobs in multi-row inserts. */
  async flush(db: Conn): Promise<void> {
    await insertJobs(db, this.#jobs);
  }
}
