/**
 * Open extension requests of the former R7 → R5 table are carried over to the diagrams'
 * extension paths by the migration that drops the table: each becomes a deferred message
 * the scheduler delivers to its step; a step whose diagram has no extension path is told so.
 */
import { type Kysely, Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/server/db/migrate';
import { databases, startServer, type TestServer } from './helpers';

const LAST = '20261201T000100_extensions_in_diagrams';

describe.each(databases())('carrying open extension requests over on $name', (database) => {
  let s: TestServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('turns each open request into the start of its step’s extension path, and reports the ones that cannot be', async () => {
    s = await startServer(database, { fixtures: ['extension.bpmn', 'supervise.bpmn'] });
    const withPath = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'extension-path', title: '有延期路径的事项' });
    const without = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'supervise', title: '无延期路径的事项', source: 'P2.S1', units: ['zjj'], leadUnit: 'zjj' });
    const todo = (await s.call('fengxl', 'GET', '/api/tasks/todo')).body.rows;
    const a = todo.find((t: any) => t.itemId === withPath.body.itemId);
    const b = todo.find((t: any) => t.itemId === without.body.itemId);

    // The database as the former release left it: the table, with two open requests and a decided one.
    // The former table is not in today's schema type: the migrations' untyped view of the database.
    const db = s.ctx.db.withoutPlugins() as unknown as Kysely<any>;
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(s.fresh.schema ? { migrationTableSchema: s.fresh.schema } : {}) });
    // Down to just before the carry-over: the migrations after it go first, newest first.
    for (;;) {
      const down = await migrator.migrateDown();
      expect(down.error).toBeUndefined();
      expect(down.results?.length).toBe(1);
      if (down.results?.[0].migrationName === LAST) break;
    }
    const row = (id: string, taskId: string, itemId: string, status: string) => ({
      id, task_id: taskId, item_id: itemId, requested_by: 'fengxl', reason: '需协调多个部门', current_due: a.dueDate, new_due: '2026-04-30', status,
      reviewed_by: null, review_opinion: null, decided_by: null, decision_opinion: null, created_at: 1, updated_at: 1,
    });
    await db.insertInto('extension_requests').values([row('req-a', a.id, a.itemId, 'pending-approval'), row('req-b', b.id, b.itemId, 'pending-review'), row('req-c', a.id, a.itemId, 'rejected')]).execute();
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();

    while (await s.instances.fireDueTimer());
    // The request with a path waits for the 督查室主任, with its reason and the date asked for.
    const review = (await s.call('qianzy', 'GET', '/api/tasks/todo')).body.rows.find((t: any) => t.itemId === a.itemId && t.elementId === 'review');
    expect(review).toBeTruthy();
    expect((await s.call('qianzy', 'GET', `/api/tasks/${review.id}`)).body.data).toMatchObject({ reason: '需协调多个部门', requestedDeadline: '2026-04-30' });
    const recordA = (await s.call('qianzy', 'GET', `/api/items/${a.itemId}`)).body;
    expect(recordA.extensions).toEqual([expect.objectContaining({ id: 'req-a', status: 'pending', newDue: '2026-04-30', requestedByName: '冯晓丽' })]);
    // The other is recorded as not carried over, and its requester is told why.
    const recordB = (await s.call('qianzy', 'GET', `/api/items/${b.itemId}`)).body;
    expect(recordB.timeline.find((e: any) => e.action === 'message.undeliverable').data.reason).toBe('该环节所用流程版本未设置延期路径，请在办理环节重新申请');
    const notice = await s.ctx.db.selectFrom('jobs').select('payload').where('kind', '=', 'notify').execute();
    expect(notice.map((j) => JSON.parse(j.payload)).some((p: any) => p.title.startsWith('【延期申请未能转入审批】') && p.userIds[0] === 'fengxl')).toBe(true);
    // Delivered once: nothing is left to fire.
    expect(await s.instances.fireDueTimer()).toBe(false);
  });
});
