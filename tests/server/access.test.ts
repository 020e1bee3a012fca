import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployBundled } from '../../src/server/seed';
import { databases, fixture, startServer, type TestServer } from './helpers';

describe.each(databases())('access control on $name', (database) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn', 'split.bpmn', 'leader.bpmn'] });
  });
  afterEach(async () => {
    await s.close();
  });

  /** An item split into one child item per unit: 教育局 and 卫健局 each get their own case. */
  async function splitItem() {
    // The lead unit (教育局) is passed down to every child, as P2 does: it still must not read 卫健局's case.
    const r = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'split-parent', title: '春季学校卫生检查', units: ['jyj', 'wjj'], leadUnit: 'jyj', deadline: '2026-03-20' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const children = await s.ctx.db.selectFrom('items').selectAll().where('parentItemId', '=', r.body.itemId).orderBy('code').execute();
    expect(children.map((c) => JSON.parse(c.units))).toEqual([['jyj'], ['wjj']]);
    return { parentId: r.body.itemId as string, jyj: children[0], wjj: children[1] };
  }

  it('requires a valid login for every API route', async () => {
    expect((await s.call(null, 'GET', '/api/tasks/todo')).status).toBe(401);
    const bad = await s.app.inject({ method: 'GET', url: '/api/tasks/todo', headers: { authorization: 'Bearer forged.token' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error).toEqual({ code: 'UNAUTHENTICATED', message: '未登录或登录已过期，请重新登录' });
    const users = await s.call(null, 'GET', '/api/auth/demo-users');
    expect(users.body.users.length).toBeGreaterThan(30);
    const roles = new Set(users.body.users.flatMap((u: any) => u.roles));
    for (let i = 1; i <= 15; i++) expect(roles.has(`R${i}`)).toBe(true);
    const login = await s.call(null, 'POST', '/api/auth/login', { userId: 'jyj01' });
    expect(login.status).toBe(200);
    const me = await s.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${login.body.token}` } });
    expect(me.json()).toMatchObject({ id: 'jyj01', name: '徐海燕', unitName: '县教育局' });
    expect((await s.call(null, 'POST', '/api/auth/login', { userId: 'nobody' })).status).toBe(404);
  });

  it('keeps each unit to its own cases: another unit gets 404 on the item, its tasks and its documents', async () => {
    const { parentId, jyj, wjj } = await splitItem();

    // 教育局 sees and handles its own child item.
    const todo = await s.call('jyj01', 'GET', '/api/tasks/todo');
    expect(todo.body.rows.map((t: any) => t.itemId)).toEqual([jyj.id]);
    expect((await s.call('jyj01', 'GET', `/api/items/${jyj.id}`)).status).toBe(200);

    // 卫健局's case is invisible to 教育局, and the other way round.
    const denied = await s.call('jyj01', 'GET', `/api/items/${wjj.id}`);
    expect(denied.status).toBe(404);
    expect(denied.body.error).toEqual({ code: 'ITEM_NOT_FOUND', message: '督办事项不存在或您无权查看' });
    const wjjTask = (await s.call('wjj01', 'GET', '/api/tasks/todo')).body.rows[0];
    expect((await s.call('jyj01', 'GET', `/api/tasks/${wjjTask.id}`)).status).toBe(404);
    const act = await s.call('jyj01', 'POST', `/api/tasks/${wjjTask.id}/complete`, { data: { progress: '越权提交' } });
    expect(act.status).toBe(404);

    // Submitted forms stay out of a unit's view of the timeline; the office sees them.
    const done = await s.call('jyj01', 'POST', `/api/tasks/${todo.body.rows[0].id}/complete`, { data: { progress: '已排查 32 所学校' } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const asUnit = await s.call('jyj01', 'GET', `/api/items/${jyj.id}`);
    expect(asUnit.body.timeline.find((e: any) => e.action === 'task.completed').data.form).toBeUndefined();
    const asOffice = await s.call('fengxl', 'GET', `/api/items/${jyj.id}`);
    expect(asOffice.body.timeline.find((e: any) => e.action === 'task.completed').data.form).toEqual({ progress: '已排查 32 所学校' });

    // The parent item's detail lists only the children a unit may read.
    const parent = await s.call('jyj01', 'GET', `/api/items/${parentId}`);
    expect(parent.status).toBe(200);
    expect(parent.body.children.map((c: any) => c.id)).toEqual([jyj.id]);

    // The ledger: a township sees nothing, the office sees all three, 教育局 sees the parent only at top level.
    const township = await s.call('cgz01', 'GET', '/api/items?parent=all');
    expect(township.body.total).toBe(0);
    expect((await s.call('fengxl', 'GET', '/api/items?parent=all')).body.total).toBe(3);
    expect((await s.call('jyj01', 'GET', '/api/items?parent=all')).body.rows.map((r: any) => r.id).sort()).toEqual([parentId, jyj.id].sort());

    // The liaison 副主任 of 教育局 and 卫健局 sees both; the one of 住建局 sees neither child.
    expect((await s.call('wuxy', 'GET', `/api/items/${wjj.id}`)).status).toBe(200);
    expect((await s.call('zhouwb', 'GET', `/api/items/${wjj.id}`)).status).toBe(404);
  });

  it('lets only a candidate act on a task (403 for a visible task one is not assigned)', async () => {
    const r = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'supervise', title: '事项', source: 'P2.S1', units: ['zjj'], leadUnit: 'zjj' });
    const task = (await s.call('fengxl', 'GET', '/api/tasks/todo')).body.rows.find((t: any) => t.itemId === r.body.itemId);
    // 督查室主任 (R7) reads every item but the registration is R8's task.
    const res = await s.call('qianzy', 'POST', `/api/tasks/${task.id}/complete`, { data: {} });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const detail = await s.call('qianzy', 'GET', `/api/tasks/${task.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.actions).not.toContain('complete');
    expect(detail.body.actions).toContain('urge');
  });

  it('routes a scoped role to the named person, and a step nobody holds to the office', async () => {
    const named = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'leader-review', title: '县长批示件', vars: { instructingLeader: '王建国县长' } });
    expect((await s.call('wangjianguo', 'GET', '/api/tasks/todo')).body.rows.map((t: any) => t.itemId)).toEqual([named.body.itemId]);
    expect((await s.call('limh', 'GET', '/api/tasks/todo')).body.total).toBe(0);

    const upper = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'leader-review', title: '省领导批示件', vars: { instructingLeader: '省政府某副省长' } });
    const office = (await s.call('hejj', 'GET', '/api/tasks/todo')).body.rows.filter((t: any) => t.itemId === upper.body.itemId);
    expect(office).toHaveLength(1);
    expect(office[0].assignee).toBe('督查室承办人员');
    const detail = await s.call('hejj', 'GET', `/api/items/${upper.body.itemId}`);
    expect(detail.body.timeline.map((e: any) => e.action)).toEqual(expect.arrayContaining(['task.noCandidates', 'task.reassigned']));
  });

  it('lets only administrators deploy diagrams, forms and calendar schedules', async () => {
    const xml = fixture('supervise.bpmn');
    for (const who of ['fengxl', 'wangjianguo', 'jyj01']) {
      expect((await s.call(who, 'POST', '/api/definitions', { xml })).status).toBe(403);
      expect((await s.call(who, 'POST', '/api/calendar/import', { year: 2027, text: '2027-01-01,休,元旦' })).status).toBe(403);
    }
    const r = await s.call('gaoyuan', 'POST', '/api/definitions', { xml: xml.replace('name="测试督办"', 'name="测试督办（第二版）"') });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.deployed).toEqual([{ key: 'supervise', version: 2, name: '测试督办（第二版）', unchanged: false }]);
    const again = await s.call('gaoyuan', 'POST', '/api/definitions', { xml: xml.replace('name="测试督办"', 'name="测试督办（第二版）"') });
    expect(again.body.deployed[0]).toMatchObject({ version: 2, unchanged: true });
  });

  it('keeps the version of a form deployed again unchanged, as at every restart with the bundled forms', async () => {
    const again = await deployBundled(s.ctx, { forms: 'forms', processes: '/nonexistent' });
    expect(again.forms.length).toBeGreaterThan(20);
    expect(again.forms.filter((f) => !f.unchanged || f.version !== 1)).toEqual([]);
    const form = (await s.call('gaoyuan', 'GET', '/api/forms/review')).body;
    expect((await s.call('gaoyuan', 'POST', '/api/forms', form)).body).toEqual({ key: 'review', version: 1, unchanged: true });
    const renamed = JSON.parse(JSON.stringify(form).replace('"审核结论"', '"审核结论（复核）"'));
    expect((await s.call('gaoyuan', 'POST', '/api/forms', renamed)).body).toEqual({ key: 'review', version: 2, unchanged: false });
    expect((await s.call('gaoyuan', 'POST', '/api/forms', renamed)).body).toEqual({ key: 'review', version: 2, unchanged: true });
  });

  it('refuses a broken diagram with the problem list in Chinese (422) and deploys nothing', async () => {
    const broken = fixture('supervise.bpmn').replace('duban:formKey="handling-result"', 'duban:formKey="no-such-form"').replace('targetRef="end"', 'targetRef="nowhere"');
    const r = await s.call('gaoyuan', 'POST', '/api/definitions', { xml: broken });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('DEFINITION_INVALID');
    expect(r.body.error.message).toBe('流程定义有错误，未部署');
    expect(r.body.error.fields.length).toBeGreaterThan(0);
    expect(r.body.error.fields.some((f: any) => f.field === 'handle')).toBe(true);
    for (const f of r.body.error.fields) expect(f.message).toMatch(/[\u4e00-\u9fa5]/);
    const versions = await s.ctx.db.selectFrom('definitions').select('version').where('key', '=', 'supervise').execute();
    expect(versions).toHaveLength(1);
  });
});
