/**
 * 绩效评估 (P4) through the real server: 县绩效办 saves a scheme as data, a seeded year (two
 * categories, five units, events of every kind) gives the exact scores, ranks and commendation
 * list computed by hand below; named evaluators enter the qualitative scores; a unit reads its
 * own breakdown and nobody else's; an appeal that voids an event changes exactly that unit's
 * score; the year goes through the real p4-evaluation.bpmn to publication and its result
 * document; a new scheme version leaves the published year as it was; the year exports to Excel.
 */
import { docxParagraphs } from '../support/office';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventRows, type EventFact } from '../../src/server/evaluation/evaluation.events';
import { insertEvents } from '../../src/server/evaluation/evaluation.repository';
import { databases, startServer, type TestServer } from './helpers';

/**
 * The scheme of the seeded year (weights add up to 100):
 * - onTime  30  on-time rate bands: 100% → 30, ≥80% → 24, ≥50% → 15, else 5; no task → 30
 * - urge    10  −1 per 催办 from 10, floor 0
 * - praise  10  +2 per 通报表扬 or 整改到位 from 4, cap 10
 * - critic  10  −2 per 通报批评, 整改不到位 or 延期 from 10, floor 2
 * - order   20  −5 per 督办令落实不力, 约谈 or 追责 from 20
 * - quality 20  定性, by 林淑芬 and 钱志远, 0–20, the mean of their scores
 * Commendation: the first of each category with at least 80 points and no 追责.
 */
const SCHEME = {
  title: '2026年度综合绩效评估实施方案（督查工作）',
  categories: [
    { id: 'dept', name: '县直部门', units: ['fgj', 'czj', 'jyj'] },
    { id: 'town', name: '乡镇', units: ['cgz', 'hxz'] },
  ],
  indicators: [
    { id: 'onTime', name: '按期办结', type: 'quantitative', weight: 30, rule: { kind: 'onTimeRate', bands: [{ minRate: 1, points: 30 }, { minRate: 0.8, points: 24 }, { minRate: 0.5, points: 15 }, { minRate: 0, points: 5 }] } },
    { id: 'urge', name: '被催办', type: 'quantitative', weight: 10, rule: { kind: 'perEvent', events: ['urge'], points: -1, base: 10 } },
    { id: 'praise', name: '通报表扬', type: 'quantitative', weight: 10, rule: { kind: 'perEvent', events: ['circular.praise', 'rectification.done'], points: 2, base: 4, cap: 10 } },
    { id: 'critic', name: '通报批评', type: 'quantitative', weight: 10, rule: { kind: 'perEvent', events: ['circular.criticism', 'rectification.failed', 'extension'], points: -2, base: 10, floor: 2 } },
    { id: 'order', name: '督办令落实', type: 'quantitative', weight: 20, rule: { kind: 'perEvent', events: ['order.missed', 'interview', 'accountability'], points: -5, base: 20 } },
    { id: 'quality', name: '工作实效', type: 'qualitative', weight: 20, evaluators: ['linsf', 'qianzy'], min: 0, max: 20 },
  ],
  commendation: { topN: 1, minScore: 80, excludeKinds: ['accountability'] },
  appealDays: 10,
};

/** Events of every kind, by unit, with the month each happened in (2026). */
const SEED: [unit: string, kind: EventFact['kind'], month: number, times: number][] = [
  // 县发改局: 4 on time + 1 late → 80% → 24; 2 urges → 8; 1 praise → 6; critic 10; an order done → 20.
  ['fgj', 'task.onTime', 3, 4], ['fgj', 'task.overdue', 5, 1], ['fgj', 'urge', 5, 2], ['fgj', 'circular.praise', 6, 1], ['fgj', 'order.done', 7, 1],
  // 县财政局: 3 on time → 30; urge 10; 3 praises + 1 rectification done → 4 + 8 = 12, cap 10; 1 criticism → 8;
  // order missed, 约谈, 追责 → 20 − 15 = 5.
  ['czj', 'task.onTime', 2, 3], ['czj', 'circular.praise', 4, 3], ['czj', 'rectification.done', 6, 1], ['czj', 'circular.criticism', 6, 1],
  ['czj', 'order.missed', 9, 1], ['czj', 'interview', 10, 1], ['czj', 'accountability', 11, 1],
  // 县教育局: nothing at all → 30 + 10 + 4 + 10 + 20.
  // 城关镇: 1 on time + 1 late → 50% → 15; 5 urges → 5; praise 4; 1 rectification failed + 2 extensions → 10 − 6 = 4; order 20.
  ['cgz', 'task.onTime', 1, 1], ['cgz', 'task.overdue', 8, 1], ['cgz', 'urge', 8, 5], ['cgz', 'rectification.failed', 9, 1], ['cgz', 'extension', 4, 2],
  // 河西镇: 2 late → 0% → 5; 12 urges → −2, floor 0; 1 praise → 6; 5 criticisms → 0, floor 2; order missed → 15.
  ['hxz', 'task.overdue', 3, 2], ['hxz', 'urge', 3, 12], ['hxz', 'circular.praise', 2, 1], ['hxz', 'circular.criticism', 7, 5], ['hxz', 'order.missed', 10, 1],
];

/** Qualitative scores: [indicator, unit, evaluator, score]. */
const QUALITATIVE: [string, string, number][] = [
  // 县发改局 (18 + 16) / 2 = 17; 县财政局 19; 县教育局 only 林淑芬's 10 → 10; 城关镇 (15 + 17) / 2 = 16; 河西镇 20.
  ['fgj', 'linsf', 18], ['fgj', 'qianzy', 16], ['czj', 'linsf', 19], ['czj', 'qianzy', 19], ['jyj', 'linsf', 10],
  ['cgz', 'linsf', 15], ['cgz', 'qianzy', 17], ['hxz', 'linsf', 20], ['hxz', 'qianzy', 20],
];

/** The totals by hand: fgj 24+8+6+10+20+17 = 85; czj 30+10+10+8+5+19 = 82; jyj 30+10+4+10+20+10 = 84; cgz 15+5+4+4+20+16 = 64; hxz 5+0+6+2+15+20 = 48. */
const TOTALS = { fgj: 85, czj: 82, jyj: 84, cgz: 64, hxz: 48 };

describe.each(databases())('绩效评估 on $name', (database) => {
  let s: TestServer;
  let seedItem: string;
  const year = 2026;
  const url = (tail = '') => `/api/evaluation/years/${year}${tail}`;

  beforeAll(async () => {
    s = await startServer(database, { bundled: true });
    s.clock.set('2026-11-20T10:00:00+08:00');
    const r = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'p2-special-case', title: '县城区老旧小区改造进度督办', source: 'P2.S1', units: ['czj'], leadUnit: 'czj' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    seedItem = r.body.itemId;
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('given a scheme, when 县绩效办 saves it, then it is checked field by field and kept as version 1; others may not save', async () => {
    const bad = await s.call('linsf', 'PUT', url('/scheme'), { ...SCHEME, indicators: SCHEME.indicators.slice(1) });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'SCHEME_INVALID', message: '各项指标权重合计须为100分（现为70分）' });
    const unknownUnit = await s.call('linsf', 'PUT', url('/scheme'), { ...SCHEME, categories: [{ id: 'x', name: '县直部门', units: ['nowhere'] }] });
    expect(unknownUnit.body.error.fields).toEqual(expect.arrayContaining([{ field: 'categories[0].units', message: '类别“县直部门”中的单位“nowhere”不在通讯录中' }]));
    expect((await s.call('fengxl', 'PUT', url('/scheme'), SCHEME)).body.error).toMatchObject({ code: 'FORBIDDEN', message: '只有县绩效办可以进行此操作' });
    const ok = await s.call('linsf', 'PUT', url('/scheme'), SCHEME);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.version).toBe(1);
    const got = await s.call('linsf', 'GET', url('/scheme'));
    expect(got.body).toMatchObject({ version: 1, draft: false, versions: [{ version: 1, createdBy: '林淑芬' }] });
  });

  it('given the seeded events and the evaluators\' scores, then the scores, ranks and commendation list are exactly those by hand', async () => {
    const facts: { fact: EventFact; at: number }[] = [];
    let n = 0;
    for (const [unitId, kind, month, times] of SEED) {
      for (let i = 0; i < times; i++) facts.push({ fact: { kind, unitId, itemId: seedItem, key: `seed:${n++}` }, at: Date.parse(`2026-${String(month).padStart(2, '0')}-15T10:00:00+08:00`) });
    }
    for (const { fact, at } of facts) await insertEvents(s.ctx.db, eventRows([fact], at));

    // Only a named evaluator scores, within the range.
    expect((await s.call('hejj', 'PUT', url('/qualitative'), { entries: [{ indicatorId: 'quality', unitId: 'fgj', score: 10 }] })).body.error).toMatchObject({ code: 'FORBIDDEN', message: '您不是“工作实效”的评价人' });
    const out = await s.call('linsf', 'PUT', url('/qualitative'), { entries: [{ indicatorId: 'quality', unitId: 'fgj', score: 21 }] });
    expect(out.status).toBe(422);
    expect(out.body.error.message).toBe('“工作实效”的评分应在 0 到 20 之间');
    for (const evaluator of ['linsf', 'qianzy']) {
      const entries = QUALITATIVE.filter((q) => q[1] === evaluator).map(([unitId, , score]) => ({ indicatorId: 'quality', unitId, score }));
      const r = await s.call(evaluator, 'PUT', url('/qualitative'), { entries });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }

    const view = (await s.call('linsf', 'GET', url())).body;
    const by = Object.fromEntries(view.units.map((u: any) => [u.unitId, u]));
    expect(Object.fromEntries(Object.entries(by).map(([id, u]: [string, any]) => [id, u.total]))).toEqual(TOTALS);
    expect(by.fgj.indicators.map((i: any) => [i.indicatorId, i.score])).toEqual([['onTime', 24], ['urge', 8], ['praise', 6], ['critic', 10], ['order', 20], ['quality', 17]]);
    expect(by.hxz.indicators.map((i: any) => i.score)).toEqual([5, 0, 6, 2, 15, 20]);
    // Ranked within the category: 县直部门 fgj 85, jyj 84, czj 82; 乡镇 cgz 64, hxz 48.
    expect([by.fgj.rank, by.jyj.rank, by.czj.rank, by.cgz.rank, by.hxz.rank]).toEqual([1, 2, 3, 1, 2]);
    // 县发改局 is first with ≥ 80; 城关镇 is first but under 80.
    expect(view.commended).toEqual([{ unitId: 'fgj', unitName: '县发展和改革局' }]);
    // The trend: 县发改局's quantitative total at each month's end (onTime: none yet → 30; March 4/4 → 30; May 4/5 → 24 with 2 urges …).
    expect(by.fgj.monthly.slice(0, 7)).toEqual([74, 74, 74, 74, 66, 68, 68]);
  });

  it('given a unit, then it reads its own breakdown down to each event\'s item and step, never another unit\'s, and no ranks before publication', async () => {
    const own = await s.call('czj01', 'GET', url('/units/czj'));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ unitName: '县财政局', total: 82, rank: null });
    expect(own.body.events).toHaveLength(11);
    expect(own.body.events[0]).toMatchObject({ kindName: '按期办结', itemId: seedItem, date: '2026-02-15', appealable: false });
    const accountability = own.body.events.find((e: any) => e.kind === 'accountability');
    expect(accountability).toMatchObject({ kindName: '追责', indicators: ['order'], appealable: true, clause: expect.stringContaining('结果应用') });

    const other = await s.call('czj01', 'GET', url('/units/fgj'));
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 'FORBIDDEN', message: '只能查看本单位的考核明细' });
    const mine = (await s.call('czj01', 'GET', url())).body;
    expect(mine.units.map((u: any) => [u.unitId, u.total, u.rank])).toEqual([['czj', 82, null]]);
    expect(mine.commended).toEqual([]);
  });

  it('given an appeal that voids an event, then exactly that unit\'s score changes, and everything is audited', async () => {
    const events = (await s.call('czj01', 'GET', url('/units/czj'))).body.events;
    const target = events.find((e: any) => e.kind === 'accountability');
    expect((await s.call('fgj01', 'POST', `/api/evaluation/events/${target.id}/appeal`, { reason: '不是本单位' })).status).toBe(403);
    expect((await s.call('czj01', 'POST', `/api/evaluation/events/${target.id}/appeal`, { reason: '  ' })).body.error).toMatchObject({ code: 'APPEAL_INVALID', message: '请填写申诉理由' });
    const filed = await s.call('czj01', 'POST', `/api/evaluation/events/${target.id}/appeal`, { reason: '追责对象为其他单位人员，已有县纪委函件说明' });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect((await s.call('czj01', 'POST', `/api/evaluation/events/${target.id}/appeal`, { reason: '再次申诉' })).status).toBe(409);
    const old = events.find((e: any) => e.kind === 'task.onTime');
    expect((await s.call('czj01', 'POST', `/api/evaluation/events/${old.id}/appeal`, { reason: '过期' })).body.error).toMatchObject({ code: 'APPEAL_CLOSED', message: '申诉期已过（截至2026-02-25）' });

    const before = (await s.call('linsf', 'GET', url())).body.units;
    expect((await s.call('czj01', 'POST', `/api/evaluation/appeals/${filed.body.id}/decision`, { decision: 'voided', reason: '自己裁定' })).status).toBe(403);
    expect((await s.call('linsf', 'POST', `/api/evaluation/appeals/${filed.body.id}/decision`, { decision: 'voided', reason: '' })).body.error.code).toBe('DECISION_INVALID');
    const decided = await s.call('linsf', 'POST', `/api/evaluation/appeals/${filed.body.id}/decision`, { decision: 'voided', reason: '经核实，追责对象不属该单位' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect((await s.call('linsf', 'POST', `/api/evaluation/appeals/${filed.body.id}/decision`, { decision: 'kept', reason: '再裁' })).status).toBe(409);

    const after = (await s.call('linsf', 'GET', url())).body.units;
    const changed = after.filter((u: any) => u.total !== before.find((b: any) => b.unitId === u.unitId).total);
    // 县财政局: order 20 − 10 = 10 → 87; nobody else moves.
    expect(changed.map((u: any) => [u.unitId, u.total])).toEqual([['czj', 87]]);
    const breakdown = (await s.call('czj01', 'GET', url('/units/czj'))).body;
    expect(breakdown.events.find((e: any) => e.id === target.id)).toMatchObject({ voided: true, voidReason: '经核实，追责对象不属该单位', appeal: { status: 'voided', statusName: '撤销该事件' } });
    const item = (await s.call('fengxl', 'GET', `/api/items/${seedItem}`)).body;
    expect(item.timeline.map((e: any) => e.action)).toEqual(expect.arrayContaining(['evaluation.appealed', 'evaluation.appealDecided']));
    expect(item.audit.ok).toBe(true);
    const appeals = (await s.call('linsf', 'GET', url('/appeals'))).body.rows;
    expect(appeals).toEqual([expect.objectContaining({ unitName: '县财政局', kindName: '追责', status: 'voided', decidedBy: '林淑芬' })]);
    expect((await s.call('fgj01', 'GET', url('/appeals'))).body.rows).toEqual([]);
  });

  it('given the year, when it goes along p4-evaluation.bpmn, then R2 approves, it is published with its result document, and a later scheme version leaves it unchanged', async () => {
    const start = await s.call('linsf', 'POST', '/api/items', { procedureKey: 'p4-evaluation', title: '2026年度综合绩效评估' });
    expect(start.status, JSON.stringify(start.body)).toBe(201);
    const itemId = start.body.itemId;
    const complete = async (user: string, elementId: string, body: Record<string, unknown> = {}) => {
      const todo = await s.call(user, 'GET', '/api/tasks/todo?pageSize=200');
      const t = todo.body.rows.find((r: any) => r.elementId === elementId && r.itemId === itemId);
      expect(t, `${user} ${elementId}`).toBeTruthy();
      const r = await s.call(user, 'POST', `/api/tasks/${encodeURIComponent(t.id)}/complete`, body);
      expect(r.status, `${user} ${elementId}: ${JSON.stringify(r.body)}`).toBe(200);
    };
    const indicators = [{ name: '督查事项按期办结率', type: '定量', weight: 60 }, { name: '督查工作质量', type: '定性', weight: 40 }];
    await complete('fengxl', 'P4_1_Participate', { data: { indicators } });
    await complete('linsf', 'P4_1_Plan', { data: { year, title: SCHEME.title, indicators } });
    s.clock.set('2026-12-01T09:30:00+08:00');
    while (await s.instances.fireDueTimer());
    expect((await s.call('linsf', 'GET', url())).body).toMatchObject({ status: 'review', schemeVersion: 1 });
    await complete('fengxl', 'P4_2_Quantitative', { data: { note: '定量数据已核对' } });
    await complete('linsf', 'P4_2_Qualitative', { data: { note: '定性评价已录入' } });
    await complete('linsf', 'P4_3_Review', { data: { note: '复核无误' } });
    await complete('linsf', 'P4_4_Rank');
    await complete('linsf', 'P4_5_Commend');
    // Before approval a unit still sees no rank.
    expect((await s.call('czj01', 'GET', url('/units/czj'))).body.rank).toBeNull();
    await complete('limh', 'P4_6_Approve', { outcome: '同意', data: { outcome: '同意', signDate: '2026-12-05' } });

    const published = (await s.call('linsf', 'GET', url())).body;
    expect(published).toMatchObject({ status: 'published', statusName: '已公布', schemeVersion: 1 });
    const totals = Object.fromEntries(published.units.map((u: any) => [u.unitId, u.total]));
    expect(totals).toEqual({ ...TOTALS, czj: 87 });
    // With 追责 voided, 县财政局 (87) now leads 县直部门 and is the one proposed.
    expect(published.commended.map((c: any) => c.unitId)).toEqual(['czj']);
    const unitView = (await s.call('czj01', 'GET', url('/units/czj'))).body;
    expect(unitView).toMatchObject({ rank: 1, commended: true });

    const detail = (await s.call('linsf', 'GET', `/api/items/${itemId}`)).body;
    expect(detail.item.status).toBe('completed');
    const doc = detail.documents.find((d: any) => d.docType === '绩效评估结果');
    expect(doc).toMatchObject({ number: '清政绩评〔2026〕1号', hasContent: true });
    const dl = await s.app.inject({ method: 'GET', url: doc.url, headers: s.auth('linsf') });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // The result document names the ranking and the commendation list, from its template.
    const words = docxParagraphs(dl.rawPayload).join('\n');
    expect(words).toContain('清政绩评〔2026〕1号');
    expect(words).toContain('表彰建议名单');
    expect(words).toMatch(/第1名\s*县财政局\s*87分/);
    expect(detail.timeline.map((e: any) => e.action)).toEqual(expect.arrayContaining(['evaluation.collected', 'evaluation.published', 'document.generated']));

    // A new scheme version (other weights) is saved, and the published year keeps version 1 and its scores.
    const v2 = { ...SCHEME, indicators: SCHEME.indicators.map((i) => (i.id === 'quality' ? { ...i, weight: 10, max: 10 } : i.id === 'onTime' ? { ...i, weight: 40 } : i)) };
    expect((await s.call('linsf', 'PUT', url('/scheme'), v2)).body.version).toBe(2);
    const still = (await s.call('linsf', 'GET', url())).body;
    expect(still.schemeVersion).toBe(1);
    expect(Object.fromEntries(still.units.map((u: any) => [u.unitId, u.total]))).toEqual(totals);
    expect((await s.call('linsf', 'GET', url('/scheme?version=1'))).body.scheme.indicators.find((i: any) => i.id === 'quality').weight).toBe(20);

    // After publication a unit may still appeal within the window; the decision recomputes the published result.
    const urge = (await s.call('fgj01', 'GET', url('/units/fgj'))).body.events.find((e: any) => e.kind === 'urge');
    expect(urge.appealable).toBe(true);
    const filed = await s.call('fgj01', 'POST', `/api/evaluation/events/${urge.id}/appeal`, { reason: '该催办针对的是已办结事项' });
    expect(filed.status).toBe(201);
    const decided = await s.call('linsf', 'POST', `/api/evaluation/appeals/${filed.body.id}/decision`, { decision: 'voided', reason: '属实' });
    expect(decided.body.recomputed).toEqual({ before: 85, after: 86 });
    const revised = (await s.call('linsf', 'GET', url())).body;
    expect(revised.revision).toBeGreaterThan(published.revision);
    expect(revised.units.find((u: any) => u.unitId === 'fgj').total).toBe(86);
    expect(revised.schemeVersion).toBe(1);
  });

  it('exports the year to Excel, by category and rank', async () => {
    const r = await s.app.inject({ method: 'GET', url: url('/export'), headers: s.auth('linsf') });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '类别', '排位', '单位', '按期办结（30分）', '被催办（10分）', '通报表扬（10分）', '通报批评（10分）', '督办令落实（20分）', '工作实效（20分）', '总分', '表彰建议']);
    expect(ws.getRow(2).values).toEqual([undefined, '县直部门', 1, '县财政局', 30, 10, 10, 8, 10, 19, 87, '是']);
    expect(ws.rowCount).toBe(6);
  });
});
