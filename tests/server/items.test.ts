import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, registrationData, startServer, type TestServer } from './helpers';

describe.each(databases())('items, statistics and calendar on $name', (database) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn', 'split.bpmn'] });
  });
  afterEach(async () => {
    await s.close();
  });

  it('terminates an item with its child items, only by the office head, with a reason', async () => {
    const r = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'split-parent', title: '终止测试', units: ['jyj', 'wjj'], deadline: '2026-03-20' });
    expect((await s.call('fengxl', 'POST', `/api/items/${r.body.itemId}/terminate`, { reason: '误登记' })).status).toBe(403);
    expect((await s.call('qianzy', 'POST', `/api/items/${r.body.itemId}/terminate`, { reason: '' })).status).toBe(400);
    const t = await s.call('qianzy', 'POST', `/api/items/${r.body.itemId}/terminate`, { reason: '重复登记，予以撤销' });
    expect(t.status, JSON.stringify(t.body)).toBe(200);
    const items = await s.ctx.db.selectFrom('items').select(['status', 'parentItemId']).execute();
    expect(items.map((i) => i.status)).toEqual(['terminated', 'terminated', 'terminated']);
    const open = await s.ctx.db.selectFrom('tasks').select('id').where('status', '=', 'open').execute();
    expect(open).toHaveLength(0);
    const todos = await s.call('jyj01', 'GET', '/api/tasks/todo');
    expect(todos.body.total).toBe(0);
    // A terminated item takes no more actions.
    const again = await s.call('qianzy', 'POST', `/api/items/${r.body.itemId}/terminate`, { reason: '再次终止' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ITEM_CLOSED');
  });

  it('completes a parent when every child item is done and passes the children\'s output back', async () => {
    const r = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'split-parent', title: '分解事项', units: ['jyj', 'wjj'], deadline: '2026-03-20' });
    for (const who of ['jyj01', 'wjj01']) {
      const task = (await s.call(who, 'GET', '/api/tasks/todo')).body.rows[0];
      const done = await s.call(who, 'POST', `/api/tasks/${task.id}/complete`, { data: { progress: `${who} 已完成` } });
      expect(done.status, JSON.stringify(done.body)).toBe(200);
    }
    const summary = (await s.call('fengxl', 'GET', '/api/tasks/todo')).body.rows.find((t: any) => t.itemId === r.body.itemId);
    expect(summary?.name).toBe('汇总');
    const children = await s.ctx.db.selectFrom('items').select('status').where('parentItemId', '=', r.body.itemId).execute();
    expect(children.map((c) => c.status)).toEqual(['completed', 'completed']);
    const detail = await s.call('fengxl', 'GET', `/api/items/${r.body.itemId}`);
    expect(detail.body.timeline.filter((e: any) => e.action === 'child.started')).toHaveLength(2);
  });

  it('exports the ledger as an Excel workbook with the visible items only', async () => {
    await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'supervise', title: '导出事项甲', source: 'P2.S1', units: ['zjj'], leadUnit: 'zjj' });
    await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'supervise', title: '导出事项乙', source: 'P2.S2', units: ['jyj'], leadUnit: 'jyj' });
    const r = await s.app.inject({ method: 'GET', url: '/api/items/export', headers: s.auth('fengxl') });
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('督办台账')!;
    expect(ws.getRow(1).getCell(2).value).toBe('事项名称');
    expect(ws.rowCount).toBe(3);
    const unit = await s.app.inject({ method: 'GET', url: '/api/items/export', headers: s.auth('jyj01') });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(unit.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('督办台账')!.rowCount).toBe(2);
  });

  it('reports on-time statistics by unit and by procedure', async () => {
    const a = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'supervise', title: '统计事项', source: 'P2.S1', units: ['zjj'], leadUnit: 'zjj' });
    const t = (await s.call('fengxl', 'GET', '/api/tasks/todo')).body.rows[0];
    await s.call('fengxl', 'POST', `/api/tasks/${t.id}/complete`, { data: registrationData() });
    s.clock.set('2026-03-20T09:00:00+08:00');
    await s.scheduler.runDueTimers();
    const r = await s.call('fengxl', 'GET', '/api/stats/punctuality?from=2026-03-01&to=2026-03-31');
    expect(r.status).toBe(200);
    expect(r.body.totals).toMatchObject({ total: 1, overdue: 1 });
    expect(r.body.byUnit).toEqual([{ key: 'zjj', name: '县住房和城乡建设局', total: 1, onTime: 0, late: 0, running: 0, overdue: 1 }]);
    expect(r.body.byProcedure[0]).toMatchObject({ key: 'supervise', name: '测试督办', total: 1 });
    expect((await s.call('jyj01', 'GET', '/api/stats/punctuality')).body.totals.total).toBe(0);
    expect(a.status).toBe(201);
  });

  it('answers working-day questions and lets the administrator import a year and override a day', async () => {
    let r = await s.call('fengxl', 'GET', '/api/calendar/workdays?date=2026-09-30&add=1');
    expect(r.status).toBe(200);
    expect(r.body.result).toBe('2026-10-08'); // 国庆 2026: 10-01..10-07 off
    r = await s.call('fengxl', 'GET', '/api/calendar/days?from=2026-10-01&to=2026-10-10');
    expect(r.body.days).toHaveLength(10);
    expect(r.body.days[0]).toMatchObject({ date: '2026-10-01', workday: false });

    const imp = await s.call('gaoyuan', 'POST', '/api/calendar/import', { year: 2027, text: '日期,类型,名称\n2027-01-01,休,元旦\n2027-02-06~2027-02-12,休,春节\n2027-02-14,班,春节调休' });
    expect(imp.status, JSON.stringify(imp.body)).toBe(200);
    expect(imp.body.entries).toBe(9);
    r = await s.call('fengxl', 'GET', '/api/calendar/workdays?date=2027-02-05&add=1');
    expect(r.body.result).toBe('2027-02-14');
    const bad = await s.call('gaoyuan', 'POST', '/api/calendar/import', { year: 2027, text: '2027-13-01,休,元旦' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('SCHEDULE_INVALID');
    expect(bad.body.error.fields[0].message).toContain('第 1 行');

    const ov = await s.call('gaoyuan', 'PUT', '/api/calendar/overrides/2026-03-06', { workday: false, note: '县里停电' });
    expect(ov.status).toBe(200);
    r = await s.call('fengxl', 'GET', '/api/calendar/workdays?date=2026-03-05&add=1');
    expect(r.body.result).toBe('2026-03-09');
    expect((await s.call('fengxl', 'PUT', '/api/calendar/overrides/2026-03-06', { workday: true })).status).toBe(403);
  });
});
