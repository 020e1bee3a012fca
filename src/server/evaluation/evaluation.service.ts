import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { toLocalDate, yearRange } from '../../engine';
import { APPEAL_STATUS, EVENT_KINDS, YEAR_STATUS, type EventKind, type Scheme, type Standings, type UnitStanding, type YearStatus } from '../../shared/evaluation';
import { recordSystem } from '../admin/system-log';
import { linkAttachments } from '../attachments/attachment.repository';
import { SYSTEM_ACTOR } from '../audit/audit.buffer';
import { appendAudit } from '../audit/audit.service';
import type { AppContext } from '../context';
import type { DB } from '../db/schema';
import type { Conn } from '../db/database';
import type { DirectoryService, Principal } from '../directory/directory.service';
import { AppError, badRequest, conflict, forbidden, invalid, notFound } from '../errors';
import { computeStandings } from './compute';
import { eventRows } from './evaluation.events';
import {
  countYearEvents,
  decideAppeal as decideAppealRow,
  findAppeal,
  findEvent,
  findScheme,
  findYear,
  insertAppeal,
  insertEvents,
  insertScheme,
  latestScheme,
  listAppeals,
  listQualitative,
  listSchemeVersions,
  listSchemeYears,
  listUnitEvents,
  openOverdueUnitTasks,
  pendingAppealOf,
  saveQualitative as saveQualitativeRow,
  saveYear,
  voidEvent,
} from './evaluation.repository';
import type { EvalYearTable } from './evaluation.table';
import { defaultScheme, validateScheme } from './scheme';

// The annual evaluation (P4): schemes in versions, the year's standings computed from its
// events, each unit's breakdown, qualitative scores, appeals and their decisions.

const DAY_MS = 86_400_000;

/** Run writes in one transaction (through the group commit on SQLite). */
function write<T>(ctx: AppContext, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return ctx.writer ? ctx.writer.run(work) : ctx.db.transaction().execute(work);
}

const checkYear = (year: number) => {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badRequest('年度须为四位年份', [{ field: 'year', message: '年度须为四位年份' }], 'YEAR_INVALID');
};

const manage = (ctx: AppContext, user: Principal) => {
  if (!ctx.dir.can(user, 'evaluation.manage')) throw forbidden('只有县绩效办可以进行此操作');
};

const seesAll = (ctx: AppContext, user: Principal) => ctx.dir.can(user, 'evaluation.readAll') || ctx.dir.can(user, 'evaluation.manage');

/** The scheme a year is computed with: the version bound at year end, else the newest. */
async function schemeOf(db: Conn, year: number, yearRow?: EvalYearTable): Promise<{ scheme: Scheme; version: number } | undefined> {
  const row = yearRow?.schemeVersion ? await findScheme(db, year, yearRow.schemeVersion) : await latestScheme(db, year);
  return row && { scheme: JSON.parse(row.data) as Scheme, version: row.version };
}

/** Compute a year's standings now from its scheme, events and qualitative scores. */
export async function computeYear(db: Conn, year: number, scheme: Scheme, version: number): Promise<Standings> {
  const [counts, qualitative] = await Promise.all([countYearEvents(db, year), listQualitative(db, year)]);
  return computeStandings({
    scheme,
    schemeVersion: version,
    events: counts.map((c, i) => ({ id: String(i), unitId: c.unitId, kind: c.kind as EventKind, month: c.month, voided: false, count: c.n })),
    qualitative: qualitative.map((q) => ({ indicatorId: q.indicatorId, unitId: q.unitId, evaluatorId: q.evaluatorId, score: Number(q.score) })),
  });
}

/** A year's standings: the published result as published, else computed live (日常考核). */
async function standingsOf(db: Conn, year: number, yearRow: EvalYearTable | undefined): Promise<{ standings: Standings; scheme: Scheme } | undefined> {
  const s = await schemeOf(db, year, yearRow);
  if (!s) return undefined;
  if (yearRow?.status === 'published' && yearRow.result) return { standings: JSON.parse(yearRow.result) as Standings, scheme: s.scheme };
  return { standings: await computeYear(db, year, s.scheme, s.version), scheme: s.scheme };
}

/** The years with a scheme, and the scheme kinds and rules the editor offers. */
export async function listYears(ctx: AppContext) {
  const years = await listSchemeYears(ctx.db);
  const rows = await Promise.all(years.map((y) => findYear(ctx.db, y)));
  return { years: years.map((year, i) => ({ year, status: (rows[i]?.status ?? 'open') as YearStatus, statusName: YEAR_STATUS[(rows[i]?.status ?? 'open') as YearStatus] })) };
}

/** A year's scheme (a given version, or the newest; a starting one when there is none yet), with its versions. */
export async function getScheme(ctx: AppContext, user: Principal, year: number, version?: number) {
  checkYear(year);
  if (!seesAll(ctx, user) && !ctx.dir.can(user, 'evaluation.appeal')) throw forbidden('您没有查看绩效评估的权限');
  const row = version ? await findScheme(ctx.db, year, version) : await latestScheme(ctx.db, year);
  if (version && !row) throw notFound(`${year}年度评估方案没有第${version}版`, 'SCHEME_NOT_FOUND');
  const yearRow = await findYear(ctx.db, year);
  // A starting scheme's qualitative indicator is scored by the people who manage the evaluation.
  const evaluators = ctx.dir.snapshot.people.filter((p) => ctx.dir.principal(p.id)?.capabilities.includes('evaluation.manage')).map((p) => p.id);
  return {
    year,
    version: row?.version ?? null,
    draft: !row,
    scheme: row ? (JSON.parse(row.data) as Scheme) : defaultScheme(year, ctx.dir, evaluators),
    versions: (await listSchemeVersions(ctx.db, year)).map((v) => ({ version: v.version, createdBy: v.createdBy === SYSTEM_ACTOR.id ? SYSTEM_ACTOR.name : ctx.dir.personName(v.createdBy), createdAt: Number(v.createdAt) })),
    boundVersion: yearRow?.schemeVersion ?? null,
    status: (yearRow?.status ?? 'open') as YearStatus,
  };
}

/** Save a new version of a year's scheme (县绩效办); a year already published keeps the version it was computed with. */
export async function saveScheme(ctx: AppContext, user: Principal, year: number, raw: unknown) {
  checkYear(year);
  manage(ctx, user);
  const scheme = validateScheme(raw, year, ctx.dir);
  const now = ctx.now();
  const version = await write(ctx, async (trx) => {
    const latest = await latestScheme(trx, year);
    const v = (latest?.version ?? 0) + 1;
    await insertScheme(trx, { year, version: v, data: JSON.stringify(scheme), createdBy: user.id, createdAt: now });
    return v;
  });
  await recordSystem(ctx.db, user, 'evaluation.scheme', `${year}年度评估方案第${version}版`, { year, version, indicators: scheme.indicators.length, units: scheme.categories.reduce((n, c) => n + c.units.length, 0) }, now);
  return { year, version, scheme };
}

/** One unit's line for a reader: a unit sees its own total always, its rank once the year is published. */
function lineFor(line: UnitStanding, showRank: boolean) {
  return showRank ? line : { ...line, rank: null, commended: null };
}

/** The year's standings as the user may see them: every unit for 县绩效办 and leaders, the own unit's line for a unit. */
export async function yearView(ctx: AppContext, user: Principal, year: number) {
  checkYear(year);
  const all = seesAll(ctx, user);
  const yearRow = await findYear(ctx.db, year);
  const evaluator = !all && (await schemeOf(ctx.db, year, yearRow))?.scheme.indicators.some((i) => i.type === 'qualitative' && i.evaluators.includes(user.id));
  if (!all && !evaluator && !ctx.dir.can(user, 'evaluation.appeal')) throw forbidden('您没有查看绩效评估的权限');
  const status = (yearRow?.status ?? 'open') as YearStatus;
  const published = status === 'published';
  const got = await standingsOf(ctx.db, year, yearRow);
  const base = {
    year,
    status,
    statusName: YEAR_STATUS[status],
    publishedAt: yearRow?.publishedAt == null ? null : Number(yearRow.publishedAt),
    revision: yearRow?.revision ?? 0,
    itemId: yearRow?.itemId ?? null,
    eventKinds: EVENT_KINDS,
  };
  if (!got) return { ...base, scheme: null, schemeVersion: null, units: [], commended: [], categories: [], indicators: [], pendingAppeals: 0, myScores: [], evaluatorUnits: [] };
  const { standings, scheme } = got;
  const name = (id: string) => ctx.dir.unitName(id);
  // A unit sees its own line; once the year is published, the ranking of everyone (totals and ranks, not their details).
  const units = standings.units
    .filter((l) => all || published || l.unitId === user.unitId)
    .map((l) => (all || l.unitId === user.unitId ? { ...lineFor(l, all || published), unitName: name(l.unitId) } : { ...l, indicators: [], monthly: [], unitName: name(l.unitId) }));
  const appeals = all ? (await listAppeals(ctx.db, year)).filter((a) => a.status === 'pending').length : 0;
  const mine = (await listQualitative(ctx.db, year)).filter((q) => q.evaluatorId === user.id).map((q) => ({ indicatorId: q.indicatorId, unitId: q.unitId, score: Number(q.score) }));
  return {
    ...base,
    schemeVersion: standings.schemeVersion,
    scheme: { title: scheme.title, appealDays: scheme.appealDays, commendation: scheme.commendation },
    categories: scheme.categories.map((c) => ({ id: c.id, name: c.name, units: all ? c.units.length : c.units.includes(user.unitId) ? c.units.length : 0 })),
    indicators: scheme.indicators.map((i) => ({ id: i.id, name: i.name, type: i.type, weight: i.weight, ...(i.type === 'qualitative' ? { evaluators: i.evaluators.map((p) => ({ id: p, name: ctx.dir.personName(p) })), min: i.min, max: i.max } : {}) })),
    units,
    commended: all || published ? standings.commended.map((id) => ({ unitId: id, unitName: name(id) })) : [],
    pendingAppeals: appeals,
    /** The qualitative scores this user entered, and the units they may score (named evaluators see every unit of the scheme). */
    myScores: mine,
    evaluatorUnits: scheme.indicators.some((i) => i.type === 'qualitative' && i.evaluators.includes(user.id))
      ? scheme.categories.flatMap((c) => c.units.map((u) => ({ unitId: u, unitName: name(u), categoryId: c.id })))
      : [],
  };
}

/** One unit's breakdown: each indicator, and every event with its item and step; only for the unit itself and 县绩效办/leaders. */
export async function breakdown(ctx: AppContext, user: Principal, year: number, unitId: string) {
  checkYear(year);
  if (!ctx.dir.unit(unitId)) throw notFound('单位不存在', 'UNIT_NOT_FOUND');
  const all = seesAll(ctx, user);
  if (!all && !(ctx.dir.can(user, 'evaluation.appeal') && user.unitId === unitId)) throw forbidden('只能查看本单位的考核明细');
  const yearRow = await findYear(ctx.db, year);
  const status = (yearRow?.status ?? 'open') as YearStatus;
  const [events, appeals, s] = await Promise.all([listUnitEvents(ctx.db, year, unitId), listAppeals(ctx.db, year, unitId), schemeOf(ctx.db, year, yearRow)]);
  let line: UnitStanding | undefined;
  let ranked = false;
  if (s && yearRow?.result && yearRow.status === 'published') {
    // Published: the stored result, ranks included.
    line = (JSON.parse(yearRow.result) as Standings).units.find((l) => l.unitId === unitId);
    ranked = true;
  } else if (s) {
    // Until publication a unit's total depends on its own events only: computed from them alone (ranks are on the year's view).
    const cat = s.scheme.categories.find((c) => c.units.includes(unitId));
    if (cat) {
      const qualitative = (await listQualitative(ctx.db, year)).filter((q) => q.unitId === unitId);
      line = computeStandings({
        scheme: { ...s.scheme, categories: [{ ...cat, units: [unitId] }] },
        schemeVersion: s.version,
        events: events.map((e) => ({ id: e.id, unitId, kind: e.kind as EventKind, month: Number(e.month), voided: Number(e.voided) === 1 })),
        qualitative: qualitative.map((q) => ({ indicatorId: q.indicatorId, unitId, evaluatorId: q.evaluatorId, score: Number(q.score) })),
      }).units[0];
    }
  }
  const got = s && { scheme: s.scheme };
  const appealsByEvent = new Map<string, (typeof appeals)[number]>();
  for (const a of appeals) if (!appealsByEvent.has(a.eventId)) appealsByEvent.set(a.eventId, a);
  const indicatorsOf = (kind: string) => (got?.scheme.indicators ?? []).filter((i) => i.type === 'quantitative' && (i.rule.kind === 'perEvent' ? (i.rule.events as string[]).includes(kind) : kind === 'task.onTime' || kind === 'task.overdue')).map((i) => i.id);
  const days = got?.scheme.appealDays ?? 0;
  const now = ctx.now();
  const publishedAt = yearRow?.publishedAt == null ? 0 : Number(yearRow.publishedAt);
  return {
    year,
    status,
    unitId,
    unitName: ctx.dir.unitName(unitId),
    total: line?.total ?? null,
    rank: line && ranked && (all || status === 'published') ? line.rank : null,
    commended: line && ranked && (all || status === 'published') ? line.commended : null,
    monthly: line?.monthly ?? [],
    indicators: (got?.scheme.indicators ?? []).map((i) => {
      const s = line?.indicators.find((x) => x.indicatorId === i.id);
      return { id: i.id, name: i.name, type: i.type, weight: i.weight, score: s?.score ?? null, lost: s?.lost ?? null, events: s?.events ?? 0 };
    }),
    events: events.map((e) => {
      const appeal = appealsByEvent.get(e.id);
      const until = Math.max(Number(e.occurredAt), publishedAt) + days * DAY_MS;
      return {
        id: e.id,
        kind: e.kind,
        kindName: EVENT_KINDS[e.kind as EventKind]?.name ?? e.kind,
        clause: EVENT_KINDS[e.kind as EventKind]?.clause ?? '',
        itemId: e.itemId,
        itemCode: e.itemCode,
        itemTitle: e.itemTitle,
        taskId: e.taskId,
        stepName: e.stepName ?? null,
        elementId: e.elementId,
        documentId: e.documentId,
        date: toLocalDate(Number(e.occurredAt)),
        note: e.note,
        voided: Number(e.voided) === 1,
        voidReason: e.voidReason,
        indicators: indicatorsOf(e.kind),
        appealUntil: toLocalDate(until),
        appealable: ctx.dir.can(user, 'evaluation.appeal') && user.unitId === unitId && Number(e.voided) !== 1 && !appeal && now <= until,
        appeal: appeal ? { id: appeal.id, status: appeal.status, statusName: APPEAL_STATUS[appeal.status as keyof typeof APPEAL_STATUS], reason: appeal.reason, decisionReason: appeal.decisionReason } : null,
      };
    }),
  };
}

/** Enter qualitative scores: each evaluator their own, within the indicator's range, until the year is published. */
export async function saveQualitative(ctx: AppContext, user: Principal, year: number, entries: { indicatorId: string; unitId: string; score: number }[]) {
  checkYear(year);
  const yearRow = await findYear(ctx.db, year);
  if (yearRow?.status === 'published') throw conflict('该年度结果已公布，不能再修改定性评价', undefined);
  const s = await schemeOf(ctx.db, year, yearRow);
  if (!s) throw notFound(`${year}年度尚未制订评估方案`, 'SCHEME_NOT_FOUND');
  const units = new Set(s.scheme.categories.flatMap((c) => c.units));
  const fields: { field: string; message: string }[] = [];
  entries.forEach((e, i) => {
    const ind = s.scheme.indicators.find((x) => x.id === e.indicatorId);
    if (!ind || ind.type !== 'qualitative') return void fields.push({ field: `entries[${i}].indicatorId`, message: '不是本年度方案中的定性指标' });
    if (!ind.evaluators.includes(user.id)) return void fields.push({ field: `entries[${i}].indicatorId`, message: `您不是“${ind.name}”的评价人` });
    if (!units.has(e.unitId)) return void fields.push({ field: `entries[${i}].unitId`, message: `单位“${ctx.dir.unitName(e.unitId)}”不在本年度参评单位中` });
    if (!(e.score >= ind.min && e.score <= ind.max)) fields.push({ field: `entries[${i}].score`, message: `“${ind.name}”的评分应在 ${ind.min} 到 ${ind.max} 之间` });
  });
  if (fields.some((f) => f.message.startsWith('您不是'))) throw forbidden(fields.find((f) => f.message.startsWith('您不是'))!.message);
  if (fields.length) throw invalid(fields[0].message, fields, 'SCORE_INVALID');
  const now = ctx.now();
  await write(ctx, async (trx) => {
    for (const e of entries) await saveQualitativeRow(trx, { year, indicatorId: e.indicatorId, unitId: e.unitId, evaluatorId: user.id, score: e.score, updatedAt: now });
  });
  return { saved: entries.length };
}

/** A unit appeals one of its events, within the scheme's window, with a reason and attachments. */
export async function fileAppeal(ctx: AppContext, user: Principal, eventId: string, input: { reason: string; attachments?: string[] }) {
  const event = await findEvent(ctx.db, eventId);
  if (!event) throw notFound('考核事件不存在', 'EVENT_NOT_FOUND');
  if (!ctx.dir.can(user, 'evaluation.appeal') || user.unitId !== event.unitId) throw forbidden('只能对本单位的考核事件提出申诉');
  const reason = input.reason.trim();
  if (!reason) throw invalid('请填写申诉理由', [{ field: 'reason', message: '请填写申诉理由' }], 'APPEAL_INVALID');
  if (Number(event.voided) === 1) throw conflict('该事件已被撤销，无需申诉');
  const yearRow = await findYear(ctx.db, event.year);
  const s = await schemeOf(ctx.db, event.year, yearRow);
  const days = s?.scheme.appealDays ?? 0;
  const until = Math.max(Number(event.occurredAt), yearRow?.publishedAt == null ? 0 : Number(yearRow.publishedAt)) + days * DAY_MS;
  const now = ctx.now();
  if (now > until) throw new AppError('APPEAL_CLOSED', `申诉期已过（截至${toLocalDate(until)}）`, { status: 409 });
  const id = randomUUID();
  await write(ctx, async (trx) => {
    if (await pendingAppealOf(trx, eventId)) throw conflict('该事件已有申诉在等待裁定');
    const ids = (input.attachments ?? []).filter((a) => typeof a === 'string').slice(0, 20);
    await linkAttachments(trx, event.itemId, ids, user.id);
    await insertAppeal(trx, { id, year: event.year, eventId, unitId: event.unitId, reason, attachments: JSON.stringify(ids), status: 'pending', filedBy: user.id, filedAt: now, decidedBy: null, decidedAt: null, decisionReason: null });
    await appendAudit(trx, { itemId: event.itemId, actorId: user.id, actorName: user.name, action: 'evaluation.appealed', opinion: reason, data: { appealId: id, eventId, kind: event.kind, unitId: event.unitId, attachments: ids }, at: now });
  });
  return { id, status: 'pending' as const };
}

/** The year's appeals for 县绩效办 (all) or a unit (its own). */
export async function appealsOf(ctx: AppContext, user: Principal, year: number) {
  checkYear(year);
  const all = seesAll(ctx, user);
  if (!all && !ctx.dir.can(user, 'evaluation.appeal')) throw forbidden('您没有查看绩效评估的权限');
  const rows = await listAppeals(ctx.db, year, all ? undefined : user.unitId);
  const events = await Promise.all(rows.map((a) => findEvent(ctx.db, a.eventId)));
  return {
    rows: rows.map((a, i) => ({
      id: a.id,
      eventId: a.eventId,
      unitId: a.unitId,
      unitName: ctx.dir.unitName(a.unitId),
      kind: events[i]?.kind ?? '',
      kindName: EVENT_KINDS[events[i]?.kind as EventKind]?.name ?? '',
      itemId: events[i]?.itemId ?? null,
      date: events[i] ? toLocalDate(Number(events[i]!.occurredAt)) : '',
      reason: a.reason,
      attachments: JSON.parse(a.attachments) as string[],
      status: a.status,
      statusName: APPEAL_STATUS[a.status as keyof typeof APPEAL_STATUS],
      filedBy: ctx.dir.personName(a.filedBy),
      filedAt: Number(a.filedAt),
      decidedBy: a.decidedBy ? ctx.dir.personName(a.decidedBy) : null,
      decisionReason: a.decisionReason,
    })),
  };
}

/** 县绩效办 decides an appeal: keep the event or void it, with a reason; a published year's result is recomputed. */
export async function decideAppeal(ctx: AppContext, user: Principal, appealId: string, input: { decision: 'kept' | 'voided'; reason: string }) {
  manage(ctx, user);
  const reason = input.reason.trim();
  if (!reason) throw invalid('请填写裁定理由', [{ field: 'reason', message: '请填写裁定理由' }], 'DECISION_INVALID');
  const appeal = await findAppeal(ctx.db, appealId);
  if (!appeal) throw notFound('申诉不存在', 'APPEAL_NOT_FOUND');
  const event = await findEvent(ctx.db, appeal.eventId);
  if (!event) throw notFound('考核事件不存在', 'EVENT_NOT_FOUND');
  const now = ctx.now();
  return write(ctx, async (trx) => {
    if (!(await decideAppealRow(trx, appealId, { status: input.decision, decidedBy: user.id, decidedAt: now, decisionReason: reason }))) throw conflict('该申诉已裁定');
    let recomputed: { before: number | null; after: number | null } | null = null;
    if (input.decision === 'voided') {
      await voidEvent(trx, event.id, reason);
      const yearRow = await findYear(trx, event.year);
      if (yearRow?.status === 'published' || yearRow?.status === 'review') {
        const s = await schemeOf(trx, event.year, yearRow);
        if (s) {
          const before = yearRow.result ? (JSON.parse(yearRow.result) as Standings) : null;
          const after = await computeYear(trx, event.year, s.scheme, s.version);
          await saveYear(trx, { ...yearRow, result: JSON.stringify(after), revision: yearRow.revision + 1, updatedAt: now });
          const pick = (st: Standings | null) => st?.units.find((u) => u.unitId === event.unitId)?.total ?? null;
          recomputed = { before: pick(before), after: pick(after) };
          if (yearRow.itemId) await appendAudit(trx, { itemId: yearRow.itemId, actorId: user.id, actorName: user.name, action: 'evaluation.recomputed', opinion: reason, data: { appealId, eventId: event.id, unitId: event.unitId, ...recomputed, revision: yearRow.revision + 1 }, at: now });
        }
      }
    }
    await appendAudit(trx, { itemId: event.itemId, actorId: user.id, actorName: user.name, action: 'evaluation.appealDecided', opinion: reason, data: { appealId, eventId: event.id, kind: event.kind, unitId: event.unitId, decision: input.decision } , at: now });
    return { id: appealId, status: input.decision, recomputed };
  });
}

/** The year's standings as an Excel workbook (all units, for those who see all). */
export async function exportYear(ctx: AppContext, user: Principal, year: number): Promise<Buffer> {
  const view = await yearView(ctx, user, year);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${year}年度绩效评估`);
  const cat = new Map<string, string>();
  if (view.scheme) for (const c of (await schemeOf(ctx.db, year, await findYear(ctx.db, year)))?.scheme.categories ?? []) cat.set(c.id, c.name);
  ws.columns = [
    { header: '类别', key: 'category', width: 12 },
    { header: '排位', key: 'rank', width: 8 },
    { header: '单位', key: 'unit', width: 24 },
    ...view.indicators.map((i) => ({ header: `${i.name}（${i.weight}分）`, key: `i_${i.id}`, width: 18 })),
    { header: '总分', key: 'total', width: 10 },
    { header: '表彰建议', key: 'commended', width: 10 },
  ];
  const rows = [...view.units].sort((a, b) => (a.categoryId === b.categoryId ? (a.rank ?? 0) - (b.rank ?? 0) : a.categoryId < b.categoryId ? -1 : 1));
  for (const u of rows) {
    ws.addRow({
      category: cat.get(u.categoryId) ?? u.categoryId,
      rank: u.rank ?? '',
      unit: u.unitName,
      ...Object.fromEntries(u.indicators.map((i) => [`i_${i.indicatorId}`, i.score])),
      total: u.total,
      commended: u.commended ? '是' : '',
    });
  }
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Year end (P4_2_Collect): the year takes the newest scheme version, tasks still open past
 * their deadline are scored overdue, and the standings are computed for the review.
 */
export async function collectYear(trx: Conn, dir: DirectoryService, year: number, itemId: string, now: number): Promise<{ standings: Standings; defaulted: boolean }> {
  let s = await latestScheme(trx, year);
  // A year nobody wrote a scheme for is computed with the starting one, saved as its first version.
  const defaulted = !s;
  if (!s) {
    const evaluators = dir.snapshot.people.filter((p) => dir.principal(p.id)?.capabilities.includes('evaluation.manage')).map((p) => p.id);
    s = { year, version: 1, data: JSON.stringify(defaultScheme(year, dir, evaluators)), createdBy: SYSTEM_ACTOR.id, createdAt: now };
    await insertScheme(trx, s);
  }
  const [, to] = yearRange(year);
  const open = await openOverdueUnitTasks(trx, to, Math.min(now, to));
  await insertEvents(
    trx,
    eventRows(
      open.map((t) => ({ kind: 'task.overdue' as const, unitId: t.unitId, itemId: t.itemId, taskId: t.id, elementId: t.elementId, key: `task:${t.id}`, note: '年终仍未办结' })),
      Math.min(now, to - 1),
    ),
  );
  const standings = await computeYear(trx, year, JSON.parse(s.data) as Scheme, s.version);
  const prev = await findYear(trx, year);
  await saveYear(trx, { year, status: 'review', schemeVersion: s.version, itemId, result: JSON.stringify(standings), revision: (prev?.revision ?? 0) + 1, publishedAt: null, updatedAt: now });
  return { standings, defaulted };
}

/** Publication (after approval along the diagram): the final standings under the year's scheme version. */
export async function publishYear(trx: Conn, year: number, itemId: string, now: number): Promise<Standings> {
  const prev = await findYear(trx, year);
  const s = await schemeOf(trx, year, prev);
  if (!s) throw new AppError('SCHEME_MISSING', `县绩效办尚未制订${year}年度评估方案`, { status: 409 });
  const standings = await computeYear(trx, year, s.scheme, s.version);
  await saveYear(trx, { year, status: 'published', schemeVersion: s.version, itemId, result: JSON.stringify(standings), revision: (prev?.revision ?? 0) + 1, publishedAt: now, updatedAt: now });
  return standings;
}

/** The rows of the result document: per category, the units by rank with their totals, and the commendation list. */
export function resultRows(standings: Standings, scheme: Scheme, unitName: (id: string) => string) {
  return {
    categories: scheme.categories.map((c) => ({
      name: c.name,
      units: standings.units
        .filter((u) => u.categoryId === c.id)
        .sort((a, b) => a.rank - b.rank)
        .map((u) => ({ rank: u.rank, name: unitName(u.unitId), total: u.total })),
    })),
    commended: standings.commended.map(unitName),
  };
}

export { schemeOf };
