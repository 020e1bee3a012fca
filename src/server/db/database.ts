import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, type LogConfig, sql, type Transaction } from 'kysely';
import pg from 'pg';
export { dialectOf } from './dialect';
import { dialectOf } from './dialect';
import { migrateToLatest } from './migrate';
import { PipelinedPostgresDialect } from './pg-driver';
import { flushSearchIndex } from './search-index';
import type { DB } from './schema';
import { ImmediateSqliteDialect } from './sqlite-dialect';

/** The Kysely handle the server uses everywhere. */
export type Db = Kysely<DB>;
/** A transaction or the database: repositories accept either. */
export type Conn = Kysely<DB> | Transaction<DB>;

/** Options of createDb. */
export interface CreateDbOptions {
  /** 'postgres://…' for PostgreSQL; a file path (or 'sqlite:path') for SQLite; default data/duban.sqlite. */
  url?: string;
  /** PostgreSQL: the schema to use (tests use one schema per suite). */
  schema?: string;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /** Run migrations to the latest version (default true). */
  migrate?: boolean;
  /** Kysely's query log: each statement run, with its parameters and duration (off by default). */
  log?: LogConfig;
}


/** The file of each SQLite database createDb opened (backups copy it). */
const FILES = new WeakMap<Db, string>();

/** The SQLite file behind a database handle; undefined on PostgreSQL. */
export function databaseFile(db: Db): string | undefined {
  return FILES.get(db);
}

const INT8 = 20;
const NUMERIC = 1700;

/** Open the database (SQLite by default, PostgreSQL for a postgres:// URL) and migrate it. */
export async function createDb(options: CreateDbOptions = {}): Promise<Db> {
  const url = options.url ?? 'data/duban.sqlite';
  let db: Db;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      // Our counters and epoch-millisecond timestamps fit in a double: read int8 as number.
      types: {
        getTypeParser: ((oid: number, format?: any) =>
          oid === INT8 || oid === NUMERIC ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as any,
      },
      options: options.schema ? `-c search_path=${options.schema}` : undefined,
    });
    db = new Kysely<DB>({ dialect: new PipelinedPostgresDialect({ pool }), plugins: [new CamelCasePlugin()], log: options.log });
  } else {
    const file = resolve(url.replace(/^sqlite:/, ''));
    mkdirSync(dirname(file), { recursive: true });
    const sqlite = new BetterSqlite3(file);
    applySqlitePragmas(sqlite);
    db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()], log: options.log });
    FILES.set(db, file);
  }
  if (options.migrate !== false) await retryCatalogRace(() => migrateToLatest(db, options.schema));
  return db;
}

/**
 * The settings of every SQLite connection the server writes through. WAL with
 * synchronous=NORMAL: a commit is durable against a process crash (not a power cut before
 * the next checkpoint) and costs no fsync; readers never block the writer. Sorts and
 * temporary indexes in memory, a 64 MiB page cache and 256 MiB of the file mapped.
 */
export function applySqlitePragmas(sqlite: BetterSqlite3.Database): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('mmap_size = 268435456');
}

/**
 * Run a migration again when PostgreSQL reports that a schema vanished while Kysely read
 * the catalog (3F000): its table-exists check scans every schema of the database, and one
 * dropped meanwhile (another tenant's, a finished test's) fails the scan, not our change.
 */
export async function retryCatalogRace<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const code = (err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
      if (code !== '3F000' || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

/**
 * Keep the query planner's statistics fresh. SQLite gathers none by itself: without
 * them it may walk the ledger's sort index instead of the unit index. It also indexes
 * the search texts still waiting (see flushSearchIndex), so bulk loads end with a full
 * index. PostgreSQL's autovacuum does the same on its own, but only minutes after a bulk
 * load: until a table is vacuumed, its index-only scans read the table as well, and the
 * ledger's counts and visibility lists take several times as long. So the ledger's
 * tables are vacuumed and analyzed here (cheap when little changed; skipped while
 * another vacuum holds them).
 */
export async function maintainDb(db: Db): Promise<void> {
  if (dialectOf(db) !== 'sqlite') {
    await sql`vacuum (analyze, skip_locked) items, item_units, item_participants`.execute(db);
    return;
  }
  await flushSearchIndex(db);
  await sql`pragma analysis_limit = 1000`.execute(db);
  await sql`pragma optimize = 0x10002`.execute(db);
}
