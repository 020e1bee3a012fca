/**
 * The admin routes: process versions with their running items, form versions, open
 * deadlines, and the role mapping of the embedded host (saved, applied, survives a restart).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { databases, startServer, type TestServer } from '../server/helpers';

const ADMIN = 'gaoyuan';
const OFFICER = 'fengxl';

for (const database of databases()) {
  describe(`admin routes (${database.name})`, () => {
    let server: TestServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it('lists the versions of a process with the items running on each', async () => {
      server = await startServer(database, { fixtures: ['supervise.bpmn'] });
      const list = await server.call(ADMIN, 'GET', '/api/definitions');
      const key = list.body.rows[0].key as string;
      const started = await server.call(OFFICER, 'POST', '/api/items', { procedureKey: key, title: '版本统计测试', units: ['zjj'], leadUnit: 'zjj' });
      expect(started.status).toBe(201);
      const xml = (await server.call(ADMIN, 'GET', `/api/definitions/${key}`)).body.xml as string;
      const redeployed = await server.call(ADMIN, 'POST', '/api/definitions', { xml: xml.replace('</bpmn:process>', '<!-- v2 --></bpmn:process>') });
      expect(redeployed.status).toBe(201);

      const versions = await server.call(ADMIN, 'GET', `/api/admin/definitions/${key}/versions`);
      expect(versions.status).toBe(200);
      expect(versions.body.rows.map((r: any) => [r.version, r.running])).toEqual([
        [2, 0],
        [1, 1],
      ]);
      const usage = await server.call(ADMIN, 'GET', '/api/admin/definitions/usage');
      expect(usage.body.rows).toContainEqual({ key, version: 1, running: 1, completed: 0, terminated: 0 });
    });

    it('refuses the admin routes to people who are not administrators', async () => {
      server = await startServer(database);
      for (const url of ['/api/admin/definitions/usage', '/api/admin/roles', '/api/admin/open-deadlines', '/api/admin/forms/review/versions']) {
        const r = await server.call(OFFICER, 'GET', url);
        expect(r.status, url).toBe(403);
        expect(r.body.error.message).toBe('仅系统管理员可以进行此操作');
      }
    });

    it('lists form versions and returns an older version', async () => {
      server = await startServer(database);
      const v1 = (await server.call(ADMIN, 'GET', '/api/forms/review')).body;
      const changed = { ...v1, name: '审核意见（新）' };
      expect((await server.call(ADMIN, 'POST', '/api/forms', changed)).status).toBe(201);
      const versions = await server.call(ADMIN, 'GET', '/api/admin/forms/review/versions');
      expect(versions.body.rows.map((r: any) => [r.version, r.name])).toEqual([
        [2, '审核意见（新）'],
        [1, '审核意见'],
      ]);
      const old = await server.call(ADMIN, 'GET', '/api/admin/forms/review/versions/1');
      expect(old.body.name).toBe('审核意见');
      expect((await server.call(ADMIN, 'GET', '/api/admin/forms/review/versions/9')).status).toBe(404);
    });

    it('lists open deadlines with the due setting of their step', async () => {
      server = await startServer(database, { fixtures: ['supervise.bpmn'] });
      const key = (await server.call(ADMIN, 'GET', '/api/definitions')).body.rows[0].key as string;
      await server.call(OFFICER, 'POST', '/api/items', { procedureKey: key, title: '期限测试', units: ['zjj'], leadUnit: 'zjj' });
      const r = await server.call(ADMIN, 'GET', '/api/admin/open-deadlines');
      expect(r.status).toBe(200);
      expect(r.body.rows.length).toBeGreaterThan(0);
      for (const row of r.body.rows) {
        expect(row.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(row.itemTitle).toBe('期限测试');
      }
    });

    it('saves a role mapping, applies it at once and keeps it after a restart', async () => {
      server = await startServer(database);
      const before = await server.call(ADMIN, 'GET', '/api/admin/roles');
      expect(before.body.editable).toBe(true);
      expect(before.body.customised).toBe(false);
      // given 许静 (an R8 officer) also becomes 督查室主任 (R7), and 周文斌 no longer liaises with 县财政局
      const grants = [...before.body.grants, { personId: 'xujing', roleId: 'R7', scope: '' }];
      const liaisons = before.body.liaisons.filter((l: any) => !(l.personId === 'zhouwb' && l.unitId === 'czj'));
      const saved = await server.call(ADMIN, 'PUT', '/api/admin/roles', { grants, liaisons });
      expect(saved.status).toBe(200);
      const me = await server.call('xujing', 'GET', '/api/auth/me');
      expect(me.body.roles).toContain('R7');
      const units = (await server.call(ADMIN, 'GET', '/api/directory/units')).body.units;
      expect(units.find((u: any) => u.id === 'czj').liaisons).not.toContain('zhouwb');

      // when the server restarts and syncs the host's directory again
      const again = await buildApp({ db: server.fresh.db, host: server.host, now: server.clock.now });
      try {
        expect(again.ctx.dir.principal('xujing')!.roles).toContain('R7');
      } finally {
        await again.scheduler.stop();
        await again.app.close();
      }
    });

    it('refuses a mapping that leaves a required role empty or gives a liaison to someone without R6', async () => {
      server = await startServer(database);
      const before = (await server.call(ADMIN, 'GET', '/api/admin/roles')).body;
      const r = await server.call(ADMIN, 'PUT', '/api/admin/roles', {
        grants: before.grants.filter((g: any) => g.roleId !== 'R7'),
        liaisons: [...before.liaisons, { personId: 'fengxl', unitId: 'jyj' }],
      });
      expect(r.status).toBe(422);
      const messages = r.body.error.fields.map((f: any) => f.message);
      expect(messages).toContain('角色“督查室主任”至少需要一名人员');
      expect(messages.some((m: string) => m.includes('冯晓丽未持有'))).toBe(true);
    });
  });
}
