import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, registrationData, startServer, type TestServer } from './helpers';

const CHINESE = /[\u4e00-\u9fa5]/;

describe.each(databases())('bad input on $name', (database) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn'] });
  });
  afterEach(async () => {
    await s.close();
  });

  async function raw(method: string, url: string, body: string | Buffer, headers: Record<string, string> = {}) {
    const r = await s.app.inject({ method: method as 'POST', url, payload: body, headers: { ...s.auth('fengxl'), 'content-type': 'application/json', ...headers } });
    return { status: r.statusCode, body: r.json() };
  }

  function expectEnvelope(body: any, code: string) {
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(CHINESE);
  }

  it('answers malformed JSON, wrong types, missing and unknown fields with the Chinese 4xx envelope', async () => {
    let r = await raw('POST', '/api/items', '{"procedureKey": "supervise", "title": ');
    expect(r.status).toBe(400);
    expectEnvelope(r.body, 'BAD_JSON');

    r = await raw('POST', '/api/items', JSON.stringify({ procedureKey: 'supervise', title: 123 }));
    expect(r.status).toBe(400);
    expectEnvelope(r.body, 'BAD_REQUEST');
    expect(r.body.error.fields).toEqual([{ field: 'title', message: '类型错误，应为文本' }]);

    r = await raw('POST', '/api/items', JSON.stringify({ title: '缺流程' }));
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([{ field: 'procedureKey', message: '必填项不能为空' }]);

    r = await raw('POST', '/api/items', JSON.stringify({ procedureKey: 'supervise', title: 'x', hacker: true }));
    expect(r.status).toBe(400);
    expect(r.body.error.fields).toEqual([{ field: 'hacker', message: '不允许的字段' }]);

    r = await raw('POST', '/api/items', JSON.stringify({ procedureKey: 'supervise', title: 'x', deadline: '2026/3/1' }));
    expect(r.status).toBe(400);
    expect(r.body.error.fields[0]).toEqual({ field: 'deadline', message: '格式不正确' });

    r = await raw('POST', '/api/items', JSON.stringify({ procedureKey: 'nope', title: '不存在的流程' }));
    expect(r.status).toBe(404);
    expectEnvelope(r.body, 'DEFINITION_NOT_FOUND');

    r = await raw('POST', '/api/items', JSON.stringify({ procedureKey: 'supervise', title: '错误来源', source: 'X9', units: ['nowhere'] }));
    expect(r.status).toBe(422);
    expect(r.body.error.fields.map((f: any) => f.field)).toEqual(['source', 'units']);

    const q = await s.call('fengxl', 'GET', '/api/items?light=purple&pageSize=100000');
    expect(q.status).toBe(400);
    expect(q.body.error.message).toBe('查询参数不符合要求');
  });

  it('refuses unknown tasks and routes, oversized bodies, and leaves nothing half-written', async () => {
    let r = await s.call('fengxl', 'GET', '/api/tasks/no-such-task');
    expect(r.status).toBe(404);
    expectEnvelope(r.body, 'TASK_NOT_FOUND');
    r = await s.call('fengxl', 'POST', '/api/tasks/no-such-task/complete', {});
    expect(r.status).toBe(404);
    r = await s.call('fengxl', 'GET', '/api/nothing-here');
    expect(r.status).toBe(404);
    expectEnvelope(r.body, 'ROUTE_NOT_FOUND');

    const big = JSON.stringify({ procedureKey: 'supervise', title: '大', vars: { blob: 'x'.repeat(2 * 1024 * 1024) } });
    const tooBig = await raw('POST', '/api/items', big);
    expect(tooBig.status).toBe(413);
    expectEnvelope(tooBig.body, 'TOO_LARGE');
    expect(await s.ctx.db.selectFrom('items').selectAll().execute()).toHaveLength(0);
  });

  it('checks form data against the form: required fields, enum values, unknown fields — in Chinese, per field', async () => {
    const item = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'supervise', title: '表单校验', source: 'P2.S1', units: ['zjj'], leadUnit: 'zjj' });
    const task = (await s.call('fengxl', 'GET', '/api/tasks/todo')).body.rows.find((t: any) => t.itemId === item.body.itemId);
    const before = await s.call('fengxl', 'GET', `/api/items/${item.body.itemId}`);
    const r = await s.call('fengxl', 'POST', `/api/tasks/${task.id}/complete`, {
      data: { ...registrationData(), content: '', source: 'P9.S9', color: 'red', leadUnit: 'jyj' },
    });
    expect(r.status).toBe(422);
    expectEnvelope(r.body, 'FORM_INVALID');
    const fields = Object.fromEntries(r.body.error.fields.map((f: any) => [f.field, f.message]));
    expect(Object.keys(fields).sort()).toEqual(['color', 'content', 'leadUnit', 'source']);
    for (const m of Object.values(fields)) expect(m).toMatch(CHINESE);
    const after = await s.call('fengxl', 'GET', `/api/items/${item.body.itemId}`);
    expect(after.body.timeline).toHaveLength(before.body.timeline.length);
    expect(after.body.tasks.every((t: any) => t.status === 'open')).toBe(true);

    // An outcome the step does not offer is refused by the engine, in Chinese.
    await s.call('fengxl', 'POST', `/api/tasks/${task.id}/complete`, { data: registrationData() });
    const review = (await s.call('qianzy', 'GET', '/api/tasks/todo')).body.rows.find((t: any) => t.itemId === item.body.itemId);
    const bad = await s.call('qianzy', 'POST', `/api/tasks/${review.id}/complete`, { outcome: '随便', data: {} });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('INVALID_OUTCOME');
    expect(bad.body.error.message).toContain('通过、重办');
  });

  it('uploads an attachment with its SHA-256, keeps it private until linked, refuses an empty file and a non-multipart body', async () => {
    const boundary = '----duban';
    const part = (name: string, content: Buffer) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const content = Buffer.from('督查函正文（测试）');
    const up = await s.app.inject({
      method: 'POST',
      url: '/api/attachments',
      payload: part('督查函.txt', content),
      headers: { ...s.auth('fengxl'), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(up.statusCode, up.body).toBe(201);
    const a = up.json();
    expect(a.sha256).toBe((await import('node:crypto')).createHash('sha256').update(content).digest('hex'));
    expect(a.name).toBe('督查函.txt');
    const down = await s.app.inject({ method: 'GET', url: a.url, headers: s.auth('fengxl') });
    expect(down.rawPayload.equals(content)).toBe(true);
    // Someone else cannot fetch an upload that is not linked to an item they may read.
    expect((await s.app.inject({ method: 'GET', url: a.url, headers: s.auth('jyj01') })).statusCode).toBe(404);

    const empty = await s.app.inject({
      method: 'POST',
      url: '/api/attachments',
      payload: part('空.txt', Buffer.alloc(0)),
      headers: { ...s.auth('fengxl'), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('EMPTY_FILE');
    const notMultipart = await s.app.inject({ method: 'POST', url: '/api/attachments', payload: '{}', headers: { ...s.auth('fengxl'), 'content-type': 'application/json' } });
    expect(notMultipart.statusCode).toBe(406);
    expect(notMultipart.json().error.message).toMatch(CHINESE);
  });

  it('publishes an OpenAPI 3 document where every API route has a schema', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    for (const p of ['/api/items', '/api/items/{id}', '/api/tasks/{id}/complete', '/api/tasks/todo', '/api/definitions', '/api/calendar/import', '/api/attachments']) {
      expect(paths).toContain(p);
    }
    for (const [path, ops] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        expect(op.summary, `${method} ${path}`).toMatch(CHINESE);
        expect(op.responses, `${method} ${path}`).toBeTruthy();
      }
    }
  });
});
