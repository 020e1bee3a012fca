import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { localYear, toLocalDate } from '../../engine';
import { FOLLOW_UP_EVENTS, type EventKind } from '../../shared/evaluation';
import { unitsOfVars } from '../items/item.factory';
import { rootVars } from '../workflow/state';
import { findTaskTiming } from '../tasks/task.repository';
import type { ActionSession, LiveInstance } from '../workflow/session';
import { childUnitTasks, insertEvents } from './evaluation.repository';
import type { EvalEventTable } from './evaluation.table';

// Daily assessment (日常考核): every fact that scores is written here as an event row, inside
// the transaction of the action that caused it, linked to its item, task or document and unit.

/** What one event says; the row adds id, year, month and time. */
export interface EventFact {
  kind: EventKind;
  unitId: string;
  itemId: string;
  taskId?: string | null;
  documentId?: string | null;
  elementId?: string | null;
  note?: string;
  /** What makes the fact unique; defaults to kind, task (or document, or item) and unit. */
  key?: string;
}

/** The rows of facts that happen at `at`. */
export function eventRows(facts: EventFact[], at: number): Insertable<EvalEventTable>[] {
  const year = localYear(at);
  const month = Number(toLocalDate(at).slice(5, 7));
  return facts.map((f) => ({
    id: randomUUID(),
    key: f.key ?? `${f.kind}:${f.taskId ?? f.documentId ?? f.itemId}:${f.unitId}`,
    year,
    month,
    unitId: f.unitId,
    kind: f.kind,
    itemId: f.itemId,
    taskId: f.taskId ?? null,
    documentId: f.documentId ?? null,
    elementId: f.elementId ?? null,
    occurredAt: at,
    note: f.note ?? '',
    voided: 0,
    voidReason: null,
  }));
}

/** Write facts that happen now, in the session's transaction. */
export async function recordEvents(s: ActionSession, facts: EventFact[]): Promise<void> {
  await insertEvents(s.trx, eventRows(facts, s.now));
}

const unitList = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : typeof (x as { id?: unknown })?.id === 'string' ? (x as { id: string }).id : '')).filter(Boolean) : []);

const asBool = (v: unknown): boolean | undefined => (v === true || v === 'true' ? true : v === false || v === 'false' ? false : undefined);

/**
 * A task was completed: a unit's task scores on time or overdue; a review that says whether a
 * rectification is in place (the `solved` field of 回访复核) scores for the units the 通报
 * criticised, or else for the item's units.
 */
export async function taskCompletedEvents(s: ActionSession, live: LiveInstance, taskId: string, elementId: string, formData: Record<string, unknown> | undefined): Promise<void> {
  const facts: EventFact[] = [];
  let entry: (typeof live.state.history)[number] | undefined;
  for (let i = live.state.history.length - 1; i >= 0 && !entry; i--) if (live.state.history[i].taskId === taskId) entry = live.state.history[i];
  if (entry?.assignment?.type === 'unit') {
    const timing = await findTaskTiming(s.trx, taskId);
    const late = timing?.dueAt != null && s.now > timing.dueAt;
    facts.push({
      kind: late ? 'task.overdue' : 'task.onTime',
      unitId: String(entry.assignment.value),
      itemId: live.item.id,
      taskId,
      elementId,
      key: `task:${taskId}`,
      note: timing?.dueDate ? `期限 ${timing.dueDate}，办结 ${toLocalDate(s.now)}` : `办结 ${toLocalDate(s.now)}`,
    });
  }
  const solved = asBool(formData?.solved);
  if (solved !== undefined) {
    // The rectification is the criticised units' when a 通报 named them, else the item's units'.
    const vars = rootVars(live.state);
    const criticised = unitList(vars.criticisedUnits).filter((u) => !!s.ctx.dir.unit(u));
    for (const unitId of criticised.length ? [...new Set(criticised)] : unitsOfVars(vars, s.ctx.dir).units) {
      facts.push({ kind: solved ? 'rectification.done' : 'rectification.failed', unitId, itemId: live.item.id, taskId, elementId, key: `rectification:${taskId}:${unitId}` });
    }
  }
  if (facts.length) await recordEvents(s, facts);
}

/** A unit's task was urged (催办): one event per urge. */
export async function urgedEvent(s: ActionSession, live: LiveInstance, task: { id: string; elementId: string; assignment: { type: string; value: unknown }; urges: number }): Promise<void> {
  if (task.assignment.type !== 'unit') return;
  const unitId = String(task.assignment.value);
  await recordEvents(s, [{ kind: 'urge', unitId, itemId: live.item.id, taskId: task.id, elementId: task.elementId, key: `urge:${task.id}:${task.urges}`, note: `第${task.urges}次催办` }]);
}

/** An extension of a unit's task was approved (延期, X7). */
export async function extensionEvent(s: ActionSession, live: LiveInstance, task: { id: string; elementId: string; assignment: { type: string; value: unknown } }, to: string): Promise<void> {
  if (task.assignment.type !== 'unit') return;
  await recordEvents(s, [
    { kind: 'extension', unitId: String(task.assignment.value), itemId: live.item.id, taskId: task.id, elementId: task.elementId, key: `extension:${task.id}:${to}`, note: `延期至 ${to}` },
  ]);
}

/** A document was issued: the units it praises or criticises by name (督查通报, X9). */
export async function documentEvents(s: ActionSession, live: LiveInstance, documentId: string, elementId: string, docNo: string, vars: Record<string, unknown>): Promise<void> {
  const facts: EventFact[] = [];
  const known = (id: string) => !!s.ctx.dir.unit(id);
  for (const unitId of new Set(unitList(vars.praisedUnits).filter(known))) facts.push({ kind: 'circular.praise', unitId, itemId: live.item.id, documentId, elementId, note: docNo });
  for (const unitId of new Set(unitList(vars.criticisedUnits).filter(known))) facts.push({ kind: 'circular.criticism', unitId, itemId: live.item.id, documentId, elementId, note: docNo });
  if (facts.length) await recordEvents(s, facts);
}

/**
 * The result of an order (县长督办令, P5.R): each of its units carried it out when every task the
 * unit had on the order's child items was done by its deadline, and failed it otherwise; the
 * follow-up chosen (县长约谈, 追责) falls on the units that failed (or, if none did, on all of them).
 * The units' tasks live on the child items, one per unit, not on the order's own item.
 */
export async function orderOutcomeEvents(s: ActionSession, live: LiveInstance, elementId: string, vars: Record<string, unknown>): Promise<{ carriedOut: string[]; missed: string[] }> {
  const tasks = await childUnitTasks(s.trx, live.item.id);
  const missed = new Set<string>();
  const units = new Set<string>();
  for (const t of tasks) {
    units.add(t.unitId);
    const late = t.dueAt != null && (t.completedAt == null ? s.now > Number(t.dueAt) : Number(t.completedAt) > Number(t.dueAt));
    if (late || t.status === 'open') missed.add(t.unitId);
  }
  const carriedOut = [...units].filter((u) => !missed.has(u));
  const facts: EventFact[] = [
    ...carriedOut.map((unitId): EventFact => ({ kind: 'order.done', unitId, itemId: live.item.id, elementId })),
    ...[...missed].map((unitId): EventFact => ({ kind: 'order.missed', unitId, itemId: live.item.id, elementId })),
  ];
  const followUp = typeof vars.followUp === 'string' ? vars.followUp : '';
  const followKind = Object.prototype.hasOwnProperty.call(FOLLOW_UP_EVENTS, followUp) ? FOLLOW_UP_EVENTS[followUp] : null;
  if (followKind) {
    const on = missed.size ? [...missed] : [...units];
    for (const unitId of on) facts.push({ kind: followKind, unitId, itemId: live.item.id, elementId, note: followUp });
  }
  await recordEvents(s, facts);
  return { carriedOut, missed: [...missed] };
}
