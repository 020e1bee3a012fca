import { type ControlledTransaction, sql, type Transaction } from 'kysely';
import type { Db } from './database';
import type { DB } from './schema';

/** Options of GroupCommit. */
export interface GroupCommitOptions {
  /** At most this many actions share one commit (default 64). */
  maxActions?: number;
  /** A batch stops taking new actions after this many milliseconds (default 20). */
  maxMs?: number;
}

interface Pending {
  work: (trx: Transaction<DB>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/**
 * Group commit for the embedded SQLite database. SQLite has one writer: actions already
 * run one after another on the one connection, and most of an action's cost there is
 * its COMMIT (the WAL frames of every page it touched). Actions that arrive while
 * others run join the same transaction, each inside its own SAVEPOINT: an action that
 * fails rolls back to its savepoint and leaves no trace, the others go on. The batch
 * commits once, and only then is any of its actions answered, so an acknowledged
 * action is committed and a failed commit answers every action of the batch with its
 * error (none of them was acknowledged). A lone action is a transaction of its own,
 * exactly as without grouping. Between actions the batch lets the event loop turn once,
 * so requests already waiting on their sockets can join it.
 */
export class GroupCommit {
  readonly #db: Db;
  readonly #maxActions: number;
  readonly #maxMs: number;
  readonly #queue: Pending[] = [];
  #running = false;
  /** Figures for benchmarks and tests: batches committed and actions in them. */
  readonly stats = { batches: 0, actions: 0 };

  constructor(db: Db, options: GroupCommitOptions = {}) {
    this.#db = db;
    this.#maxActions = options.maxActions ?? 64;
    this.#maxMs = options.maxMs ?? 20;
  }

  /** Run `work` as one atomic action; resolves after the commit that made it durable. */
  run<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#running) void this.#loop();
    });
  }

  async #loop(): Promise<void> {
    this.#running = true;
    try {
      while (this.#queue.length) await this.#batch();
    } finally {
      this.#running = false;
    }
  }

  async #batch(): Promise<void> {
    let trx: ControlledTransaction<DB>;
    try {
      trx = await this.#db.startTransaction().execute();
    } catch (err) {
      for (const p of this.#queue.splice(0)) p.reject(err);
      return;
    }
    const done: { p: Pending; value: unknown }[] = [];
    const started = performance.now();
    let waited = false;
    try {
      while (done.length < this.#maxActions && performance.now() - started < this.#maxMs) {
        if (!this.#queue.length) {
          // SQLite calls are synchronous: without a turn of the event loop, requests already
          // on the sockets could never join. One turn; if it brings nobody, commit.
          if (waited) break;
          await new Promise<void>((resolve) => setImmediate(resolve));
          waited = true;
          continue;
        }
        waited = false;
        const p = this.#queue.shift()!;
        if (done.length === 0) {
          // Nothing else in the transaction yet: no savepoint needed; if it fails the whole
          // transaction is rolled back and the queue goes on in a new one.
          try {
            done.push({ p, value: await p.work(trx) });
          } catch (err) {
            p.reject(err);
            await trx.rollback().execute();
            return;
          }
          continue;
        }
        await sql`savepoint action`.execute(trx);
        try {
          const value = await p.work(trx);
          await sql`release savepoint action`.execute(trx);
          done.push({ p, value });
        } catch (err) {
          p.reject(err);
          await sql`rollback to savepoint action`.execute(trx);
          await sql`release savepoint action`.execute(trx);
        }
      }
      await trx.commit().execute();
    } catch (err) {
      // The transaction itself failed (I/O error, full disk): nothing of the batch is
      // durable, so nothing of it is acknowledged.
      await trx.rollback().execute().catch(() => undefined);
      for (const { p } of done) p.reject(err);
      return;
    }
    this.stats.batches++;
    this.stats.actions += done.length;
    for (const { p, value } of done) p.resolve(value);
  }
}
