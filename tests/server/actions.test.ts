import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/server/audit/audit.service';
import { databases, registrationData, startServer, type TestServer } from './helpers';

/** Register a `supervise` item as 冯晓丽 (R8) and return its id and first task. */
async function registerItem(s: TestServer, over: Record<string, unknown> = {}) {
  const r = await s.call('fengxl', 'POST', '/api/items', {
    procedureKey: 'supervise',
    title: over.title ?? '县城区老旧小区改造进度督办',
    source: 'P2.S1',
    units: ['zjj'],
    leadUnit: 'zjj',
    vars: { content: '督促住建局加快改造进度。', ...over },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const todo = await s.call('fengxl', 'GET', '/api/tasks/todo');
  const task = todo.body.rows.find((t: any) => t.itemId === r.body.itemId);
  return { itemId: r.body.itemId as string, code: r.body.code as string, taskId: task.id as string };
}

async function passReview(s: TestServer, itemId: string) {
  const todo = await s.call('qianzy', 'GET', '/api/tasks/todo');
  const review = todo.body.rows.find((t: any) => t.itemId === itemId);
  const r = await s.call('qianzy', 'POST', `/api/tasks/${review.id}/complete`, { outcome: '通过', opinion: '同意', data: {} });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

describe.each(databases())('actions on $name', (database) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn'] });
  });
  afterEach(async () => {
    await s.close();
  });

  it('walks an item from registration to archive: tasks, documents with numbers, copies, audit', async () => {
    const { itemId, code, taskId } = await registerItem(s);
    expect(code).toMatch(/^PT-2026-\d{5}$/);

    let r = await s.call('fengxl', 'GET', `/api/tasks/${taskId}`);
    expect(r.status).toBe(200);
    expect(r.body.actions).toContain('complete');
    expect(r.body.form.key).toBe('registration');
    expect(r.body.data.title).toBe('县城区老旧小区改造进度督办');

    r = await s.call('fengxl', 'POST', `/api/tasks/${taskId}/complete`, { opinion: '已登记', data: registrationData() });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await passReview(s, itemId);

    // The handling task went to the lead unit's handlers (住建局), not to the office.
    const unitTodo = await s.call('zjj01', 'GET', '/api/tasks/todo');
    const handle = unitTodo.body.rows.find((t: any) => t.itemId === itemId);
    expect(handle?.name).toBe('承办');
    expect((await s.call('fengxl', 'GET', '/api/tasks/todo')).body.rows.some((t: any) => t.itemId === itemId)).toBe(false);

    r = await s.call('zjj02', 'POST', `/api/tasks/${handle.id}/complete`, {
      opinion: '已完成',
      data: { result: '已完成 12 个小区改造', completedDate: '2026-03-04' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);

    const detail = await s.call('fengxl', 'GET', `/api/items/${itemId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.item.status).toBe('completed');
    expect(detail.body.documents).toHaveLength(1);
    expect(detail.body.documents[0].number).toBe('清政督函〔2026〕1号');
    expect(detail.body.documents[0].seal).toBe('office');
    expect(detail.body.audit.ok).toBe(true);
    const actions = detail.body.timeline.map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['item.created', 'instance.started', 'task.completed', 'document.numbered', 'document.generated', 'document.sealed', 'notify.sent', 'item.archived']));
    expect(detail.body.diagram.done).toEqual(expect.arrayContaining(['register', 'review', 'handle', 'number']));
    expect(detail.body.diagram.xml).toContain('<bpmn:process id="supervise"');

    // The document downloads as a .docx (a zip) with its number in the file name.
    const dl = await s.app.inject({ method: 'GET', url: detail.body.documents[0].url, headers: s.auth('fengxl') });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(decodeURIComponent(String(dl.headers['content-disposition']))).toContain('清政督函〔2026〕1号');

    // The county head and the 常务副县长 got a copy (抄送).
    const copies = await s.call('wangjianguo', 'GET', '/api/copies');
    expect(copies.body.rows.map((c: any) => c.itemId)).toContain(itemId);

    // The host got the to-do and then, for this task, 已办 or removal for everyone who held it.
    await s.scheduler.runOutbox();
    expect(s.host.inbox.todos.has(taskId)).toBe(false);
    expect([...s.host.inbox.done, ...s.host.inbox.removed].some((k) => k.startsWith(`${taskId}:`))).toBe(true);
  });

  it('refuses a change to a read-only field and writes nothing', async () => {
    const { itemId, taskId } = await registerItem(s);
    await s.call('fengxl', 'POST', `/api/tasks/${taskId}/complete`, { data: registrationData() });
    const review = (await s.call('qianzy', 'GET', '/api/tasks/todo')).body.rows.find((t: any) => t.itemId === itemId);
    const before = await s.call('qianzy', 'GET', `/api/items/${itemId}`);

    const r = await s.call('qianzy', 'POST', `/api/tasks/${review.id}/complete`, { outcome: '通过', data: { title: '改过的标题' } });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('FORM_INVALID');
    expect(r.body.error.fields).toEqual([{ field: 'title', message: expect.stringContaining('不可修改') }]);

    const after = await s.call('qianzy', 'GET', `/api/items/${itemId}`);
    expect(after.body.timeline).toHaveLength(before.body.timeline.length);
    expect(after.body.instance.version).toBe(before.body.instance.version);
    expect((await s.call('qianzy', 'GET', `/api/tasks/${review.id}`)).body.task.status).toBe('open');

    // The task detail shows the same permissions: title read-only, content editable.
    const detail = await s.call('qianzy', 'GET', `/api/tasks/${review.id}`);
    expect(detail.body.form.schema.properties.title['x-pattern']).toBe('readOnly');
    expect(detail.body.form.schema.properties.content['x-pattern']).toBe('editable');
    expect(detail.body.step.outcomes).toEqual(['通过', '重办']);
  });

  it('lets exactly one of two people complete the same task at the same time', async () => {
    const { taskId } = await registerItem(s);
    const body = { data: registrationData() };
    const results = await Promise.all([
      s.call('fengxl', 'POST', `/api/tasks/${taskId}/complete`, body),
      s.call('hejj', 'POST', `/api/tasks/${taskId}/complete`, body),
      s.call('xujing', 'POST', `/api/tasks/${taskId}/complete`, body),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error).toEqual({ code: 'CONFLICT', message: '该事项已被他人处理，请刷新后重试' });
    const rows = await s.ctx.db.selectFrom('tasks').selectAll().where('elementId', '=', 'review').execute();
    expect(rows).toHaveLength(1);
  });

  it('sends back with an opinion, withdraws, reassigns, delegates and urges', async () => {
    const { itemId, taskId } = await registerItem(s);
    await s.call('fengxl', 'POST', `/api/tasks/${taskId}/complete`, { data: registrationData() });

    // 撤回: 冯晓丽 takes her step back while the review is untouched.
    let detail = await s.call('fengxl', 'GET', `/api/tasks/${taskId}`);
    expect(detail.body.actions).toContain('withdraw');
    let r = await s.call('fengxl', 'POST', `/api/tasks/${taskId}/withdraw`, { opinion: '补充材料' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    let mine = (await s.call('fengxl', 'GET', '/api/tasks/todo')).body.rows.filter((t: any) => t.itemId === itemId);
    expect(mine).toHaveLength(1);
    expect((await s.call('qianzy', 'GET', '/api/tasks/todo')).body.rows.some((t: any) => t.itemId === itemId)).toBe(false);

    // Complete again, then 退回 from the review back to the registration: it returns to 冯晓丽 herself.
    await s.call('fengxl', 'POST', `/api/tasks/${mine[0].id}/complete`, { data: registrationData() });
    const review = (await s.call('qianzy', 'GET', '/api/tasks/todo')).body.rows.find((t: any) => t.itemId === itemId);
    detail = await s.call('qianzy', 'GET', `/api/tasks/${review.id}`);
    expect(detail.body.sendBackTargets).toEqual([{ elementId: 'register', name: '登记', actor: '冯晓丽' }]);
    r = await s.call('qianzy', 'POST', `/api/tasks/${review.id}/send-back`, { target: 'register', opinion: '' });
    expect(r.status).toBe(400);
    r = await s.call('qianzy', 'POST', `/api/tasks/${review.id}/send-back`, { target: 'register', opinion: '来源说明不完整' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    mine = (await s.call('fengxl', 'GET', '/api/tasks/todo')).body.rows.filter((t: any) => t.itemId === itemId);
    expect(mine).toHaveLength(1);
    expect((await s.call('hejj', 'GET', '/api/tasks/todo')).body.rows.some((t: any) => t.itemId === itemId)).toBe(false);

    // 转办 to 何俊杰, who 委派 to 许静; when 许静 finishes it comes back to 何俊杰.
    r = await s.call('fengxl', 'POST', `/api/tasks/${mine[0].id}/reassign`, { to: { type: 'user', value: 'hejj' }, opinion: '请何俊杰办理' });
    expect(r.status).toBe(200);
    r = await s.call('hejj', 'POST', `/api/tasks/${mine[0].id}/delegate`, { to: { type: 'user', value: 'xujing' } });
    expect(r.status).toBe(200);
    r = await s.call('hejj', 'POST', `/api/tasks/${mine[0].id}/complete`, { data: registrationData() });
    expect(r.status).toBe(403);
    r = await s.call('xujing', 'POST', `/api/tasks/${mine[0].id}/complete`, { opinion: '已核实', data: registrationData() });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await s.call('hejj', 'GET', '/api/tasks/todo')).body.rows.some((t: any) => t.id === mine[0].id)).toBe(true);

    // 催办 by the office is logged with its method; a unit handler may not urge.
    r = await s.call('zjj01', 'POST', `/api/tasks/${mine[0].id}/urge`, { method: 'phone' });
    expect([403, 404]).toContain(r.status);
    r = await s.call('qianzy', 'POST', `/api/tasks/${mine[0].id}/urge`, { method: 'phone', note: '请今天办结' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const item = await s.call('qianzy', 'GET', `/api/items/${itemId}`);
    const urge = item.body.timeline.find((e: any) => e.action === 'task.urged');
    expect(urge.data.methodName).toBe('电话催办');
    expect(urge.opinion).toBe('请今天办结');
  });

  it('refuses 申请延期 on a step whose diagram sets no extension path, and does not offer it', async () => {
    const { itemId, taskId } = await registerItem(s);
    await s.call('fengxl', 'POST', `/api/tasks/${taskId}/complete`, { data: registrationData() });
    await passReview(s, itemId);
    const handle = (await s.call('zjj01', 'GET', '/api/tasks/todo')).body.rows.find((t: any) => t.itemId === itemId);
    expect(handle.dueDate).toBeTruthy();
    expect((await s.call('zjj01', 'GET', `/api/tasks/${handle.id}`)).body.actions).not.toContain('requestExtension');
    const r = await s.call('zjj01', 'POST', `/api/tasks/${handle.id}/extension`, { newDue: '2026-04-30', reason: '施工受雨季影响' });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'EXTENSION_NOT_OFFERED', message: '该环节的流程未设置延期申请' });
    const detail = await s.call('qianzy', 'GET', `/api/items/${itemId}`);
    expect(detail.body.deadlines.find((x: any) => x.taskId === handle.id)).toMatchObject({ current: handle.dueDate, extended: false });
    expect(detail.body.timeline.map((e: any) => e.action)).not.toContain('extension.requested');
  });

  it('numbers documents gap-free per type and year, also when an action fails after numbering', async () => {
    // Ten items reach the numbering step; the numbers are 1..10 with no gap.
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { itemId, taskId } = await registerItem(s, { title: `事项${i}` });
      await s.call('fengxl', 'POST', `/api/tasks/${taskId}/complete`, { data: registrationData({ title: `事项${i}` }) });
      await passReview(s, itemId);
      ids.push(itemId);
    }
    const handles = (await s.call('zjj01', 'GET', '/api/tasks/todo?pageSize=50')).body.rows;
    await Promise.all(
      handles.map((h: any) => s.call('zjj01', 'POST', `/api/tasks/${h.id}/complete`, { data: { result: '完成', completedDate: '2026-03-04' } })),
    );
    const docs = await s.ctx.db.selectFrom('documents').select(['serial', 'number']).orderBy('serial').execute();
    expect(docs.map((d) => d.serial)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(docs.map((d) => d.number)).size).toBe(10);

    // A rolled-back action gives its number back: the next number is still 11.
    const { itemId, taskId } = await registerItem(s, { title: '失败的事项' });
    await s.call('fengxl', 'POST', `/api/tasks/${taskId}/complete`, { data: registrationData() });
    await passReview(s, itemId);
    const h = (await s.call('zjj01', 'GET', '/api/tasks/todo')).body.rows[0];
    const realDocument = s.ctx.host.county;
    // Make the document step throw after the number was allocated in the same transaction.
    (s.ctx.host as any).county = () => {
      throw new Error('模拟故障');
    };
    const failed = await s.call('zjj01', 'POST', `/api/tasks/${h.id}/complete`, { data: { result: '完成', completedDate: '2026-03-04' } });
    expect(failed.status).toBe(500);
    (s.ctx.host as any).county = realDocument;
    expect(await s.ctx.db.selectFrom('documents').select('serial').where('serial', '=', 11).executeTakeFirst()).toBeUndefined();
    const ok = await s.call('zjj01', 'POST', `/api/tasks/${h.id}/complete`, { data: { result: '完成', completedDate: '2026-03-04' } });
    expect(ok.status).toBe(200);
    const last = await s.ctx.db.selectFrom('documents').select(['serial', 'number']).where('itemId', '=', itemId).executeTakeFirstOrThrow();
    expect(last).toEqual({ serial: 11, number: '清政督函〔2026〕11号' });
  });

  it('keeps a verifiable audit chain and detects a changed, a removed and an appended record', async () => {
    const { itemId, taskId } = await registerItem(s);
    await s.call('fengxl', 'POST', `/api/tasks/${taskId}/complete`, { opinion: '原始意见', data: registrationData() });
    const db = s.ctx.db;
    const ok = await verifyAudit(db, itemId);
    expect(ok.ok).toBe(true);
    expect(ok.entries).toBeGreaterThanOrEqual(3);

    const target = await db.selectFrom('auditLog').selectAll().where('itemId', '=', itemId).where('action', '=', 'task.completed').executeTakeFirstOrThrow();
    await db.updateTable('auditLog').set({ opinion: '篡改后的意见' }).where('itemId', '=', itemId).where('seq', '=', target.seq).execute();
    let v = await verifyAudit(db, itemId);
    expect(v).toMatchObject({ ok: false, brokenAt: target.seq, reason: '记录内容已被改动' });
    const api = await s.call('fengxl', 'GET', `/api/items/${itemId}`);
    expect(api.body.audit.ok).toBe(false);

    await db.updateTable('auditLog').set({ opinion: target.opinion }).where('itemId', '=', itemId).where('seq', '=', target.seq).execute();
    expect((await verifyAudit(db, itemId)).ok).toBe(true);

    const last = await db.selectFrom('auditLog').selectAll().where('itemId', '=', itemId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    await db.deleteFrom('auditLog').where('itemId', '=', itemId).where('seq', '=', last.seq).execute();
    v = await verifyAudit(db, itemId);
    expect(v.ok).toBe(false);
    await db.insertInto('auditLog').values(last).execute();
    expect((await verifyAudit(db, itemId)).ok).toBe(true);

    await db.insertInto('auditLog').values({ ...last, seq: last.seq + 1, prevHash: last.hash, action: 'forged' }).execute();
    expect((await verifyAudit(db, itemId)).ok).toBe(false);
  });
});
