/**
 * The workflow core as a person sees its results: every change to an item reaches the
 * item's hash-chained record as it happens — here the year-end timer of the real P4 diagram
 * (`processes/p4-evaluation.bpmn`), fired by the scheduler through the real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, startServer, type TestServer } from './helpers';

describe.each(databases())('the item record on $name', (database) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(database, { bundled: true });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  async function complete(user: string, itemId: string, elementId: string, body: Record<string, unknown>) {
    const todo = await s.call(user, 'GET', '/api/tasks/todo?pageSize=100');
    const t = todo.body.rows.find((r: any) => r.itemId === itemId && r.elementId === elementId);
    expect(t, `${user} should have ${elementId}`).toBeTruthy();
    const r = await s.call(user, 'POST', `/api/tasks/${encodeURIComponent(t.id)}/complete`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }

  it('shows when an intermediate timer fired, once, in the verified record', async () => {
    const start = await s.call('linsf', 'POST', '/api/items', { procedureKey: 'p4-evaluation', title: '2026年度综合绩效评估' });
    expect(start.status, JSON.stringify(start.body)).toBe(201);
    const itemId = start.body.itemId;
    const indicators = [{ name: '督查事项按期办结率', type: '定量', weight: 60 }, { name: '督查工作质量', type: '定性', weight: 40 }];
    await complete('fengxl', itemId, 'P4_1_Participate', { data: { indicators } });
    await complete('linsf', itemId, 'P4_1_Plan', { data: { year: 2026, title: '2026年度综合绩效评估实施方案', indicators } });

    // Nothing before 12-01; at 12-01 09:00 the year-end timer fires and the scores are collected.
    s.clock.set('2026-11-30T18:00:00+08:00');
    while (await s.instances.fireDueTimer());
    let timeline = (await s.call('linsf', 'GET', `/api/items/${itemId}`)).body.timeline;
    expect(timeline.filter((e: any) => e.action === 'timer.fired')).toEqual([]);

    s.clock.set('2026-12-01T09:30:00+08:00');
    while (await s.instances.fireDueTimer());
    while (await s.instances.fireDueTimer());
    const detail = (await s.call('linsf', 'GET', `/api/items/${itemId}`)).body;
    timeline = detail.timeline;
    const fired = timeline.filter((e: any) => e.action === 'timer.fired');
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ actorName: '系统', data: { elementId: 'P4_2_YearEnd', dueAt: Date.parse('2026-12-01T09:00:00+08:00') } });
    expect(fired[0].at).toBe(Date.parse('2026-12-01T09:30:00+08:00'));
    // The timer's firing comes before what it set going (the collection of the year's scores).
    const actions = timeline.map((e: any) => e.action);
    expect(actions.indexOf('timer.fired')).toBeLessThan(actions.indexOf('evaluation.collected'));
    expect(detail.audit.ok).toBe(true);
  });
});
