/**
 * What the form designer asks of the server: where each field of a deployed form is used
 * (step permissions, flow conditions, the official document, data already filled in), only
 * for administrators, and linkage rules checked on deploy like the rest of the form.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, startServer, type TestServer } from './helpers';

const ADMIN = 'gaoyuan';

describe.each(databases())('form designer support on $name', (database) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer(database, { bundled: true });
  });
  afterEach(async () => {
    await s.close();
  });

  it('given the bundled processes, when the usages of 督查通报 are asked, then each field lists its steps, conditions and document', async () => {
    const r = await s.call(ADMIN, 'GET', '/api/admin/forms/circular/usages');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const texts = (name: string) => (r.body.fields[name] as { kind: string; text: string }[]).map((u) => `${u.kind}:${u.text}`);
    expect(texts('rectificationDeadline')).toContainEqual(expect.stringMatching(/^permission:流程“.+”（第 1 版）环节“拟制政府督查通报”的字段权限：可编辑$/));
    expect(texts('needRecheck').some((t) => t.startsWith('condition:') && t.includes('needRecheck'))).toBe(true);
    expect(texts('title').some((t) => t.startsWith('document:') && t.includes('督查通报'))).toBe(true);
    expect(r.body.steps.map((x: any) => x.elementId)).toContain('P1_5_Circular');
    // No data yet.
    expect(Object.values(r.body.fields).flat().some((u: any) => u.kind === 'data')).toBe(false);
  });

  it('given a staff member, when the usages are asked, then it is refused', async () => {
    const r = await s.call('fengxl', 'GET', '/api/admin/forms/circular/usages');
    expect(r.status).toBe(403);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await s.call(ADMIN, 'GET', '/api/admin/forms/nope/usages')).body.error.code).toBe('FORM_NOT_FOUND');
  });

  it('given a form whose linkage rule names a missing field, when deployed, then it is refused with the rule in Chinese', async () => {
    const form = (await s.call(ADMIN, 'GET', '/api/forms/circular')).body;
    form.schema['x-duban-linkage'] = [{ conditions: [{ field: 'kind', operator: 'eq', value: '批评' }], action: 'show', fields: ['missing'] }];
    const r = await s.call(ADMIN, 'POST', '/api/forms', form);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('FORM_INVALID');
    expect(r.body.error.fields).toContainEqual({ field: 'x-duban-linkage.0', message: '联动规则1：目标字段“missing”不存在' });
    form.schema['x-duban-linkage'][0].fields = ['rectificationDeadline'];
    expect((await s.call(ADMIN, 'POST', '/api/forms', form)).body).toMatchObject({ key: 'circular', version: 2 });
  });
});
