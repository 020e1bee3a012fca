import { type ExpressionBuilder, sql } from 'kysely';
import type { Conn } from '../db/database';
import { dialectOf } from '../db/dialect';
import { allColumns, insertRows } from '../db/prepared';
import type { DB } from '../db/schema';
import type { Principal } from '../directory/directory.service';
import type { ItemTable, Light } from './item.table';

/** Insert an item. */
export async function insertItem(db: Conn, row: ItemTable): Promise<void> {
  await insertRows(db, 'items', ITEM_COLUMNS, [row]);
}

/** Every column of an item row. */
export const ITEM_COLUMNS = allColumns<ItemTable>()([
  'id', 'code', 'procedureKey', 'procedureName', 'category', 'title', 'source', 'status', 'light', 'dueDate', 'originalDueDate',
  'leadUnitId', 'units', 'createdBy', 'createdAt', 'updatedAt', 'completedAt', 'parentItemId', 'searchText', 'auditSeq', 'auditHash',
]);

/** One item. */
export async function findItem(db: Conn, id: string): Promise<ItemTable | undefined> {
  return db.selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Child items (one per unit of a decomposed item). */
export async function findChildItems(db: Conn, parentId: string): Promise<ItemTable[]> {
  return db.selectFrom('items').selectAll().where('parentItemId', '=', parentId).orderBy('createdAt').execute();
}

/** Record units on an item (ignored when already there). */
export async function addItemUnits(db: Conn, itemId: string, units: { unitId: string; isLead: number }[]): Promise<void> {
  if (!units.length) return;
  await db
    .insertInto('itemUnits')
    .values(units.map((u) => ({ itemId, ...u })))
    .onConflict((oc) => oc.columns(['itemId', 'unitId']).doNothing())
    .execute();
}

/** Record people who took part in an item (ignored when already there). */
export async function addParticipants(db: Conn, itemId: string, personIds: string[]): Promise<void> {
  const ids = [...new Set(personIds)];
  if (!ids.length) return;
  await db
    .insertInto('itemParticipants')
    .values(ids.map((personId) => ({ itemId, personId })))
    .onConflict((oc) => oc.columns(['itemId', 'personId']).doNothing())
    .execute();
}

/** Record people and units of several items at once (rows already there are kept as they are). */
export async function addMemberships(
  db: Conn,
  participants: { itemId: string; personId: string }[],
  units: { itemId: string; unitId: string; isLead: number }[],
): Promise<void> {
  await insertRows(db, 'itemParticipants', ['itemId', 'personId'], participants, { columns: ['itemId', 'personId'], action: 'nothing' });
  await insertRows(db, 'itemUnits', ['itemId', 'unitId', 'isLead'], units, { columns: ['itemId', 'unitId'], action: 'nothing' });
}

/** Whether a person took part in an item. */
export async function isParticipant(db: Conn, itemId: string, personId: string): Promise<boolean> {
  const r = await db.selectFrom('itemParticipants').select('personId').where('itemId', '=', itemId).where('personId', '=', personId).executeTakeFirst();
  return !!r;
}

/** Unit ids of an item. */
export async function findItemUnits(db: Conn, itemId: string): Promise<{ unitId: string; isLead: number }[]> {
  return db.selectFrom('itemUnits').select(['unitId', 'isLead']).where('itemId', '=', itemId).execute();
}

/** The units whose cases a principal reads: their own unit (with `item.readUnit`) and the units they liaise with. */
export function unitsVisibleTo(p: Principal): string[] {
  const own = p.capabilities.includes('item.readUnit') ? [p.unitId] : [];
  return [...new Set([...own, ...p.liaisonUnits])];
}

/** SQL filter: items a principal may read (everything for leaders and the office); IN-subqueries use the (person|unit, item) indexes. */
export function visibleItems(p: Principal) {
  return (eb: ExpressionBuilder<DB, 'items'>) => {
    if (p.seesAllItems) return eb.lit(true);
    const units = unitsVisibleTo(p);
    const ors = [eb('items.id', 'in', eb.selectFrom('itemParticipants as ip').select('ip.itemId').where('ip.personId', '=', p.id))];
    if (units.length) ors.push(eb('items.id', 'in', eb.selectFrom('itemUnits as iu').select('iu.itemId').where('iu.unitId', 'in', units)));
    return eb.or(ors);
  };
}

/** Filters of the ledger (台账). */
export interface LedgerFilter {
  procedure?: string;
  unit?: string;
  status?: string;
  light?: Light;
  dueFrom?: string;
  dueTo?: string;
  createdFrom?: number;
  createdTo?: number;
  q?: string;
  parent?: 'top' | 'all';
}

/** Sort keys of the ledger. */
export type LedgerSort = 'createdAt' | 'dueDate' | 'title' | 'updatedAt';

/**
 * The ledger counts matches only so far (「1万+」, 「1000+」 beyond): up to LEDGER_COUNT_CAP when the
 * count comes from one index of items (leaders and the office, no unit or text filter), up to
 * LEDGER_JOINED_COUNT_CAP when every match must also be looked up elsewhere.
 */
export const LEDGER_COUNT_CAP = 10_000;
export const LEDGER_JOINED_COUNT_CAP = 1_000;

/** How far the ledger counts for this viewer and these filters. */
export function ledgerCountCap(viewer: Principal, f: LedgerFilter): number {
  return viewer.seesAllItems && !f.unit && !f.q ? LEDGER_COUNT_CAP : LEDGER_JOINED_COUNT_CAP;
}

/**
 * How many items a viewer reaches through their units and participations decides how their
 * visibility filter is written. Up to a few thousand, their ids are gathered (SQLite) or hashed
 * (PostgreSQL) first; beyond that, each candidate row is looked up instead, which is cheaper as a
 * page needs few rows and a count stops at its cap. On PostgreSQL pages switch sooner (hashing
 * costs more there) and counts later (its planner weighs the two ways well up to ten thousand).
 */
const REACH = { sqlite: { page: 10_000, count: 10_000 }, postgres: { page: 2_000, count: 10_000 } };
/** Memberships are counted up to this many. */
const REACH_LIMIT = 10_000;

/** A viewer of the ledger and how their visibility filter is best applied. */
export interface LedgerScope {
  viewer: Principal;
  /** The units whose items they read besides those they took part in. */
  units: string[];
  /** Items reached through their units and participations (one per unit and item), counted up to REACH_LIMIT + 1. */
  reach: number;
}

/** Whether a viewer's items are checked row by row rather than gathered first (see REACH). */
function wide(db: Conn, scope: LedgerScope, use: 'page' | 'count'): boolean {
  return !scope.viewer.seesAllItems && scope.reach > REACH[dialectOf(db)][use];
}

/**
 * How a ledger query finds its rows (the rows are the same either way):
 *  - 'search': through the filters' indexes; the viewer's and the unit's items gathered as id
 *    lists where that is cheap; the text index;
 *  - 'walk' (SQLite): along the sort index, every filter checked on each row; for pages when
 *    many rows match (a unary plus keeps the filters' indexes out of SQLite's plan).
 */
export type LedgerMode = 'search' | 'walk';

/**
 * How the visibility filter is written:
 *  - 'set': the ids of the items of their units and of those they took part in (SQLite: one list
 *    it gathers or probes as its planner prefers; PostgreSQL: two lists it hashes or probes);
 *  - 'probe': an index lookup in both per candidate row (SQLite: by (item_id, unit_id) once, not
 *    once per unit; PostgreSQL: fenced with offset 0 so it does not hash the lists instead);
 *  - 'units', 'others' (PostgreSQL counts): the items of their units; those they took part in
 *    outside their units. Two disjoint parts, a semi-join each, which PostgreSQL plans well
 *    (hash or lookups, as the sizes say) and stops at the cap.
 */
type Members = 'set' | 'probe' | 'units' | 'others';

/** Work out how the ledger filters a viewer's items: one short counting query for those who do not read everything. */
export async function ledgerScope(db: Conn, viewer: Principal): Promise<LedgerScope> {
  const units = unitsVisibleTo(viewer);
  if (viewer.seesAllItems) return { viewer, units, reach: 0 };
  let members = db.selectFrom('itemParticipants as ip').select('ip.itemId').where('ip.personId', '=', viewer.id);
  if (units.length) members = members.unionAll(db.selectFrom('itemUnits as iu').select('iu.itemId').where('iu.unitId', 'in', units));
  const row = await db
    .selectFrom(members.limit(REACH_LIMIT + 1).as('m'))
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return { viewer, units, reach: Number(row?.n ?? 0) };
}

/** Search text of at least this many characters goes through the trigram index (SQLite FTS5, PostgreSQL pg_trgm). */
const TRIGRAM = 3;

/** Whether the text filter is too short for a trigram. */
function shortText(f: LedgerFilter): boolean {
  return !!f.q && [...f.q].length < TRIGRAM;
}

/** The ledger's filtered items (no columns selected yet): the visible items matching every filter. */
function ledgerItems(db: Conn, scope: LedgerScope, f: LedgerFilter, walk: LedgerSort | null, members: Members) {
  const pg = dialectOf(db) === 'postgres';
  // SQLite walks: a unary plus keeps a column's index out of the plan, except for the columns of
  // the index that gives the order.
  const ordered = walk ? orderedColumns(walk, f) : [];
  const col = (name: string) => (walk && !pg && !ordered.includes(name) ? sql`+${sql.ref(name)}` : sql.ref(name));
  let q = db.selectFrom('items').where(visibleTo(scope, members, pg, members === 'units' && wide(db, scope, 'count')));
  if (f.procedure) q = q.where(sql<boolean>`${col('items.procedureKey')} = ${f.procedure}`);
  if (f.status) q = q.where(sql<boolean>`${col('items.status')} = ${f.status}`);
  if (f.light) q = q.where(sql<boolean>`${col('items.light')} = ${f.light}`);
  if (f.dueFrom) q = q.where(sql<boolean>`${col('items.dueDate')} >= ${f.dueFrom}`);
  if (f.dueTo) q = q.where(sql<boolean>`${col('items.dueDate')} <= ${f.dueTo}`);
  if (f.createdFrom !== undefined) q = q.where(sql<boolean>`${col('items.createdAt')} >= ${f.createdFrom}`);
  if (f.createdTo !== undefined) q = q.where(sql<boolean>`${col('items.createdAt')} <= ${f.createdTo}`);
  if (f.parent !== 'all') q = q.where('items.parentItemId', 'is', null);
  if (f.unit) {
    const unit = f.unit;
    q = q.where((eb) =>
      walk
        ? eb.exists(eb.selectFrom('itemUnits as fu').select('fu.unitId').whereRef('fu.itemId', '=', 'items.id').where('fu.unitId', '=', unit))
        : eb('items.id', 'in', eb.selectFrom('itemUnits as fu').select('fu.itemId').where('fu.unitId', '=', unit)),
    );
  }
  if (f.q) {
    const text = f.q.toLowerCase();
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`${sql.ref('items.searchText')} like ${like} escape '\\'`);
    // SQLite: the trigram index narrows the rows the pattern is tried on, with the items whose text
    // is not indexed yet (see flushSearchIndex). (PostgreSQL's planner takes its pg_trgm index for
    // the like itself.) Fewer than three characters: every row is tried.
    if (!pg && !walk && !shortText(f)) {
      const phrase = `"${text.replace(/"/g, '""')}"`;
      q = q.where(
        sql<boolean>`${sql.ref('items.id')} in (select s.item_id from item_search s where s.rid in (select rowid from item_search_fts where item_search_fts match ${phrase}) union all select item_id from item_search_pending)`,
      );
    }
  }
  return q;
}

/**
 * The filter columns searched along with the order in a walk: those of the partial index that
 * gives the sort ((light, created_at); (status, light, due_date); (procedure_key, due_date);
 * (due_date); (created_at)), so a light filter walks the light index in creation order.
 */
function orderedColumns(sort: LedgerSort, f: LedgerFilter): string[] {
  if (sort === 'createdAt') return f.light ? ['items.light', 'items.createdAt'] : ['items.createdAt'];
  if (sort !== 'dueDate') return [];
  if (f.status && f.light) return ['items.status', 'items.light', 'items.dueDate'];
  return f.procedure ? ['items.procedureKey', 'items.dueDate'] : ['items.dueDate'];
}

/** SQL filter of the items a ledger viewer may read: everything for leaders and the office; for others, the items of their units and those they took part in. */
function visibleTo(scope: LedgerScope, members: Members, pg: boolean, fenceUnits: boolean) {
  return (eb: ExpressionBuilder<DB, 'items'>) => {
    if (scope.viewer.seesAllItems) return eb.lit(true);
    const { units, viewer } = scope;
    if (members === 'set') {
      const took = eb.selectFrom('itemParticipants as ip').select('ip.itemId').where('ip.personId', '=', viewer.id);
      if (!units.length) return eb('items.id', 'in', took);
      const held = eb.selectFrom('itemUnits as iu').select('iu.itemId').where('iu.unitId', 'in', units);
      return pg ? eb.or([eb('items.id', 'in', took), eb('items.id', 'in', held)]) : eb('items.id', 'in', took.unionAll(held));
    }
    const fenceTook = pg && members === 'probe';
    const fenceHeld = fenceTook || fenceUnits;
    let took = eb.selectFrom('itemParticipants as ip').select('ip.personId').whereRef('ip.itemId', '=', 'items.id').where('ip.personId', '=', viewer.id);
    if (fenceTook) took = took.offset(0);
    if (!units.length) return eb.exists(took);
    let held = eb
      .selectFrom('itemUnits as iu')
      .select('iu.unitId')
      .whereRef('iu.itemId', '=', 'items.id')
      .where(pg ? sql<boolean>`${sql.ref('iu.unitId')} in (${sql.join(units)})` : sql<boolean>`+${sql.ref('iu.unitId')} in (${sql.join(units)})`);
    if (fenceHeld) held = held.offset(0);
    if (members === 'units') return eb.exists(held);
    if (members === 'others') return eb.and([eb.exists(took), eb.not(eb.exists(held))]);
    // Units first: most visible rows are found there, and the second lookup is skipped.
    return eb.or([eb.exists(held), eb.exists(took)]);
  };
}

/** The query of one ledger page, sorted with the id as tie-breaker in the same direction. */
export function ledgerPage(db: Conn, scope: LedgerScope, f: LedgerFilter, sort: LedgerSort, order: 'asc' | 'desc', page: number, pageSize: number, mode: LedgerMode = 'search') {
  const walk = mode === 'walk';
  const members = walk || wide(db, scope, 'page') ? 'probe' : 'set';
  const rows = ledgerItems(db, scope, f, walk ? sort : null, members).selectAll('items');
  // Deadlines: items without one come last in both directions.
  const sorted = sort === 'dueDate' ? rows.orderBy(sql`${sql.ref('items.dueDate')} ${sql.raw(order)} nulls last`) : rows.orderBy(`items.${sort}`, order);
  // The id tie-breaker runs in the same direction, so (column, id) indexes serve the whole ORDER BY.
  return sorted.orderBy('items.id', order).limit(pageSize).offset((page - 1) * pageSize);
}

/** How many items match, counted up to `cap` + 1 (more means 「more than the cap」). */
export function ledgerCount(db: Conn, scope: LedgerScope, f: LedgerFilter, cap: number) {
  const one = sql<number>`1`.as('one');
  let matching;
  if (dialectOf(db) === 'postgres' && !scope.viewer.seesAllItems) {
    const others = ledgerItems(db, scope, f, null, 'others').select(one);
    matching = (scope.units.length ? ledgerItems(db, scope, f, null, 'units').select(one).unionAll(others) : others).limit(cap + 1);
  } else {
    matching = ledgerItems(db, scope, f, null, wide(db, scope, 'count') ? 'probe' : 'set').select(one).limit(cap + 1);
  }
  return db.selectFrom(matching.as('m')).select((eb) => eb.fn.countAll().as('n'));
}

/**
 * One page of the ledger with the total, exact up to ledgerCountCap (`capped` when there are more:
 * the total is then the cap).
 * SQLite counts first and then picks the page's plan from the count: with many matches it walks the
 * sort index and checks each row, with few it gathers them through the filters' indexes and sorts.
 * PostgreSQL plans both itself; they run side by side (see ledgerRead).
 */
export async function queryLedger(
  db: Conn,
  viewer: Principal,
  f: LedgerFilter,
  sort: LedgerSort,
  order: 'asc' | 'desc',
  page: number,
  pageSize: number,
  cap = ledgerCountCap(viewer, f),
): Promise<{ rows: ItemTable[]; total: number; capped: boolean }> {
  const offset = (page - 1) * pageSize;
  const scope = await ledgerScope(db, viewer);
  let n: number;
  let rows: ItemTable[];
  if (dialectOf(db) === 'postgres') {
    // Text too short for a trigram would read the whole pg_trgm index (a bitmap scan) and then
    // every row it points to: such queries go without bitmap scans.
    const bitmaps = !shortText(f);
    [n, rows] = await Promise.all([
      ledgerRead(db, bitmaps, async (c) => Number((await ledgerCount(c, scope, f, cap).executeTakeFirst())?.n ?? 0)),
      ledgerRead(db, bitmaps, (c) => ledgerPage(c, scope, f, sort, order, page, pageSize).execute()),
    ]);
  } else {
    n = Number((await ledgerCount(db, scope, f, cap).executeTakeFirst())?.n ?? 0);
    let walk = n > cap;
    if (!walk && n > 0) {
      // A walk reads about (offset + page size) × items / matches rows; gathering reads the matches once.
      const top = await db.selectFrom('items').select((eb) => eb.fn.max(sql<number>`rowid`).as('n')).executeTakeFirst();
      walk = n * n >= (offset + pageSize) * Number(top?.n ?? 0);
    }
    rows = n === 0 || (n <= cap && offset >= n) ? [] : await ledgerPage(db, scope, f, sort, order, page, pageSize, walk ? 'walk' : 'search').execute();
  }
  return { rows, total: Math.min(n, cap), capped: n > cap };
}

/**
 * Run PostgreSQL ledger reads in a transaction without JIT compilation or parallel workers:
 * compiling and starting workers (each hashing the same lists) cost more than these queries
 * take; and without bitmap scans when `bitmaps` is false. Already in a transaction: as they are.
 */
async function ledgerRead<T>(db: Conn, bitmaps: boolean, run: (c: Conn) => Promise<T>): Promise<T> {
  if (db.isTransaction) return run(db);
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true), set_config('enable_bitmapscan', ${bitmaps ? 'on' : 'off'}, true)`.execute(trx);
    return run(trx);
  });
}

/** Copies (抄送) to a person, newest first. */
export async function listCopies(db: Conn, personId: string, limit: number, offset: number) {
  const rows = await db
    .selectFrom('copies')
    .innerJoin('items', 'items.id', 'copies.itemId')
    .select(['copies.id', 'copies.itemId', 'copies.reason', 'copies.note', 'copies.createdAt', 'copies.readAt', 'items.title', 'items.code', 'items.procedureName', 'items.status', 'items.light', 'items.dueDate'])
    .where('copies.personId', '=', personId)
    .orderBy('copies.createdAt', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const total = await db.selectFrom('copies').select((eb) => eb.fn.countAll().as('n')).where('personId', '=', personId).executeTakeFirst();
  return { rows, total: Number(total?.n ?? 0) };
}

/** Insert copies (抄送). */
export async function insertCopies(db: Conn, rows: { id: string; itemId: string; personId: string; reason: string; note: string | null; createdAt: number }[]) {
  if (rows.length) await db.insertInto('copies').values(rows.map((r) => ({ ...r, readAt: null }))).execute();
}

/** Mark a copy read. */
export async function markCopyRead(db: Conn, id: string, personId: string, now: number): Promise<boolean> {
  const r = await db.updateTable('copies').set({ readAt: now }).where('id', '=', id).where('personId', '=', personId).where('readAt', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** How many child items an item has. */
export async function countChildItems(db: Conn, parentItemId: string): Promise<number> {
  const r = await db.selectFrom('items').select((eb) => eb.fn.countAll().as('n')).where('parentItemId', '=', parentItemId).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The ids of an item's child items. */
export async function findChildItemIds(db: Conn, parentItemId: string): Promise<string[]> {
  return (await db.selectFrom('items').select('id').where('parentItemId', '=', parentItemId).execute()).map((r) => r.id);
}

/** The top-level items a principal reads, registered in a period, with what on-time statistics need. */
export async function listItemsForStats(db: Conn, viewer: Principal, q: { from?: number; to?: number; procedure?: string }) {
  let query = db
    .selectFrom('items')
    .select(['id', 'procedureKey', 'procedureName', 'status', 'light', 'dueDate', 'completedAt', 'units'])
    .where('parentItemId', 'is', null)
    .where(visibleItems(viewer));
  if (q.from !== undefined) query = query.where('createdAt', '>=', q.from);
  if (q.to !== undefined) query = query.where('createdAt', '<=', q.to);
  if (q.procedure) query = query.where('procedureKey', '=', q.procedure);
  return query.execute();
}
