import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { county, people } from '../../mock/county';
import { EmbeddedHost } from '../../src/host/EmbeddedHost';
import { HttpHost } from '../../src/host/HttpHost';
import { signToken } from '../../src/host/token';
import { buildApp } from '../../src/server/app';
import { databases, fixture } from './helpers';

/** A fake host OA speaking the HttpHost protocol, failing its first to-do push. */
async function fakeOa() {
  const embedded = new EmbeddedHost();
  const received: { todos: unknown[]; removed: string[]; notifications: unknown[]; auth: string[] } = { todos: [], removed: [], notifications: [], auth: [] };
  let failPush = 1;
  const oa = Fastify();
  oa.addHook('onRequest', async (req) => {
    received.auth.push(String(req.headers.authorization));
  });
  oa.get('/bridge/directory', async () => embedded.loadDirectory());
  oa.post('/bridge/todos', async (req, reply) => {
    if (failPush-- > 0) return reply.status(503).send({ message: 'busy' });
    received.todos.push(req.body);
    return {};
  });
  oa.delete('/bridge/todos/:id', async (req) => {
    received.removed.push((req.params as { id: string }).id);
    return {};
  });
  oa.post('/bridge/notifications', async (req) => {
    received.notifications.push(req.body);
    return {};
  });
  await oa.listen({ port: 0, host: '127.0.0.1' });
  const port = (oa.server.address() as { port: number }).port;
  return { oa, received, baseUrl: `http://127.0.0.1:${port}/bridge/` };
}

describe.each(databases())('HTTP host adapter on $name', (database) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('loads the directory from the OA, accepts its tokens and delivers to-dos through the outbox with retries', async () => {
    const { oa, received, baseUrl } = await fakeOa();
    cleanups.push(() => oa.close());
    const fresh = await database.fresh();
    cleanups.push(() => fresh.cleanup());
    let now = Date.parse('2026-03-02T09:00:00+08:00');
    const host = new HttpHost({ baseUrl, apiKey: 'k-123', tokenSecret: 'oa-shared', county, now: () => now });
    const { app, ctx, scheduler } = await buildApp({ db: fresh.db, host, now: () => now });
    cleanups.push(() => app.close());
    expect(ctx.dir.snapshot.people).toHaveLength(people.length);
    await ctx.forms.deploy(JSON.stringify((await import('../../forms/registration.json')).default), 'system', now);
    for (const f of ['review', 'handling-result']) await ctx.forms.deploy(JSON.stringify((await import(`../../forms/${f}.json`)).default), 'system', now);
    await ctx.definitions.deploy(fixture('supervise.bpmn'), 'system', now);

    const token = signToken({ sub: 'fengxl', iat: now, exp: now + 3_600_000 }, 'oa-shared');
    const forged = signToken({ sub: 'fengxl', iat: now, exp: now + 3_600_000 }, 'wrong-key');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${forged}` } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/auth/demo-users' })).statusCode).toBe(404);
    const r = await app.inject({
      method: 'POST',
      url: '/api/items',
      headers: { authorization: `Bearer ${token}` },
      payload: { procedureKey: 'supervise', title: 'OA 对接测试', source: 'P2.S1', units: ['jyj'], leadUnit: 'jyj' },
    });
    expect(r.statusCode, r.body).toBe(201);

    await scheduler.runOutbox();
    expect(received.todos).toHaveLength(0);
    now += 60_000;
    await scheduler.runOutbox();
    expect(received.todos).toHaveLength(1);
    expect(received.todos[0]).toMatchObject({ userIds: ['fengxl', 'hejj', 'xujing'], title: '登记：OA 对接测试' });
    expect(new Set(received.auth)).toEqual(new Set(['Bearer k-123']));
  });

  it('answers CORS preflights only for the configured OA origin', async () => {
    const fresh = await database.fresh();
    cleanups.push(() => fresh.cleanup());
    const { app } = await buildApp({ db: fresh.db, host: new EmbeddedHost(), corsOrigins: ['https://oa.qinghe.gov.cn'] });
    cleanups.push(() => app.close());
    const ok = await app.inject({ method: 'OPTIONS', url: '/api/tasks/todo', headers: { origin: 'https://oa.qinghe.gov.cn', 'access-control-request-method': 'GET' } });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://oa.qinghe.gov.cn');
    expect(ok.headers['access-control-allow-headers']).toContain('authorization');
    const other = await app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example.com' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
