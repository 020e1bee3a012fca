import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the background connection copies committed WAL frames into the database file. */
const INTERVAL_MS = 100;

/**
 * WAL size, in pages, above which the main connection checkpoints by itself again (the
 * safety net if the background thread ever stops; normally the WAL stays far below).
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_384;

/**
 * The background thread's code (CommonJS, run with `eval`): its own connection to the
 * file and a PASSIVE checkpoint every INTERVAL_MS: it never blocks the writer, and once it
 * has copied every frame the writer's next transaction starts the WAL over.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 2000');
db.pragma('synchronous = NORMAL');
let timer;
const tick = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    // Busy or locked: the next tick tries again.
  }
  timer = setTimeout(tick, workerData.interval);
};
timer = setTimeout(tick, workerData.interval);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearTimeout(timer);
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    // Busy at shutdown: the writer's own checkpoint on close takes over.
  }
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints the WAL of a SQLite file from a worker thread. With synchronous=NORMAL a
 * commit only appends to the WAL; the fsyncs happen when the WAL is copied back into the
 * database file. Done by the writing connection (SQLite's default, every 1,000 pages)
 * that copy and its fsyncs stall whichever action happens to commit at that moment; here
 * they run beside the actions, on the other core. Durability is unchanged: the same
 * checkpoints run with the same syncs, only on another connection.
 */
export class Checkpointer {
  readonly #worker: Worker;
  #stopped?: Promise<void>;

  constructor(file: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.#worker = new Worker(WORKER, {
      eval: true,
      workerData: { file, driver, interval: INTERVAL_MS },
    });
    this.#worker.unref();
    // A failing background thread only means the main connection checkpoints again.
    this.#worker.on('error', () => undefined);
  }

  /** Close the background connection (its last checkpoint first) and end the thread. */
  stop(): Promise<void> {
    this.#stopped ??= new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(kill);
        resolve();
      };
      const kill = setTimeout(() => void this.#worker.terminate().then(done, done), 5_000);
      this.#worker.once('exit', done);
      this.#worker.postMessage('stop');
    });
    return this.#stopped;
  }
}
