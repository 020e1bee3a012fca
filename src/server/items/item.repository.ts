import { type ExpressionBuilder, sql } from 'kysely';
import type { Conn } from '../db/database';
import { insertRows } from '../db/prepared';
import type { DB } from '../db/schema';
import type { Principal } from '../directory/directory.service';
import type { ItemTable, Light } from './item.table';

/** Insert an item. */
export async function insertItem(db: Conn, row: ItemTable): Promise<void> {
  await db.insertInto('items').values(row).execute();
}

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

/** The units whose cases a principal reads: their own unit (as handler or 业务主管部门) and, for R6, the units they liaise with. */
export function unitsVisibleTo(p: Principal): string[] {
  const own = p.roles.includes('R12') || p.roles.includes('R11') ? [p.unitId] : [];
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

/** The ledger's filtered items (no columns selected yet): the visible items matching every filter. */
export function ledgerItems(db: Conn, viewer: Principal, f: LedgerFilter) {
  let q = db.selectFrom('items').where(visibleItems(viewer));
  if (f.procedure) q = q.where('procedureKey', '=', f.procedure);
  if (f.status) q = q.where('status', '=', f.status as ItemTable['status']);
  if (f.light) q = q.where('light', '=', f.light);
  if (f.dueFrom) q = q.where('dueDate', '>=', f.dueFrom);
  if (f.dueTo) q = q.where('dueDate', '<=', f.dueTo);
  if (f.createdFrom !== undefined) q = q.where('createdAt', '>=', f.createdFrom);
  if (f.createdTo !== undefined) q = q.where('createdAt', '<=', f.createdTo);
  if (f.parent !== 'all') q = q.where('parentItemId', 'is', null);
  if (f.unit) {
    const unit = f.unit;
    q = q.where((eb) => eb('items.id', 'in', eb.selectFrom('itemUnits as fu').select('fu.itemId').where('fu.unitId', '=', unit)));
  }
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`search_text like ${like} escape '\\'`);
  }
  return q;
}

/** The query of one ledger page, sorted with the id as tie-breaker in the same direction. */
export function ledgerPage(db: Conn, viewer: Principal, f: LedgerFilter, sort: LedgerSort, order: 'asc' | 'desc', page: number, pageSize: number) {
  let rows = ledgerItems(db, viewer, f).selectAll('items');
  // Nulls last for deadlines on both databases.
  if (sort === 'dueDate') rows = rows.orderBy(sql`case when due_date is null then 1 else 0 end`).orderBy('dueDate', order);
  else rows = rows.orderBy(sort, order);
  // The id tie-breaker runs in the same direction, so (column, id) indexes serve the whole ORDER BY.
  return rows.orderBy('id', order).limit(pageSize).offset((page - 1) * pageSize);
}

/** One page of the ledger with the total. */
export async function queryLedger(
  db: Conn,
  viewer: Principal,
  f: LedgerFilter,
  sort: LedgerSort,
  order: 'asc' | 'desc',
  page: number,
  pageSize: number,
): Promise<{ rows: ItemTable[]; total: number }> {
  const totalRow = await ledgerItems(db, viewer, f).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const list = await ledgerPage(db, viewer, f, sort, order, page, pageSize).execute();
  return { rows: list, total: Number(totalRow?.n ?? 0) };
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
