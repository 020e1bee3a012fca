import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { toLocalDateTime } from '../../engine/calendar/time';
import { AppError } from '../errors';

/** A backup file in the backup folder. */
export interface BackupInfo {
  name: string;
  bytes: number;
  /** When it was made (epoch ms, from the file). */
  createdAt: number;
}

/** Options of Backups. */
export interface BackupOptions {
  /** The SQLite database file; undefined on PostgreSQL, where backups are the DBA's (pg_dump). */
  file: string | undefined;
  /** Where backups go (default: a `backups` folder next to the database file). */
  dir: string;
  /** How many backups to keep, newest first (default 14). */
  keep?: number;
}

/** Backup file names: duban-YYYYMMDD-HHmmss[-n].sqlite, in Beijing time, so they sort by age. */
const NAME = /^duban-\d{8}-\d{6}(-\d+)?\.sqlite$/;

/**
 * The background thread's code (CommonJS, run with `eval`): its own connection copies the
 * database with VACUUM INTO, which reads one consistent snapshot (WAL readers never block
 * the writer, and actions go on meanwhile), then checks the copy before it is kept.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
try {
  const db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  db.prepare('vacuum into ?').run(workerData.target);
  db.close();
  const copy = new Database(workerData.target, { readonly: true });
  const check = copy.pragma('quick_check', { simple: true });
  copy.close();
  parentPort.postMessage(check === 'ok' ? { ok: true } : { ok: false, error: 'quick_check: ' + check });
} catch (err) {
  parentPort.postMessage({ ok: false, error: String(err && err.message || err) });
}
`;

/** The error of a backup that could not be made; the reason is kept for the log. */
const failed = (reason: string | undefined, cause?: unknown) =>
  new AppError('BACKUP_FAILED', '备份失败，请检查备份目录的磁盘空间和写入权限', { status: 500, details: { reason }, cause });

/** The backup name for a moment, in Beijing time (UTC+8, no daylight saving). */
export function backupName(at: number): string {
  // 'YYYY-MM-DD HH:mm:ss' → 'YYYYMMDD-HHmmss'
  return `duban-${toLocalDateTime(at).replace(/[-:]/g, '').replace(' ', '-')}.sqlite`;
}

/**
 * Online backups of the embedded SQLite database: a consistent copy made beside the
 * running server (a worker thread, so requests are served meanwhile), checked with
 * quick_check, then moved into place, so a file in the folder is always a whole,
 * checked database. The newest `keep` are kept. To restore, stop the server and put a
 * backup in place of the database file (and remove its -wal and -shm files).
 */
export class Backups {
  readonly file: string | undefined;
  readonly dir: string;
  readonly keep: number;
  #running?: Promise<BackupInfo>;

  constructor(options: BackupOptions) {
    this.file = options.file;
    this.dir = options.dir;
    // Anything but a whole number from 1 up (a mistyped setting) keeps the default, never deletes all.
    this.keep = Number.isInteger(options.keep) && options.keep! >= 1 ? options.keep! : 14;
  }

  /** Whether this database is backed up here (SQLite) or by its administrator (PostgreSQL). */
  get supported(): boolean {
    return this.file !== undefined;
  }

  /** The backups, newest first. */
  list(): BackupInfo[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((n) => NAME.test(n))
      .map((name) => {
        const st = statSync(join(this.dir, name));
        return { name, bytes: st.size, createdAt: Math.round(st.mtimeMs) };
      })
      .sort((a, b) => b.createdAt - a.createdAt || (a.name < b.name ? 1 : -1));
  }

  /** The path of a backup by name; undefined for anything that is not one of ours. */
  path(name: string): string | undefined {
    if (!NAME.test(name)) return undefined;
    const p = join(this.dir, name);
    return existsSync(p) ? p : undefined;
  }

  /** Make a backup now (one at a time: a second call while one runs gets the same one). */
  create(now = Date.now()): Promise<BackupInfo> {
    if (!this.file) {
      return Promise.reject(new AppError('BACKUP_NOT_SUPPORTED', '当前使用 PostgreSQL 数据库，请由数据库管理员用 pg_dump 等工具备份', { status: 409 }));
    }
    this.#running ??= this.#create(this.file, now).finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** Make a backup when the newest is older than `maxAgeMs` (or there is none); returns it, or undefined. */
  async ensureRecent(now = Date.now(), maxAgeMs = 86_400_000): Promise<BackupInfo | undefined> {
    if (!this.supported) return undefined;
    const newest = this.list()[0];
    if (newest && now - newest.createdAt < maxAgeMs) return undefined;
    return this.create(now);
  }

  /**
   * Keep a backup at most a day old while the server runs: checks at once and then every
   * hour. `report` hears of each backup made or failed. Returns a function that stops it.
   */
  keepDaily(report: (result: { ok: true; backup: BackupInfo } | { ok: false; error: unknown }) => void): () => void {
    const tick = () => {
      this.ensureRecent().then(
        (backup) => backup && report({ ok: true, backup }),
        (error) => report({ ok: false, error }),
      );
    };
    tick();
    const timer = setInterval(tick, 3_600_000);
    timer.unref();
    return () => clearInterval(timer);
  }

  async #create(file: string, now: number): Promise<BackupInfo> {
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch (err) {
      throw failed((err as Error).message, err);
    }
    const base = backupName(now);
    let name = base;
    for (let n = 2; existsSync(join(this.dir, name)); n++) name = base.replace(/\.sqlite$/, `-${n}.sqlite`);
    const target = join(this.dir, name);
    const partial = `${target}.partial`;
    // Left by a backup that a stopped server cut short: never a whole backup, so never kept.
    for (const n of readdirSync(this.dir)) if (n.endsWith('.sqlite.partial')) rmSync(join(this.dir, n), { force: true });
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const result = await new Promise<{ ok: boolean; error?: string }>((resolve) => {
      const worker = new Worker(WORKER, { eval: true, workerData: { file, target: partial, driver } });
      worker.once('message', resolve);
      worker.once('error', (err) => resolve({ ok: false, error: err.message }));
      worker.once('exit', () => resolve({ ok: false, error: 'backup thread ended early' }));
    });
    if (!result.ok) {
      rmSync(partial, { force: true });
      throw failed(result.error);
    }
    renameSync(partial, target);
    for (const old of this.list().slice(this.keep)) rmSync(join(this.dir, old.name), { force: true });
    const st = statSync(target);
    return { name, bytes: st.size, createdAt: Math.round(st.mtimeMs) };
  }
}
