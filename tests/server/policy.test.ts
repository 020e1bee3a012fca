/**
 * Policy is data: who may do what comes from `processes/policy.json`, read alike by the
 * server's checks and the web's access; no role id is written into the code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { roles } from '../../mock/county';
import { AppError } from '../../src/server/errors';
import { checkPolicy, loadPolicy, type Policy } from '../../src/server/policy/policy';
import { databases, startServer, type TestServer } from './helpers';

const ROLE_IDS = roles.map((r) => r.id);

/** Every source file of the product under `src/`, but umi's generated folder. */
function sources(dir = 'src'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === '.umi' || name === '.umi-production' || name === '.umi-test') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [path] : [];
  });
}

describe('role ids in code', () => {
  it('appear nowhere in src/ as literals: roles are named in processes/policy.json and the mock county only', () => {
    const literal = new RegExp(`(['"\`])(${ROLE_IDS.join('|')})\\1`, 'g');
    const found: string[] = [];
    for (const file of sources()) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(literal)) {
        const line = text.slice(0, m.index).split('\n').length;
        found.push(`${relative('.', file)}:${line} ${m[0]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the scan finds a literal when one is there', () => {
    const literal = new RegExp(`(['"\`])(${ROLE_IDS.join('|')})\\1`, 'g');
    expect(`const r = ['R8'];`.match(literal)).toEqual([`'R8'`]);
  });
});

describe('the policy file', () => {
  it('names only roles of the role table and covers every capability', () => {
    const raw = JSON.parse(readFileSync('processes/policy.json', 'utf8'));
    expect(() => checkPolicy(raw, 'policy.json', ROLE_IDS)).not.toThrow();
    expect(loadPolicy().assignments.fallback.role).toBe(raw.assignments.fallback.role);
  });

  it('is refused in Chinese when a role or a capability is wrong', () => {
    const raw = JSON.parse(readFileSync('processes/policy.json', 'utf8'));
    raw.capabilities['task.urge'].roles.push('R99');
    delete raw.capabilities['item.terminate'];
    let error: unknown;
    try {
      checkPolicy(raw, 'policy.json', ROLE_IDS);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('POLICY_INVALID');
    expect((error as AppError).message).toContain('“task.urge”中的角色“R99”不在角色表中');
    expect((error as AppError).message).toContain('缺少权限“item.terminate”');
  });
});

describe.each(databases())('the policy governs the server on $name', (database) => {
  let s: TestServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  /** The bundled policy with changes. */
  const policyWith = (change: (p: Policy) => void): Policy => {
    const p = structuredClone(loadPolicy());
    change(p);
    return p;
  };

  it('serves each person their capabilities, and the checks follow an edited policy', async () => {
    const office = loadPolicy().capabilities.office.roles;
    s = await startServer(database, {
      policy: policyWith((p) => {
        // 催办 taken from the office; P5 registered by the office's staff only.
        p.capabilities['task.urge'].roles = p.capabilities['task.urge'].roles.filter((r) => !office.includes(r));
        p.capabilities['item.start'].procedures = { 'p5-order': [p.assignments.fallback.role] };
      }),
      bundled: true,
    });
    const me = await s.call('fengxl', 'GET', '/api/auth/me');
    expect(me.body.capabilities).toEqual(expect.arrayContaining(['item.start', 'item.readAll', 'office']));
    expect(me.body.capabilities).not.toContain('task.urge');
    expect(me.body.startable).toEqual({ 'p5-order': true });
    expect((await s.call('qianzy', 'GET', '/api/auth/me')).body.startable).toEqual({ 'p5-order': false });

    // 督查室主任 may not register a P5 item under this policy, 督查室承办人员 may.
    let r = await s.call('qianzy', 'POST', '/api/items', { procedureKey: 'p5-order', title: '试登记', source: 'P5.S3' });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toBe('您没有登记“县长督办令”事项的权限');
    r = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'p5-order', title: '试登记', source: 'P5.S3' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);

    // The office may no longer urge; a leader still may.
    const task = (await s.call('fengxl', 'GET', '/api/tasks/todo')).body.rows.find((t: any) => t.itemId === r.body.itemId);
    expect((await s.call('fengxl', 'POST', `/api/tasks/${task.id}/urge`, { method: 'phone' })).status).toBe(403);
    expect((await s.call('wangjianguo', 'POST', `/api/tasks/${task.id}/urge`, { method: 'phone' })).status).toBe(200);
  });

  it('hands a step nobody holds to the policy’s fallback role', async () => {
    s = await startServer(database, { policy: policyWith((p) => (p.assignments.fallback.role = 'R7')), fixtures: ['leader.bpmn'] });
    const upper = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'leader-review', title: '省领导批示件', vars: { instructingLeader: '省政府某副省长' } });
    expect(upper.status, JSON.stringify(upper.body)).toBe(201);
    const head = (await s.call('qianzy', 'GET', '/api/tasks/todo')).body.rows.filter((t: any) => t.itemId === upper.body.itemId);
    expect(head.map((t: any) => t.assignee)).toEqual(['督查室主任']);
    expect((await s.call('hejj', 'GET', '/api/tasks/todo')).body.rows.some((t: any) => t.itemId === upper.body.itemId)).toBe(false);
    const detail = await s.call('qianzy', 'GET', `/api/items/${upper.body.itemId}`);
    expect(detail.body.timeline.find((e: any) => e.action === 'task.noCandidates').data.fallback).toBe('R7');
  });
});
