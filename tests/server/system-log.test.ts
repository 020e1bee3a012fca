/**
 * The system log (操作日志): every change an administrator makes outside the items —
 * processes and forms deployed, the calendar, the role mapping, backups — is recorded with
 * who and when, and only administrators read it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, fixture, startServer, type TestServer } from './helpers';

const ADMIN = 'gaoyuan';

describe.each(databases())('system log on $name', (database) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn'] });
  });
  afterEach(async () => {
    await s.close();
  });

  const log = async (query = '') => {
    const r = await s.call(ADMIN, 'GET', `/api/admin/system-log${query}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  it('records each administrator change with who, when and what, newest first; an unchanged deploy is not a change', async () => {
    // Deployed at start-up by the system (not through the API): not in the log.
    expect((await log()).rows).toEqual([]);

    const xml = fixture('supervise.bpmn').replace('</bpmn:process>', '<!-- 第二版 --></bpmn:process>');
    expect((await s.call(ADMIN, 'POST', '/api/definitions', { xml })).status).toBe(201);
    expect((await s.call(ADMIN, 'POST', '/api/definitions', { xml })).status).toBe(201); // the same again

    const form = (await s.call(ADMIN, 'GET', '/api/forms/review')).body;
    const renamed = JSON.parse(JSON.stringify(form).replace('"审核结论"', '"审核结论（复核）"'));
    expect((await s.call(ADMIN, 'POST', '/api/forms', renamed)).status).toBe(201);
    expect((await s.call(ADMIN, 'POST', '/api/forms', renamed)).status).toBe(201); // the same again

    s.clock.advance(60_000);
    expect((await s.call(ADMIN, 'PUT', '/api/calendar/overrides/2026-03-06', { workday: false, note: '县域防汛停工' })).status).toBe(200);
    expect((await s.call(ADMIN, 'DELETE', '/api/calendar/overrides/2026-03-06')).status).toBe(200);
    expect((await s.call(ADMIN, 'DELETE', '/api/calendar/overrides/2026-03-06')).body.ok).toBe(false); // nothing left to remove

    const mapping = (await s.call(ADMIN, 'GET', '/api/admin/roles')).body;
    expect((await s.call(ADMIN, 'PUT', '/api/admin/roles', { grants: [...mapping.grants, { personId: 'xujing', roleId: 'R7', scope: '' }], liaisons: mapping.liaisons })).status).toBe(200);
    expect((await s.call(ADMIN, 'DELETE', '/api/admin/roles')).status).toBe(200);

    const all = await log();
    expect(all.rows.map((r: any) => r.actionName)).toEqual(['恢复通讯录中的角色', '保存角色配置', '撤销工作日调整', '调整工作日', '部署表单', '部署流程']);
    expect(all.total).toBe(6);
    for (const r of all.rows) expect(r).toMatchObject({ actorId: ADMIN, actorName: '高原' });
    const [, , removed, set, formDeploy, processDeploy] = all.rows;
    expect(processDeploy).toMatchObject({ action: 'definition.deploy', target: expect.stringMatching(/（supervise）第 2 版$/), detail: { key: 'supervise', version: 2 } });
    expect(formDeploy).toMatchObject({ action: 'form.deploy', target: expect.stringMatching(/（review）第 2 版$/), detail: { key: 'review', version: 2 } });
    expect(set).toMatchObject({ target: '2026-03-06 设为休息日', detail: { date: '2026-03-06', workday: false, note: '县域防汛停工' }, at: s.clock.now() });
    expect(removed).toMatchObject({ action: 'calendar.override.remove', target: '2026-03-06' });
    expect(all.actions['backup.create']).toBe('数据备份');

    // One action at a time, and paged.
    expect((await log('?action=form.deploy')).rows.map((r: any) => r.target)).toEqual([formDeploy.target]);
    const page2 = await log('?page=2&pageSize=4');
    expect(page2).toMatchObject({ total: 6, page: 2, pageSize: 4 });
    expect(page2.rows.map((r: any) => r.id)).toEqual([formDeploy.id, processDeploy.id]);

    if (database.name === 'sqlite') {
      const backup = (await s.call(ADMIN, 'POST', '/api/admin/backups')).body;
      await s.call(ADMIN, 'GET', `/api/admin/backups/${backup.name}`);
      expect((await log()).rows.slice(0, 2).map((r: any) => [r.actionName, r.target])).toEqual([
        ['下载备份', backup.name],
        ['数据备份', backup.name],
      ]);
    }
  });

  it('is read by administrators only, and refuses an unknown action filter in Chinese', async () => {
    const denied = await s.call('fengxl', 'GET', '/api/admin/system-log');
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const bad = await s.call(ADMIN, 'GET', '/api/admin/system-log?action=drop.table');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'BAD_REQUEST', message: '查询参数不符合要求' });
    expect(bad.body.error.fields[0].field).toBe('action');
  });
});
