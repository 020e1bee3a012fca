import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedHost } from '../../src/host/EmbeddedHost';
import { buildApp } from '../../src/server/app';
import { databases, startServer, type TestServer } from './helpers';

const DAY = 86_400_000;

async function startItems(s: TestServer, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'supervise', title: `定时事项${i}`, source: 'P2.S1', units: ['jyj'], leadUnit: 'jyj' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids.push(r.body.itemId);
  }
  return ids;
}

async function auditCounts(s: TestServer, action: string) {
  const rows = await s.ctx.db
    .selectFrom('auditLog')
    .select(['itemId', (eb) => eb.fn.countAll().as('n')])
    .where('action', '=', action)
    .groupBy('itemId')
    .execute();
  return rows.map((r) => Number(r.n));
}

describe.each(databases())('scheduler on $name', (database) => {
  let s: TestServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('fires due timers: yellow light, then red, overdue notice and reminders, each exactly once', async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn'] });
    const [itemId] = await startItems(s, 1);
    expect(await s.scheduler.runDueTimers()).toBe(0);

    // Monday 09:00 + 2WD → due Wednesday; warn 1WD before. Tuesday evening: yellow.
    s.clock.set('2026-03-03T20:00:00+08:00');
    expect(await s.scheduler.runDueTimers()).toBeGreaterThan(0);
    let item = await s.call('fengxl', 'GET', `/api/items/${itemId}`);
    expect(item.body.item.light).toBe('yellow');

    s.clock.set('2026-03-05T10:00:00+08:00');
    await s.scheduler.runDueTimers();
    item = await s.call('fengxl', 'GET', `/api/items/${itemId}`);
    expect(item.body.item.light).toBe('red');
    expect(item.body.diagram.overdue).toContain('register');
    expect(await auditCounts(s, 'task.overdue')).toEqual([1]);

    // Running again at the same time fires nothing more.
    expect(await s.scheduler.runDueTimers()).toBe(0);
    expect(await auditCounts(s, 'task.overdue')).toEqual([1]);

    // The overdue notice reached the handlers through the outbox.
    await s.scheduler.runOutbox();
    expect(s.host.inbox.notifications.some((n) => n.title.includes('已超期') && n.userIds.includes('fengxl'))).toBe(true);
  });

  it('fires each timer once with two schedulers on one database', async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn'] });
    await startItems(s, 12);
    // A second server on the same database with its own node id. On PostgreSQL it has its own
    // connection pool, as a second process would. better-sqlite3 blocks the event loop while it
    // waits for a file lock, so two SQLite handles cannot share one process: there the second
    // scheduler shares the handle (SQLite deployments run one process; the crash test covers restarts).
    const db2 = database.name === 'postgres' ? await s.fresh.open() : s.ctx.db;
    const other = await buildApp({ db: db2, host: new EmbeddedHost(), now: s.clock.now, nodeId: 'node-b', syncDirectory: false });
    s.clock.set('2026-03-05T10:00:00+08:00');
    const [a, b] = await Promise.all([s.scheduler.runDueTimers(1000), other.scheduler.runDueTimers(1000)]);
    await other.app.close();

    const timers = await s.ctx.db.selectFrom('timers').selectAll().where('fireAt', '<=', s.clock.now()).execute();
    expect(timers.every((t) => t.done === 1)).toBe(true);
    const fired = timers.filter((t) => t.claimedBy);
    expect(a + b).toBe(fired.length);
    expect(await auditCounts(s, 'task.overdue')).toEqual(Array(12).fill(1));
    expect(await auditCounts(s, 'task.dueSoon')).toEqual(Array(12).fill(1));
    // Both nodes make progress side by side (SKIP LOCKED on PostgreSQL; interleaved transactions on SQLite).
    expect(new Set(fired.map((t) => t.claimedBy)).size).toBe(2);
  });

  it('fires overdue timers after a restart', async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn'] });
    const [itemId] = await startItems(s, 1);
    const fresh = s.fresh;
    // The server stops; time passes while it is down.
    await s.scheduler.stop();
    await s.app.close();
    s.clock.set('2026-03-10T09:00:00+08:00');

    const db2 = await fresh.open();
    const restarted = await buildApp({ db: db2, host: new EmbeddedHost(), now: s.clock.now, nodeId: 'after-restart' });
    const { timers } = await restarted.scheduler.tick();
    expect(timers).toBeGreaterThan(0);
    const item = await db2.selectFrom('items').select(['light']).where('id', '=', itemId).executeTakeFirstOrThrow();
    expect(item.light).toBe('red');
    const overdue = await db2.selectFrom('auditLog').selectAll().where('itemId', '=', itemId).where('action', '=', 'task.overdue').execute();
    expect(overdue).toHaveLength(1);
    const claimed = await db2.selectFrom('timers').select('claimedBy').where('done', '=', 1).where('claimedBy', 'is not', null).execute();
    expect(claimed.every((t) => t.claimedBy === 'after-restart')).toBe(true);
    await restarted.app.close();
  });

  it('retries a failing host delivery with backoff and loses nothing', async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn'] });
    const host = s.host;
    const push = host.upsertTodo.bind(host);
    let failures = 2;
    host.upsertTodo = async (todo) => {
      if (failures-- > 0) throw new Error('OA 待办接口不可用');
      return push(todo);
    };
    await startItems(s, 1);
    await s.scheduler.runOutbox();
    let job = await s.ctx.db.selectFrom('jobs').selectAll().where('kind', '=', 'todo.upsert').executeTakeFirstOrThrow();
    expect(job).toMatchObject({ done: 0, attempts: 1, lastError: 'OA 待办接口不可用' });
    expect(job.nextAttemptAt).toBeGreaterThan(s.clock.now());
    expect(host.inbox.todos.size).toBe(0);

    s.clock.advance(DAY);
    await s.scheduler.runOutbox();
    s.clock.advance(DAY);
    await s.scheduler.runOutbox();
    job = await s.ctx.db.selectFrom('jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ done: 1, attempts: 3 });
    expect(host.inbox.todos.size).toBe(1);
    expect([...host.inbox.todos.values()][0].assignees.map((a) => a.id)).toEqual(['fengxl', 'hejj', 'xujing']);

    // Housekeeping after 30 days removes the delivered job; the audit log keeps the record.
    s.clock.advance(31 * DAY);
    await s.scheduler.tick();
    expect(await s.ctx.db.selectFrom('jobs').selectAll().where('id', '=', job.id).execute()).toHaveLength(0);
  });
});
