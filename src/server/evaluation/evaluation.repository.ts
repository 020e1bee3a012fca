import type { Insertable } from 'kysely';
import type { Conn } from '../db/database';
import type { EvalAppealTable, EvalEventTable, EvalQualitativeTable, EvalSchemeTable, EvalYearTable } from './evaluation.table';

// The evaluation's SQL: schemes, events, years, qualitative scores, appeals. One operation per function.

/** Write events; one already written under the same key is kept as it is. */
export async function insertEvents(db: Conn, rows: Insertable<EvalEventTable>[]): Promise<void> {
  if (!rows.length) return;
  await db.insertInto('evalEvents').values(rows).onConflict((oc) => oc.column('key').doNothing()).execute();
}

/** The year's valid events as the computation reads them: how many of each kind per unit and month (a covering index answers it). */
export async function countYearEvents(db: Conn, year: number): Promise<{ unitId: string; kind: string; month: number; n: number }[]> {
  const rows = await db
    .selectFrom('evalEvents')
    .select(['unitId', 'kind', 'month', (eb) => eb.fn.countAll().as('n')])
    .where('year', '=', year)
    .where('voided', '=', 0)
    .groupBy(['unitId', 'kind', 'month'])
    .execute();
  return rows.map((r) => ({ unitId: r.unitId, kind: r.kind, month: Number(r.month), n: Number(r.n) }));
}

/** One unit's events of a year with the item and step each came from, oldest first. */
export async function listUnitEvents(db: Conn, year: number, unitId: string) {
  return db
    .selectFrom('evalEvents as e')
    .innerJoin('items as i', 'i.id', 'e.itemId')
    .leftJoin('tasks as t', 't.id', 'e.taskId')
    .select(['e.id', 'e.kind', 'e.itemId', 'e.taskId', 'e.documentId', 'e.elementId', 'e.occurredAt', 'e.month', 'e.note', 'e.voided', 'e.voidReason', 'i.code as itemCode', 'i.title as itemTitle', 't.name as stepName'])
    .where('e.year', '=', year)
    .where('e.unitId', '=', unitId)
    .orderBy('e.occurredAt')
    .orderBy('e.id')
    .execute();
}

/** One event. */
export async function findEvent(db: Conn, id: string): Promise<EvalEventTable | undefined> {
  return db.selectFrom('evalEvents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Void an event (an appeal upheld), with the reason. */
export async function voidEvent(db: Conn, id: string, reason: string): Promise<void> {
  await db.updateTable('evalEvents').set({ voided: 1, voidReason: reason }).where('id', '=', id).execute();
}

/** The newest scheme version of a year. */
export async function latestScheme(db: Conn, year: number): Promise<EvalSchemeTable | undefined> {
  return db.selectFrom('evalSchemes').selectAll().where('year', '=', year).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** A given scheme version of a year. */
export async function findScheme(db: Conn, year: number, version: number): Promise<EvalSchemeTable | undefined> {
  return db.selectFrom('evalSchemes').selectAll().where('year', '=', year).where('version', '=', version).executeTakeFirst();
}

/** The versions of a year's scheme, newest first (without their data). */
export async function listSchemeVersions(db: Conn, year: number) {
  return db.selectFrom('evalSchemes').select(['year', 'version', 'createdBy', 'createdAt']).where('year', '=', year).orderBy('version', 'desc').execute();
}

/** The years that have a scheme or a state, newest first. */
export async function listSchemeYears(db: Conn): Promise<number[]> {
  const rows = await db.selectFrom('evalSchemes').select('year').union(db.selectFrom('evalYears').select('year')).execute();
  return [...new Set(rows.map((r) => Number(r.year)))].sort((a, b) => b - a);
}

/** Add a scheme version. */
export async function insertScheme(db: Conn, row: EvalSchemeTable): Promise<void> {
  await db.insertInto('evalSchemes').values(row).execute();
}

/** A year's state. */
export async function findYear(db: Conn, year: number): Promise<EvalYearTable | undefined> {
  return db.selectFrom('evalYears').selectAll().where('year', '=', year).executeTakeFirst();
}

/** Create a year's state, or change it. */
export async function saveYear(db: Conn, row: EvalYearTable): Promise<void> {
  const { year, ...rest } = row;
  await db.insertInto('evalYears').values(row).onConflict((oc) => oc.column('year').doUpdateSet(rest)).execute();
}

/** Set one evaluator's score of a unit. */
export async function saveQualitative(db: Conn, row: EvalQualitativeTable): Promise<void> {
  await db
    .insertInto('evalQualitative')
    .values(row)
    .onConflict((oc) => oc.columns(['year', 'indicatorId', 'unitId', 'evaluatorId']).doUpdateSet({ score: row.score, updatedAt: row.updatedAt }))
    .execute();
}

/** The year's qualitative scores. */
export async function listQualitative(db: Conn, year: number): Promise<EvalQualitativeTable[]> {
  return db.selectFrom('evalQualitative').selectAll().where('year', '=', year).execute();
}

/** File an appeal. */
export async function insertAppeal(db: Conn, row: EvalAppealTable): Promise<void> {
  await db.insertInto('evalAppeals').values(row).execute();
}

/** A year's appeals (of one unit, when given), newest first. */
export async function listAppeals(db: Conn, year: number, unitId?: string): Promise<EvalAppealTable[]> {
  let q = db.selectFrom('evalAppeals').selectAll().where('year', '=', year);
  if (unitId) q = q.where('unitId', '=', unitId);
  return q.orderBy('filedAt', 'desc').orderBy('id').execute();
}

/** One appeal. */
export async function findAppeal(db: Conn, id: string): Promise<EvalAppealTable | undefined> {
  return db.selectFrom('evalAppeals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An appeal waiting for a decision on an event, if any. */
export async function pendingAppealOf(db: Conn, eventId: string): Promise<EvalAppealTable | undefined> {
  return db.selectFrom('evalAppeals').selectAll().where('eventId', '=', eventId).where('status', '=', 'pending').executeTakeFirst();
}

/** Record the decision on a pending appeal; false when it was decided already. */
export async function decideAppeal(db: Conn, id: string, set: { status: string; decidedBy: string; decidedAt: number; decisionReason: string }): Promise<boolean> {
  const r = await db.updateTable('evalAppeals').set(set).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The unit tasks of an item's child items (each unit's handling of an order): unit, due, completion. */
export async function childUnitTasks(db: Conn, itemId: string) {
  return db
    .selectFrom('tasks as t')
    .innerJoin('items as i', 'i.id', 't.itemId')
    .select(['t.id', 't.itemId', 't.elementId', 't.assignValue as unitId', 't.status', 't.dueAt', 't.completedAt', 't.outcome'])
    .where('i.parentItemId', '=', itemId)
    .where('t.assignType', '=', 'unit')
    .where('t.status', '!=', 'cancelled')
    .orderBy('t.createdAt')
    .execute();
}

/** Unit tasks still open past their deadline at `now` (created before `to`): overdue at year end. */
export async function openOverdueUnitTasks(db: Conn, to: number, now: number) {
  return db
    .selectFrom('tasks')
    .select(['id', 'itemId', 'elementId', 'assignValue as unitId', 'dueAt'])
    .where('assignType', '=', 'unit')
    .where('status', '=', 'open')
    .where('dueAt', 'is not', null)
    .where('dueAt', '<', now)
    .where('createdAt', '<', to)
    .execute();
}

/** How many events of each kind an item has scored so far. */
export async function countItemEvents(db: Conn, itemId: string): Promise<Record<string, number>> {
  const rows = await db.selectFrom('evalEvents').select(['kind', (eb) => eb.fn.countAll().as('n')]).where('itemId', '=', itemId).groupBy('kind').execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}
