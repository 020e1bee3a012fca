import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  SqliteAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
} from 'kysely';
import { Checkpointer, FALLBACK_AUTOCHECKPOINT_PAGES } from './checkpointer';

/** How many prepared statements a connection keeps; the app issues a few hundred distinct SQL texts. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * The single SQLite connection, keeping its prepared statements: Kysely's own driver
 * prepares every statement anew on every call, which costs more than running it.
 */
class CachingSqliteConnection implements DatabaseConnection {
  readonly #db: SqliteDatabase;
  readonly #statements = new Map<string, Statement>();

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  #prepare(sql: string): Statement {
    let stmt = this.#statements.get(sql);
    if (stmt) {
      // Most recently used last, so the first key is the one to evict.
      this.#statements.delete(sql);
    } else {
      stmt = this.#db.prepare(sql);
      if (this.#statements.size >= STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value!);
    }
    this.#statements.set(sql, stmt);
    return stmt;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.#prepare(compiledQuery.sql);
    const parameters = compiledQuery.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return {
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(compiledQuery.query)) throw new Error('Sqlite driver only supports streaming of select queries');
    // A statement being iterated is busy: streams get their own.
    const stmt = this.#db.prepare(compiledQuery.sql);
    for (const row of stmt.iterate(compiledQuery.parameters as unknown[])) yield { rows: [row as R] };
  }
}

/** Hands out the one connection to one user at a time. */
class ConnectionMutex {
  #promise?: Promise<void>;
  #resolve?: () => void;

  async lock(): Promise<void> {
    while (this.#promise) await this.#promise;
    this.#promise = new Promise((resolve) => (this.#resolve = resolve));
  }

  unlock(): void {
    const resolve = this.#resolve;
    this.#promise = undefined;
    this.#resolve = undefined;
    resolve?.();
  }
}

/**
 * SQLite driver whose transactions start with BEGIN IMMEDIATE: the write lock
 * is taken up front, so two processes on one file queue on busy_timeout
 * instead of failing with SQLITE_BUSY when a reader upgrades to a writer.
 */
class ImmediateSqliteDriver implements Driver {
  readonly #config: SqliteDialectConfig;
  readonly #mutex = new ConnectionMutex();
  #db?: SqliteDatabase;
  #connection?: CachingSqliteConnection;
  #checkpointer?: Checkpointer;

  constructor(config: SqliteDialectConfig) {
    this.#config = config;
  }

  async init(): Promise<void> {
    const database = this.#config.database;
    this.#db = (typeof database === 'function' ? await database() : database) as unknown as SqliteDatabase;
    this.#connection = new CachingSqliteConnection(this.#db);
    // A file in WAL mode gets its checkpoints from a background thread; the writer keeps a
    // far larger automatic checkpoint only as a fallback.
    if (!this.#db.memory && String(this.#db.pragma('journal_mode', { simple: true })) === 'wal') {
      this.#checkpointer = new Checkpointer(this.#db.name);
      this.#db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    }
    if (this.#config.onCreateConnection) await this.#config.onCreateConnection(this.#connection);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection!;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    await this.#checkpointer?.stop();
    this.#db?.close();
  }
}

/** The SQLite dialect with immediate transactions and cached prepared statements. */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * SQLite runs schema changes inside transactions; saying so makes Kysely's migrator run the
 * pending migrations in one (BEGIN IMMEDIATE) transaction, as on PostgreSQL: a migration
 * that fails or is cut short by a crash leaves no half-changed schema, and a second process
 * opening the same file waits for the first one's migrations instead of running them again.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
