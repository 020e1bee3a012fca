import type { AppContext } from '../context';
import type { InstanceService } from '../workflow/instance.service';
import { maintainDb } from '../db/database';
import { flushSearchIndex } from '../db/search-index';
import { pruneDone } from './job.repository';
import { runOutboxOnce } from './outbox';

/** How long delivered jobs and fired timers are kept. */
const RETAIN_DONE_MS = 30 * 86_400_000;

/** Options of the scheduler loop. */
export interface SchedulerOptions {
  /** Pause between polls when idle (default 1 s). */
  pollMs?: number;
  /** Most timers fired / jobs delivered per poll before yielding (default 100). */
  batch?: number;
  log?: { error: (obj: unknown, msg?: string) => void };
}

/**
 * Fires due timers from the database and runs the outbox worker. Safe to run in
 * several processes on one PostgreSQL: every timer and job is claimed with
 * FOR UPDATE SKIP LOCKED and completed in the same transaction as its effects.
 */
export class Scheduler {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;
  #maintainedAt = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly instances: InstanceService,
    private readonly options: SchedulerOptions = {},
  ) {}

  /** Fire every due timer (up to `max`); returns how many were handled. */
  async runDueTimers(max = this.options.batch ?? 100): Promise<number> {
    let n = 0;
    while (n < max && (await this.instances.fireDueTimer())) n++;
    return n;
  }

  /** Deliver due outbox jobs (up to `max`); returns how many were handled. */
  async runOutbox(max = this.options.batch ?? 100): Promise<number> {
    let n = 0;
    while (n < max && (await runOutboxOnce(this.ctx))) n++;
    return n;
  }

  /** One poll: refresh caches another node may have changed, index new search texts (SQLite), fire timers, deliver jobs. */
  async tick(): Promise<{ timers: number; jobs: number }> {
    await this.ctx.dir.refreshIfStale(Date.now());
    await this.ctx.calendar.refreshIfStale();
    if (Date.now() - this.#maintainedAt > 3_600_000) {
      this.#maintainedAt = Date.now();
      await pruneDone(this.ctx.db, this.ctx.now() - RETAIN_DONE_MS);
      await maintainDb(this.ctx.db);
    }
    await flushSearchIndex(this.ctx.db);
    const timers = await this.runDueTimers();
    const jobs = await this.runOutbox();
    return { timers, jobs };
  }

  /** Start polling. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const loop = async () => {
      if (this.#stopped) return;
      let busy = false;
      this.#running = (async () => {
        try {
          const r = await this.tick();
          busy = r.timers + r.jobs > 0;
        } catch (err) {
          this.options.log?.error({ err }, 'scheduler tick failed');
        }
      })();
      await this.#running;
      this.#running = undefined;
      if (!this.#stopped) this.#timer = setTimeout(loop, busy ? 0 : this.options.pollMs ?? 1000);
    };
    this.#timer = setTimeout(loop, 0);
  }

  /** Stop polling and wait for the current poll to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }
}
