/**
 * Adapter contract tests: each adapter behind HostAdapter, driven by the real server and its outbox,
 * against a local server that implements the platform's documented request and answer shapes —
 * the generic HTTP contract (checked against docs/host-api.openapi.json), 泛微 e-cology's OFS
 * 统一待办 and 钉钉's v1.0 todo API — with the host down, 5xx answers, timeouts and "task exists".
 * Then the outbox retries, nothing is lost, and no older revision arrives after a newer one.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { county } from '../../mock/county';
import { DingTalkHost } from '../../src/host/DingTalkHost';
import { EmbeddedHost } from '../../src/host/EmbeddedHost';
import type { Directory, HostAdapter } from '../../src/host/HostAdapter';
import { HttpHost } from '../../src/host/HttpHost';
import { WeaverHost } from '../../src/host/WeaverHost';
import { buildApp } from '../../src/server/app';
import { deployBundled } from '../../src/server/seed';
import { freePort } from '../browser/harness';
import { clock, databases, fixture, registrationData, type TestDatabase, testTokens } from './helpers';

const DAY = 86_400_000;

/** The mock county with host identifiers: 泛微 login = id, 钉钉 unionId = `u-<id>`. */
async function directory(): Promise<Directory> {
  const d = await new EmbeddedHost().loadDirectory();
  return { ...d, people: d.people.map((p) => ({ ...p, identifiers: { login: p.id, unionId: `u-${p.id}` } })) };
}

/** A local platform server; `mode` makes the next answers fail in the ways hosts do. */
async function platform(setup: (app: FastifyInstance, state: { mode: 'ok' | '5xx' | 'slow' | 'lose-answer' }) => void) {
  const state = { mode: 'ok' as 'ok' | '5xx' | 'slow' | 'lose-answer' };
  const app = Fastify();
  setup(app, state);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  return { app, state, url: `http://127.0.0.1:${port}/` };
}

/** The real server on a fresh database with the given adapter and the supervise diagram. */
async function serverWith(database: TestDatabase, host: HostAdapter) {
  const fresh = await database.fresh();
  const c = clock();
  const tokens = await testTokens(c.now);
  const built = await buildApp({ db: fresh.db, host, now: c.now, tokens, publicUrl: 'https://duban.qinghe.gov.cn', sso: [] });
  await deployBundled(built.ctx, { forms: 'forms', processes: '/nonexistent' });
  await built.ctx.definitions.deploy(fixture('supervise.bpmn'), 'system', c.now());
  const call = async (user: string, method: string, url: string, payload?: unknown) => {
    const r = await built.app.inject({ method: method as 'POST', url, headers: { authorization: `Bearer ${(await tokens.issue(user)).token}` }, payload: payload as object });
    return { status: r.statusCode, body: r.json() };
  };
  /** Run the outbox, moving the clock a day between rounds so every backoff has passed. */
  const drain = async (rounds = 3) => {
    for (let i = 0; i < rounds; i++) {
      await built.scheduler.runOutbox();
      c.advance(DAY);
    }
  };
  const pending = async () => (await fresh.db.selectFrom('jobs').select('kind').where('done', '=', 0).execute()).length;
  return {
    ...built,
    c,
    call,
    drain,
    pending,
    async close() {
      await built.app.close();
      await fresh.cleanup();
    },
  };
}

/** Register an item (its 登记 task reaches fengxl, hejj and xujing) and complete the 登记 as fengxl. */
async function registerAndComplete(s: Awaited<ReturnType<typeof serverWith>>, title: string) {
  const r = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'supervise', title, source: 'P2.S1', units: ['jyj'], leadUnit: 'jyj' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const taskId = (await s.call('fengxl', 'GET', '/api/tasks/todo')).body.rows.find((t: any) => t.itemTitle === title).id as string;
  return {
    taskId,
    complete: async () => expect((await s.call('fengxl', 'POST', `/api/tasks/${taskId}/complete`, { opinion: '已登记', data: registrationData({ title }) })).status).toBe(200),
  };
}

describe.each(databases())('host adapters on $name', (database) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('generic HTTP: requests match the published OpenAPI contract; 5xx and a timeout are retried; revisions only rise', async () => {
    const spec = JSON.parse(readFileSync('docs/host-api.openapi.json', 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addSchema({ components: spec.components, $id: 'contract' });
    const valid = (name: string, body: unknown) => {
      const ok = ajv.validate({ $ref: `contract#/components/schemas/${name}` }, body);
      if (!ok) throw new Error(`${name}: ${ajv.errorsText()}`);
      return true;
    };
    const seen: { op: string; id: string; revision: number }[] = [];
    // A slow answer is held until the test lets it go: Duban has given up on it by then (its answer is lost).
    let letGo: () => void = () => undefined;
    const gate = new Promise<void>((r) => (letGo = r));
    const held = new Map<string, { revision: number; assignees: string[]; hostIds: Record<string, string> }>();
    const oa = await platform((app, st) => {
      app.get('/bridge/directory', async () => directory());
      app.put('/bridge/todos/:id', async (req, reply) => {
        if (st.mode === '5xx') return reply.status(503).send({ message: '维护中' });
        if (st.mode === 'slow') await gate;
        const b = req.body as any;
        valid('TodoUpsert', b);
        const id = (req.params as any).id;
        // "Task exists": this revision arrived before (its answer was lost, e.g. to a timeout); the ids come again.
        const had = held.get(id);
        if ((had?.revision ?? 0) >= b.revision) return reply.status(409).send({ message: 'task exists', hostIds: had!.hostIds });
        const hostIds = Object.fromEntries(b.assignees.map((a: any) => [a.id, `oa-${id}-${a.id}`]));
        held.set(id, { revision: b.revision, assignees: b.assignees.map((a: any) => a.id), hostIds });
        seen.push({ op: 'upsert', id, revision: b.revision });
        return { hostIds };
      });
      app.post('/bridge/todos/:id/done', async (req) => {
        valid('TodoDone', req.body);
        seen.push({ op: 'done', id: (req.params as any).id, revision: (req.body as any).revision });
        return {};
      });
      app.post('/bridge/todos/:id/cancel', async (req) => {
        valid('TodoCancel', req.body);
        seen.push({ op: 'cancel', id: (req.params as any).id, revision: (req.body as any).revision });
        return {};
      });
      app.post('/bridge/notifications', async () => ({}));
    });
    cleanups.push(() => oa.app.close());
    const s = await serverWith(database, new HttpHost({ baseUrl: `${oa.url}bridge/`, apiKey: 'k', county, timeoutMs: 2_000 }));
    cleanups.push(() => s.close());

    const { taskId, complete } = await registerAndComplete(s, 'HTTP 契约测试');
    oa.state.mode = '5xx';
    await s.scheduler.runOutbox();
    oa.state.mode = 'slow';
    s.c.advance(DAY);
    await s.scheduler.runOutbox();
    expect(seen.filter((x) => x.id === taskId && x.op === 'upsert')).toHaveLength(0);
    // The OA carries out the request Duban timed out on; the retry hears "task exists", with the ids.
    letGo();
    await vi.waitFor(() => expect(seen.filter((x) => x.id === taskId && x.op === 'upsert')).toHaveLength(1));
    oa.state.mode = 'ok';
    await s.drain();
    expect(held.get(taskId)!.assignees).toEqual(['fengxl', 'hejj', 'xujing']);
    const copies = await s.ctx.db.selectFrom('hostTodos').selectAll().where('todoId', '=', taskId).orderBy('personId').execute();
    expect(copies.map((c) => c.hostId)).toEqual([`oa-${taskId}-fengxl`, `oa-${taskId}-hejj`, `oa-${taskId}-xujing`]);

    await complete();
    await s.drain();
    const mine = seen.filter((x) => x.id === taskId);
    expect(mine.map((x) => x.op)).toEqual(['upsert', 'done', 'cancel']);
    expect(mine.map((x) => x.revision)).toEqual([...mine.map((x) => x.revision)].sort((a, b) => a - b));
    expect(await s.pending()).toBe(0);
  });

  it('泛微 OFS: isremark 0 then 2 for the one who did it, delete for the others, 4 when the item ends with the step; down, 5xx and timeout retried, nothing lost', async () => {
    const records = new Map<string, { isremark: string; receivets: number; nodename: string; pcurl: string }>();
    const log: string[] = [];
    // e-cology's OFS interface, answered through a front that can be down, fail or be slow.
    const ecology = Fastify();
    ecology.post('/rest/ofs/ReceiveRequestInfoByJson', async (req) => {
      const b = req.body as Record<string, string>;
      for (const k of ['syscode', 'flowid', 'requestname', 'workflowname', 'nodename', 'pcurl', 'appurl', 'isremark', 'viewtype', 'creator', 'createdatetime', 'receiver', 'receivedatetime', 'receivets']) {
        if (typeof b[k] !== 'string') return { operResult: '0', message: `参数${k}不能为空` };
      }
      if (b.syscode !== 'DUBAN') return { operResult: '0', message: '异构系统标识不存在' };
      const key = `${b.flowid}|${b.receiver}`;
      const had = records.get(key);
      // e-cology keeps the newest: an older receivets is refused.
      if (had && had.receivets > Number(b.receivets)) return { operResult: '0', message: '数据已过期' };
      records.set(key, { isremark: b.isremark, receivets: Number(b.receivets), nodename: b.nodename, pcurl: b.pcurl });
      log.push(`${b.isremark}:${b.receiver}:${b.receivets}`);
      return { operResult: '1', message: '' };
    });
    ecology.post('/rest/ofs/deleteUserRequestInfoByJson', async (req) => {
      const b = req.body as Record<string, string>;
      records.delete(`${b.flowid}|${b.userid}`);
      log.push(`delete:${b.userid}`);
      return { operResult: '1', message: '' };
    });
    await ecology.ready();
    cleanups.push(() => ecology.close());
    const st = { mode: '5xx' as string };
    const front = Fastify();
    front.addHook('preHandler', async (_req, reply) => {
      if (st.mode === '5xx') return reply.status(502).send('Bad Gateway');
      if (st.mode === 'slow') await new Promise((r) => setTimeout(r, 2_500));
    });
    front.post('/rest/ofs/:op', (req, reply) => ecology.inject({ method: 'POST', url: req.url, payload: req.body as object }).then((r) => reply.status(r.statusCode).send(r.json())));
    const port = await freePort();
    const weaver = new WeaverHost({ baseUrl: `http://127.0.0.1:${port}/`, syscode: 'DUBAN', timeoutMs: 1_200 }, { directory, county });
    const s = await serverWith(database, weaver);
    cleanups.push(() => s.close());
    const { taskId, complete } = await registerAndComplete(s, '泛微对接测试');

    // The OA is down: nothing listens.
    await s.scheduler.runOutbox();
    const job = await s.ctx.db.selectFrom('jobs').selectAll().where('kind', '=', 'todo.upsert').executeTakeFirstOrThrow();
    expect(job.lastError).toContain('无法连接');
    // Back up, but answering 5xx, then too slowly.
    await front.listen({ port, host: '127.0.0.1' });
    cleanups.push(() => front.close());
    s.c.advance(DAY);
    await s.scheduler.runOutbox();
    st.mode = 'slow';
    s.c.advance(DAY);
    await s.scheduler.runOutbox();
    expect(records.size).toBe(0);
    st.mode = 'ok';
    await s.drain();
    expect([...records.keys()].sort()).toEqual([`${taskId}|fengxl`, `${taskId}|hejj`, `${taskId}|xujing`]);
    const rec = records.get(`${taskId}|hejj`)!;
    expect(rec).toMatchObject({ isremark: '0', nodename: '登记' });
    expect(rec.pcurl).toBe(`https://duban.qinghe.gov.cn/#/tasks/${encodeURIComponent(taskId)}`);

    await complete();
    await s.drain();
    expect([...records.entries()].filter(([k]) => k.startsWith(taskId))).toEqual([[`${taskId}|fengxl`, expect.objectContaining({ isremark: '2' })]]);
    expect(log.filter((l) => l.startsWith('delete:')).sort()).toEqual(['delete:hejj', 'delete:xujing']);
    // The next step's to-do reached 钱志远 (R7).
    expect([...records.keys()].some((k) => k.endsWith('|qianzy'))).toBe(true);
    expect(await s.pending()).toBe(0);

    // 审核 通过 is 已办 (2); the item ends with the unit's 承办, which e-cology shows as 办结 (4).
    const todoOf = async (user: string) => (await s.call(user, 'GET', '/api/tasks/todo')).body.rows.find((t: any) => t.itemTitle === '泛微对接测试');
    const review = await todoOf('qianzy');
    expect((await s.call('qianzy', 'POST', `/api/tasks/${review.id}/complete`, { outcome: '通过', opinion: '同意', data: {} })).status).toBe(200);
    await s.drain();
    expect(records.get(`${review.id}|qianzy`)).toMatchObject({ isremark: '2' });
    const handle = await todoOf('zjj01');
    const r = await s.call('zjj01', 'POST', `/api/tasks/${handle.id}/complete`, { opinion: '已完成', data: { result: '已按要求整改', completedDate: '2026-03-04' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await s.drain();
    expect(records.get(`${handle.id}|zjj01`)).toMatchObject({ isremark: '4' });
    expect(await s.pending()).toBe(0);
  });

  it('钉钉 todo: a task per person by unionId with DingTalk ids kept, done: true, delete; a lost answer then "task exists" adopts the task', async () => {
    let seq = 0;
    const tasks = new Map<string, { id: string; sourceId: string; unionId: string; subject: string; done: boolean; pcUrl: string }>();
    const tokens: string[] = [];
    const dt = await platform((app, st) => {
      app.post('/v1.0/oauth2/accessToken', async (req) => {
        const b = req.body as any;
        if (b.appKey !== 'ding-key' || b.appSecret !== 'ding-secret') return { code: 'invalidClientId', message: '无效的 AppKey' };
        const t = `at-${tokens.length + 1}`;
        tokens.push(t);
        return { accessToken: t, expireIn: 7200 };
      });
      app.addHook('preHandler', async (req, reply) => {
        if (!req.url.startsWith('/v1.0/todo/')) return;
        if (!tokens.includes(String(req.headers['x-acs-dingtalk-access-token']))) return reply.status(401).send({ code: 'InvalidAuthentication', message: '不合法的access_token' });
        if (new URL(req.url, 'http://x').searchParams.get('operatorId') !== 'u-admin') return reply.status(400).send({ code: 'invalidParameter', message: 'operatorId 无效' });
        if (st.mode === '5xx') return reply.status(503).send({ code: 'ServiceUnavailable', message: '服务繁忙' });
      });
      app.post('/v1.0/todo/users/:unionId/tasks', async (req, reply) => {
        const b = req.body as any;
        const unionId = (req.params as any).unionId;
        if ([...tasks.values()].some((t) => t.sourceId === b.sourceId)) return reply.status(400).send({ code: 'todo.sourceId.exist', message: '待办已存在' });
        if (!Array.isArray(b.executorIds) || b.executorIds[0] !== unionId || !b.subject || !b.detailUrl?.pcUrl) return reply.status(400).send({ code: 'invalidParameter', message: '参数错误' });
        const id = `dt-${++seq}`;
        tasks.set(id, { id, sourceId: b.sourceId, unionId, subject: b.subject, done: false, pcUrl: b.detailUrl.pcUrl });
        if (st.mode === 'lose-answer') {
          st.mode = 'ok';
          return reply.status(502).send('Bad Gateway');
        }
        return { id, subject: b.subject, sourceId: b.sourceId, done: false };
      });
      app.get('/v1.0/todo/users/:unionId/tasks/sources/:sourceId', async (req, reply) => {
        const t = [...tasks.values()].find((x) => x.sourceId === (req.params as any).sourceId);
        return t ? { id: t.id, sourceId: t.sourceId, subject: t.subject, done: t.done } : reply.status(404).send({ code: 'todo.task.notFound', message: '待办不存在' });
      });
      app.put('/v1.0/todo/users/:unionId/tasks/:id', async (req, reply) => {
        const t = tasks.get((req.params as any).id);
        if (!t) return reply.status(404).send({ code: 'todo.task.notFound', message: '待办不存在' });
        const b = req.body as any;
        if (typeof b.done === 'boolean') t.done = b.done;
        if (b.subject) t.subject = b.subject;
        return { result: true };
      });
      app.delete('/v1.0/todo/users/:unionId/tasks/:id', async (req, reply) => {
        if (!tasks.delete((req.params as any).id)) return reply.status(404).send({ code: 'todo.task.notFound', message: '待办不存在' });
        return { requestId: 'r', result: true };
      });
    });
    cleanups.push(() => dt.app.close());
    const s = await serverWith(database, new DingTalkHost({ apiUrl: dt.url, appKey: 'ding-key', appSecret: 'ding-secret', operatorUnionId: 'u-admin', timeoutMs: 2_000 }, { directory, county }));
    cleanups.push(() => s.close());
    const { taskId, complete } = await registerAndComplete(s, '钉钉对接测试');

    dt.state.mode = '5xx';
    await s.scheduler.runOutbox();
    expect(tasks.size).toBe(0);
    dt.state.mode = 'lose-answer';
    s.c.advance(DAY);
    await s.scheduler.runOutbox(); // fengxl's task is created but the answer is lost
    expect(tasks.size).toBe(1);
    await s.drain();
    const mine = [...tasks.values()].filter((t) => t.sourceId.startsWith(`${taskId}:`));
    expect(mine.map((t) => t.unionId).sort()).toEqual(['u-fengxl', 'u-hejj', 'u-xujing']);
    const copies = await s.ctx.db.selectFrom('hostTodos').selectAll().where('todoId', '=', taskId).execute();
    expect(new Set(copies.map((c) => c.hostId))).toEqual(new Set(mine.map((t) => t.id)));

    await complete();
    await s.drain();
    const left = [...tasks.values()].filter((t) => t.sourceId.startsWith(`${taskId}:`));
    expect(left).toEqual([expect.objectContaining({ unionId: 'u-fengxl', done: true })]);
    expect([...tasks.values()].some((t) => t.unionId === 'u-qianzy' && !t.done)).toBe(true);
    expect(await s.pending()).toBe(0);
  });

  it('never delivers an older revision after a newer one, even when the older one is retried later', async () => {
    const host = new EmbeddedHost();
    const order: string[] = [];
    const upsert = host.upsertTodo.bind(host);
    let fail = false;
    host.upsertTodo = async (t) => {
      if (fail) throw new Error('OA 待办接口不可用');
      order.push(`${t.id}|upsert:${t.revision}`);
      return upsert(t);
    };
    const done = host.completeTodo.bind(host);
    host.completeTodo = async (d) => {
      order.push(`${d.id}|done:${d.revision}:${d.assignee.id}`);
      return done(d);
    };
    const cancel = host.cancelTodo.bind(host);
    host.cancelTodo = async (c) => {
      order.push(`${c.id}|cancel:${c.revision}:${c.assignees.map((a) => a.id).join(',')}`);
      return cancel(c);
    };
    const s = await serverWith(database, host);
    cleanups.push(() => s.close());
    const { taskId } = await registerAndComplete(s, '版本顺序测试');
    await s.scheduler.runOutbox(); // revision 1: the to-do for fengxl, hejj and xujing
    // given the reassignment to hejj (revision 2) fails at the host
    fail = true;
    expect((await s.call('fengxl', 'POST', `/api/tasks/${taskId}/reassign`, { to: { type: 'user', value: 'hejj' }, opinion: '请何俊杰办理' })).status).toBe(200);
    await s.scheduler.runOutbox();
    // when hejj completes it (revisions 3 and 4) before the host is back
    expect((await s.call('hejj', 'POST', `/api/tasks/${taskId}/complete`, { opinion: '已登记', data: registrationData({ title: '版本顺序测试' }) })).status).toBe(200);
    await s.scheduler.runOutbox();
    fail = false;
    await s.drain();
    // then the host saw revision 1, revision 2's cancel of those no longer holding it (sent before its
    // upsert failed), and 3 — and revision 2's upsert never after 3; 4 found nobody left to remove
    const mine = order.filter((o) => o.startsWith(`${taskId}|`)).map((o) => o.slice(taskId.length + 1));
    expect(mine).toEqual(['upsert:1', 'cancel:2:fengxl,xujing', 'done:3:hejj']);
    expect(host.inbox.todos.has(taskId)).toBe(false);
    const jobs = await s.ctx.db.selectFrom('jobs').selectAll().where('kind', 'like', 'todo.%').execute();
    expect(jobs.every((j) => j.done === 1)).toBe(true);
  });
});
