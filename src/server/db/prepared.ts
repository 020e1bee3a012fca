import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Conn } from './database';
import { dialectOf } from './dialect';
import { deferrable as markDeferrable, preparedStatement } from './pg-driver';

/** A parameter slot of a prepared query: replaced by the caller's value at each run. */
class Slot {
  constructor(readonly index: number) {}
}

/** Enough slots for a multi-row insert of the widest table in chunks (see ROWS_PER_STATEMENT). */
const SLOTS: Slot[] = Array.from({ length: 1024 }, (_, i) => new Slot(i));

/** Rows per prepared multi-row insert: the shapes stay few and every statement is compiled once. */
export const ROWS_PER_STATEMENT = 16;

/**
 * A query built and compiled by Kysely once per dialect and shape, then run with new
 * values: the action path runs the same dozen statements thousands of times a second,
 * and building, transforming (snake_case) and compiling each one costs more than SQLite
 * takes to run it. `build` receives the slots as `$` (use `$[i]` where the i-th value
 * goes) and must not look at them otherwise; `shape` names what else changes the SQL
 * (the columns set, the number of rows), and `build` gets it back. Results still pass
 * through the connection's plugins, so rows come back camelCased as usual. On PostgreSQL
 * each shape is a named prepared statement of the connection; with `deferred`, a write
 * whose answer the caller does not read travels with the transaction's next statement
 * (see PipelinedConnection).
 */
export function prepared<R, S = undefined>(build: (db: Conn, $: any[], shape: S) => Compilable<R>) {
  const cache = new Map<string, CompiledQuery<R>>();
  return async function run(db: Conn, values: readonly unknown[], shape?: S, shapeKey = '', deferred = false): Promise<QueryResult<R>> {
    const key = `${dialectOf(db)}\u0000${shapeKey}`;
    let template = cache.get(key);
    let deferredTemplate = cache.get(`${key}\u0000deferred`);
    if (!template) {
      template = preparedStatement(build(db, SLOTS, shape as S).compile());
      cache.set(key, template);
    }
    if (deferred && !deferredTemplate) cache.set(`${key}\u0000deferred`, (deferredTemplate = markDeferrable(template)));
    const parameters = template.parameters.map((p) => (p instanceof Slot ? values[p.index] : p));
    return db.executeQuery<R>({ ...(deferred ? deferredTemplate! : template), parameters });
  };
}

/** Rows a statement changed (update/delete). */
export function changed(result: QueryResult<unknown>): number {
  return Number(result.numAffectedRows ?? 0n);
}

/** What an insert does with a row whose key is already there. */
export interface OnConflict {
  columns: readonly string[];
  /** 'nothing' keeps the existing row; 'update' overwrites its other columns with the new row's. */
  action: 'nothing' | 'update';
}

const insertStatement = prepared<unknown, { table: string; columns: readonly string[]; rows: number; conflict?: OnConflict }>((db, $, s) => {
  const values = Array.from({ length: s.rows }, (_, r) => Object.fromEntries(s.columns.map((c, i) => [c, $[r * s.columns.length + i]])));
  let q = (db as any).insertInto(s.table).values(values);
  if (s.conflict) {
    const { columns, action } = s.conflict;
    q =
      action === 'nothing'
        ? q.onConflict((oc: any) => oc.columns(columns).doNothing())
        : q.onConflict((oc: any) =>
            oc.columns(columns).doUpdateSet((eb: any) => Object.fromEntries(s.columns.filter((c) => !columns.includes(c)).map((c) => [c, eb.ref(`excluded.${c}`)]))),
          );
  }
  return q;
});

/**
 * Insert rows that all have `columns` (undefined is written as null), in prepared
 * multi-row statements of up to ROWS_PER_STATEMENT rows. Inside a transaction on
 * PostgreSQL the inserts may travel with the next statement: a failure (a duplicate key)
 * surfaces there or at the commit, and the transaction rolls back all the same.
 */
export async function insertRows(db: Conn, table: string, columns: readonly string[], rows: readonly object[], conflict?: OnConflict): Promise<void> {
  const base = `${table}\u0000${columns.join(',')}\u0000${conflict ? `${conflict.action}:${conflict.columns.join(',')}` : ''}`;
  for (let off = 0; off < rows.length; off += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(off, off + ROWS_PER_STATEMENT);
    const values: unknown[] = [];
    for (const row of chunk) for (const c of columns) values.push((row as Record<string, unknown>)[c] ?? null);
    await insertStatement(db, values, { table, columns, rows: chunk.length, conflict }, `${base}\u0000${chunk.length}`, true);
  }
}

const updateStatement = prepared<unknown, { table: string; columns: readonly string[]; guard?: string }>((db, $, s) => {
  let q = (db as any)
    .updateTable(s.table)
    .set(Object.fromEntries(s.columns.map((c, i) => [c, $[i]])))
    .where('id', '=', $[s.columns.length]);
  if (s.guard) q = q.where(s.guard, '=', $[s.columns.length + 1]);
  return q;
});

/**
 * Update one row by id with the defined values of `set` (a prepared statement per set of
 * columns); with `guard`, only while that column still holds the given value. Returns
 * the rows changed (0 or 1). With `deferred`, the caller does not read that count: inside
 * a transaction on PostgreSQL the update may travel with the next statement (and 0 is returned).
 */
export async function updateById(db: Conn, table: string, id: string, set: object, guard?: [column: string, value: unknown], deferred = false): Promise<number> {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined) continue;
    columns.push(k);
    values.push(v);
  }
  values.push(id);
  if (guard) values.push(guard[1]);
  const r = await updateStatement(db, values, { table, columns, guard: guard?.[0] }, `${table}\u0000${columns.join(',')}\u0000${guard?.[0] ?? ''}`, deferred);
  return changed(r);
}

/**
 * Every column of a table's row type, checked by the compiler: a column added to the row
 * type and forgotten here is a type error, not a value silently left out of inserts.
 */
export function allColumns<T>() {
  return <const C extends readonly (keyof T & string)[]>(columns: C & ([Exclude<keyof T, C[number]>] extends [never] ? unknown : { missing: Exclude<keyof T, C[number]> })): C =>
    columns;
}
