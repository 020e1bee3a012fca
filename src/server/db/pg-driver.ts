import {
  AbortedTransactionError,
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  PostgresDialect,
  type PostgresDialectConfig,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { createRequire } from 'node:module';
import type pg from 'pg';

/** The driver's own conversion of a parameter to its text form (dates, arrays, JSON), so an inlined value reads as the same parameter would. */
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue(value: unknown): unknown };

/** Marks a compiled query whose result nobody reads: inside a transaction it may wait and travel with the next one. */
const DEFERRABLE = Symbol('deferrable');
/** Marks a compiled query of a fixed shape run many times: kept as a named prepared statement on each connection. */
const PREPARED = Symbol('prepared');

type Marked = CompiledQuery & { [DEFERRABLE]?: true; [PREPARED]?: true };

/** The query, marked as one whose result is not read (a write of an action, checked by nobody). */
export function deferrable<T extends CompiledQuery>(query: T): T {
  return Object.assign({ ...query }, { [DEFERRABLE]: true as const });
}

/** The query, marked as a fixed-shape statement worth preparing on the server once per connection. */
export function preparedStatement<T extends CompiledQuery>(query: T): T {
  return Object.assign({ ...query }, { [PREPARED]: true as const });
}

/** Round trips to PostgreSQL from this process (messages answered), for benchmarks. */
export const roundTrips = { count: 0 };

/** Statements prepared on one connection at most; past this, queries are parsed each time. */
const MAX_PREPARED_PER_CONNECTION = 500;

/** One name per SQL text across connections (a name must always mean the same text). */
const NAMES = new Map<string, string>();

/**
 * A value written into the SQL text as a literal, exactly as PostgreSQL reads the same value
 * sent as an untyped parameter: a quoted string whose type the statement decides. Undefined
 * for values without a safe text form (binary data).
 */
function literal(value: unknown): string | undefined {
  if (value === null || value === undefined) return 'NULL';
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return undefined;
  const text = prepareValue(value) as unknown;
  if (text === null || text === undefined) return 'NULL';
  if (typeof text !== 'string') return undefined;
  // NUL cannot be in a PostgreSQL text value; leave such input to the server's own error.
  if (text.includes('\u0000')) return undefined;
  // As the driver's escapeLiteral (quotes doubled; with a backslash, an E'' string with backslashes doubled), in native replaces: states are long.
  const quoted = text.replaceAll("'", "''");
  return text.includes('\\') ? `E'${quoted.replaceAll('\\', '\\\\')}'` : `'${quoted}'`;
}

/**
 * The SQL of a compiled query with its parameters inlined, or undefined when that is not
 * safe: only Kysely's own output is inlined (placeholders $1…$n and no quoted text or
 * comments of its own, where a `$1` could mean something else).
 */
function inline(query: CompiledQuery): string | undefined {
  const text = query.sql;
  if (text.includes("'") || text.includes('$$') || text.includes('--') || text.includes('/*')) return undefined;
  const values: string[] = [];
  for (const p of query.parameters) {
    const l = literal(p);
    if (l === undefined) return undefined;
    values.push(l);
  }
  let bad = false;
  const out = text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = values[Number(n) - 1];
    if (v === undefined) bad = true;
    return v ?? '';
  });
  return bad ? undefined : out;
}

function resultOf<R>(r: pg.QueryResult): QueryResult<R> {
  const { command, rowCount, rows } = r;
  if (command === 'ROLLBACK' || command === 'COMMIT') return { rows: [{ command } as R] };
  return {
    numAffectedRows: command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE' ? BigInt(rowCount ?? 0) : undefined,
    rows: (rows ?? []) as R[],
  };
}

/**
 * A pooled PostgreSQL connection that saves round trips inside transactions. BEGIN and the
 * writes nobody reads the result of (marked `deferrable`) wait in order and go to the server
 * in one message with the next statement that needs an answer, or with COMMIT: an action of
 * a dozen statements costs a few round trips instead of a dozen. The server still runs every
 * statement in the same order in the same transaction, so what it sees is unchanged; an error
 * in a waiting write surfaces at the statement it travelled with (and the transaction rolls
 * back as before). The queries of repositories' fixed shapes are named prepared statements.
 */
class PipelinedConnection implements DatabaseConnection {
  readonly #client: pg.PoolClient;
  readonly #prepared = new Set<string>();
  /** Statements waiting to be sent, in order (inlined SQL). */
  #waiting: string[] = [];
  /** BEGIN is waiting too: nothing has reached the server in this transaction yet. */
  #beginWaiting = false;
  #inTransaction = false;
  discarded = false;

  constructor(client: pg.PoolClient) {
    this.#client = client;
  }

  get client(): pg.PoolClient {
    return this.#client;
  }

  begin(sql: string): void {
    this.#inTransaction = true;
    this.#beginWaiting = true;
    this.#waiting = [sql];
  }

  /** COMMIT with everything still waiting, in one message; nothing to send when nothing was. */
  async commit(): Promise<QueryResult<unknown>> {
    this.#inTransaction = false;
    if (this.#beginWaiting && this.#waiting.length === 1) {
      this.#beginWaiting = false;
      this.#waiting = [];
      return { rows: [{ command: 'COMMIT' }] };
    }
    return this.#send('commit');
  }

  async rollback(): Promise<void> {
    this.#inTransaction = false;
    const sent = !this.#beginWaiting;
    this.#beginWaiting = false;
    this.#waiting = [];
    if (sent) await this.#run('rollback', []);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.discarded) throw new Error('PostgreSQL connection has been discarded');
    const marked = query as Marked;
    if (this.#inTransaction && marked[DEFERRABLE]) {
      const text = inline(query);
      if (text !== undefined) {
        this.#waiting.push(text);
        return { rows: [] };
      }
    }
    if (this.#waiting.length) {
      const text = inline(query);
      if (text !== undefined) return this.#send(text) as Promise<QueryResult<R>>;
      await this.#flush();
    }
    return this.#run(query.sql, query.parameters, marked[PREPARED] === true);
  }

  /** The waiting statements and `last` in one simple-protocol message; the answer is last's. */
  async #send(last: string): Promise<QueryResult<unknown>> {
    const text = [...this.#waiting, last].join(';\n');
    this.#waiting = [];
    this.#beginWaiting = false;
    roundTrips.count++;
    const r = (await this.#client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
    return resultOf(Array.isArray(r) ? r[r.length - 1] : r);
  }

  async #flush(): Promise<void> {
    if (!this.#waiting.length) return;
    const text = this.#waiting.join(';\n');
    this.#waiting = [];
    this.#beginWaiting = false;
    roundTrips.count++;
    await this.#client.query(text);
  }

  async #run<R>(sql: string, parameters: readonly unknown[], prepare = false): Promise<QueryResult<R>> {
    let name: string | undefined;
    if (prepare && parameters.length && (this.#prepared.has(sql) || this.#prepared.size < MAX_PREPARED_PER_CONNECTION)) {
      name = NAMES.get(sql);
      if (!name) NAMES.set(sql, (name = `duban_${NAMES.size + 1}`));
      this.#prepared.add(sql);
    }
    roundTrips.count++;
    const r = await this.#client.query({ text: sql, values: [...parameters], name });
    return resultOf<R>(r);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not used on PostgreSQL');
  }
}

/** Kysely's PostgreSQL driver with PipelinedConnection's round-trip savings. */
class PipelinedPostgresDriver implements Driver {
  readonly #pool: pg.Pool;
  readonly #connections = new WeakMap<pg.PoolClient, PipelinedConnection>();

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const client = await this.#pool.connect();
    let c = this.#connections.get(client);
    if (!c) this.#connections.set(client, (c = new PipelinedConnection(client)));
    return c;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      sql = 'start transaction';
      if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) sql += ` ${settings.accessMode}`;
    }
    (connection as PipelinedConnection).begin(sql);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { rows } = await (connection as PipelinedConnection).commit();
    // PostgreSQL answers COMMIT with ROLLBACK when an earlier error left the transaction aborted.
    if ((rows[0] as { command?: string } | undefined)?.command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await (connection as PipelinedConnection).rollback();
    } catch (err) {
      (connection as PipelinedConnection).discarded = true;
      throw err;
    }
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${name}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${name}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${name}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as PipelinedConnection;
    c.client.release(c.discarded);
  }

  async destroy(): Promise<void> {
    await this.#pool.end();
  }
}

/** The PostgreSQL dialect on PipelinedPostgresDriver. */
export class PipelinedPostgresDialect extends PostgresDialect {
  readonly #pool: pg.Pool;

  constructor(config: PostgresDialectConfig & { pool: pg.Pool }) {
    super(config);
    this.#pool = config.pool;
  }

  override createDriver(): Driver {
    return new PipelinedPostgresDriver(this.#pool);
  }
}
