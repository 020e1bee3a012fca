/**
 * The P5.R deduction (县长督办令落实不力 → 年终绩效考核扣分) on the real p5-order.bpmn: the
 * units' tasks live on the order's child items, one per unit. Before, the deduction filtered
 * on tasks of the order's own item and was always 0; here a unit that reports late loses the
 * scheme's points for it, the unit on time does not, and the 县长约谈 chosen at 结果应用 falls
 * on the late unit. The events are written by the actions themselves: the completions, an
 * urge, the approved extension.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkP5ToUnits } from '../support/p5-walk';
import { databases, startServer, type TestServer } from './helpers';

const SCHEME = {
  title: '2026年度督查工作考核',
  categories: [{ id: 'dept', name: '县直部门', units: ['zjj', 'jtj'] }],
  indicators: [
    { id: 'onTime', name: '按期办结', type: 'quantitative', weight: 40, rule: { kind: 'onTimeRate', bands: [{ minRate: 1, points: 40 }, { minRate: 0, points: 20 }] } },
    { id: 'urge', name: '被催办', type: 'quantitative', weight: 10, rule: { kind: 'perEvent', events: ['urge'], points: -1, base: 10 } },
    { id: 'extension', name: '延期', type: 'quantitative', weight: 10, rule: { kind: 'perEvent', events: ['extension'], points: -2, base: 10 } },
    { id: 'order', name: '督办令落实', type: 'quantitative', weight: 40, rule: { kind: 'perEvent', events: ['order.missed', 'interview', 'accountability'], points: -5, base: 40 } },
  ],
  commendation: { topN: 1 },
  appealDays: 10,
};

describe.each(databases())('P5.R deduction on $name', (database) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(database, { bundled: true });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('given an order whose 交通局 reports after the deadline, then 交通局 loses the order points and the 约谈, 住建局 keeps them', async () => {
    expect((await s.call('linsf', 'PUT', '/api/evaluation/years/2026/scheme', SCHEME)).status).toBe(200);
    const call = (u: string, m: string, url: string, body?: unknown) => s.call(u, m, url, body);
    const itemId = await walkP5ToUnits(call);
    const todo = async (user: string, elementId: string) => {
      const children = (await s.ctx.db.selectFrom('items').select('id').where('parentItemId', '=', itemId).execute()).map((c) => c.id);
      const rows = (await s.call(user, 'GET', '/api/tasks/todo?pageSize=200')).body.rows;
      const t = rows.find((r: any) => r.elementId === elementId && (r.itemId === itemId || children.includes(r.itemId)));
      expect(t, `${user} ${elementId}`).toBeTruthy();
      return t;
    };
    const complete = async (user: string, elementId: string, body: Record<string, unknown> = {}) => {
      const t = await todo(user, elementId);
      const r = await s.call(user, 'POST', `/api/tasks/${encodeURIComponent(t.id)}/complete`, body);
      expect(r.status, `${user} ${elementId}: ${JSON.stringify(r.body)}`).toBe(200);
    };

    // 住建局 asks for more time and gets it (an extension event), then reports within it.
    const zjj = await todo('zjj01', 'UH_Handle');
    expect((await s.call('zjj01', 'POST', `/api/tasks/${encodeURIComponent(zjj.id)}/extension`, { newDue: '2026-07-31', reason: '雨季影响施工' })).status).toBe(200);
    await complete('qianzy', 'X7_ExtReviewR7', { outcome: '同意', opinion: '同意', data: { proposedDeadline: '2026-07-15' } });
    await complete('sunlx', 'X7_ExtApproveR5', { outcome: '同意', data: { outcome: '同意', signDate: '2026-03-03' } });
    await complete('zjj01', 'UH_Handle', { outcome: '办结', data: { result: '已完成', completedDate: '2026-03-10' } });

    // 交通局 is urged once, and reports after the order's deadline (2026-06-30).
    const jtj = await todo('jtj01', 'UH_Handle');
    expect((await s.call('qianzy', 'POST', `/api/tasks/${encodeURIComponent(jtj.id)}/urge`, { method: 'phone', note: '请抓紧' })).status).toBe(200);
    s.clock.set('2026-07-06T10:00:00+08:00');
    await complete('jtj01', 'UH_Handle', { outcome: '办结', data: { result: '已完成', completedDate: '2026-07-06' } });

    await complete('fengxl', 'P5_5_Summary', { data: { title: '督办令落实情况汇总', overview: '交通局逾期' } });
    await complete('fengxl', 'P5_R_Apply', { data: { followUp: '县长约谈' } });
    await complete('wangjianguo', 'P5_R_Interview', { data: { meetingDate: '2026-07-08', title: '约谈交通局负责人', decisions: [{ title: '限期整改' }] } });

    const item = (await s.call('fengxl', 'GET', `/api/items/${itemId}`)).body;
    expect(item.item.status).toBe('completed');
    expect(item.timeline.find((e: any) => e.action === 'evaluation.recorded').data).toEqual({ carriedOut: ['zjj'], missed: ['jtj'] });

    const jtjView = (await s.call('jtj01', 'GET', '/api/evaluation/years/2026/units/jtj')).body;
    expect(jtjView.events.map((e: any) => e.kind).sort()).toEqual(['interview', 'order.missed', 'task.overdue', 'urge']);
    const missed = jtjView.events.find((e: any) => e.kind === 'order.missed');
    expect(missed).toMatchObject({ itemId, itemCode: item.item.code, elementId: 'P5_R_Score' });
    expect(jtjView.events.find((e: any) => e.kind === 'task.overdue')).toMatchObject({ stepName: '承办单位办理并反馈', note: '期限 2026-06-30，办结 2026-07-06' });
    // order 40 − 5 (missed) − 5 (约谈) = 30; on-time 0/1 → 20; one urge → 9; no extension → 10.
    expect(jtjView.indicators.map((i: any) => [i.id, i.score])).toEqual([['onTime', 20], ['urge', 9], ['extension', 10], ['order', 30]]);
    expect(jtjView.total).toBe(69);

    const zjjView = (await s.call('zjj01', 'GET', '/api/evaluation/years/2026/units/zjj')).body;
    expect(zjjView.events.map((e: any) => e.kind).sort()).toEqual(['extension', 'order.done', 'task.onTime']);
    expect(zjjView.indicators.map((i: any) => [i.id, i.score])).toEqual([['onTime', 40], ['urge', 10], ['extension', 8], ['order', 40]]);
    expect(zjjView.total).toBe(98);
  }, 120_000);
});
