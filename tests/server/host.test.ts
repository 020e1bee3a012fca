import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedHost } from '../../src/host/EmbeddedHost';
import type { Directory } from '../../src/host/HostAdapter';
import { SessionTokens, TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../src/host/token';
import { buildApp } from '../../src/server/app';
import { clock, databases, fixture, startServer, type TestServer } from './helpers';

const SECRET = 'a-secret-shared-with-the-oa-of-32b';

describe.each(databases())('session tokens, directory sync, pull API and headers on $name', (database) => {
  const cleanups: (() => Promise<void>)[] = [];
  let s: TestServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
    for (const c of cleanups.splice(0)) await c();
  });

  const me = (app: TestServer['app'], token: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });

  it('accepts an HS256 JWT the OA minted with the shared secret; refuses tampered, expired and other-key tokens', async () => {
    const fresh = await database.fresh();
    cleanups.push(() => fresh.cleanup());
    const c = clock();
    const tokens = await SessionTokens.create({ alg: 'HS256', secret: SECRET }, { now: c.now });
    const { app } = await buildApp({ db: fresh.db, host: new EmbeddedHost(), now: c.now, tokens });
    cleanups.push(() => app.close());
    // The OA signs with any JWT library: only the shared secret, issuer and audience are agreed.
    const mint = (key: string, exp: number, sub = 'fengxl') =>
      new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE).setIssuedAt(Math.floor(c.now() / 1000)).setExpirationTime(Math.floor(exp / 1000)).sign(new TextEncoder().encode(key));
    const good = await mint(SECRET, c.now() + 3_600_000);
    expect((await me(app, good)).json().id).toBe('fengxl');
    const [h, p, sig] = good.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: 'admin' })).toString('base64url')}.${sig}`;
    expect((await me(app, tampered)).statusCode).toBe(401);
    expect((await me(app, await mint('another-secret-of-at-least-32-bytes', c.now() + 3_600_000))).statusCode).toBe(401);
    expect((await me(app, await mint(SECRET, c.now() - 1000))).statusCode).toBe(401);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${p}.`;
    expect((await me(app, none)).statusCode).toBe(401);
    const r = await me(app, 'not-a-jwt');
    expect(r.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: '未登录或登录已过期，请重新登录' });
  });

  it('publishes its ES256 keys at /.well-known/jwks.json; a host verifies a session with them; refresh and sign-out', async () => {
    const fresh = await database.fresh();
    cleanups.push(() => fresh.cleanup());
    const tokens = await SessionTokens.create({ alg: 'ES256' });
    const { app } = await buildApp({ db: fresh.db, host: new EmbeddedHost(), tokens });
    cleanups.push(() => app.close());
    const login = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { userId: 'fengxl' } })).json();
    const jwks = (await app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.keys[0].d).toBeUndefined();
    const { payload } = await jwtVerify(login.token, createLocalJWKSet(jwks), { issuer: 'duban', audience: 'duban' });
    expect(payload.sub).toBe('fengxl');
    // A token signed by another ES256 key is refused.
    const other = await (await SessionTokens.create({ alg: 'ES256' })).issue('fengxl');
    expect((await me(app as never, other.token)).statusCode).toBe(401);

    const refreshed = await app.inject({ method: 'POST', url: '/api/auth/refresh', headers: { authorization: `Bearer ${login.token}` } });
    expect(refreshed.statusCode).toBe(200);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${login.token}` } });
    expect(out.json()).toEqual({ ok: true });
    expect((await me(app as never, login.token)).statusCode).toBe(401);
    expect((await me(app as never, refreshed.json().token)).statusCode).toBe(200);
  });

  it('a sync that removes a person with open tasks keeps every role grant and liaison and flags the person to R8', async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn'] });
    const r = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'supervise', title: '人员变动测试', source: 'P2.S1', units: ['jyj'], leadUnit: 'jyj' });
    expect(r.status).toBe(201);
    const grantsBefore = await s.ctx.db.selectFrom('dirGrants').selectAll().orderBy('personId').orderBy('roleId').execute();
    const liaisonsBefore = await s.ctx.db.selectFrom('dirLiaisons').selectAll().orderBy('personId').orderBy('unitId').execute();
    // given the OA's directory no longer has 何俊杰 (hejj, an R8 officer holding the 登记 task), moves 许静,
    // adds a newcomer, and publishes no role grants at all
    const host = s.host;
    const original = host.loadDirectory.bind(host);
    host.loadDirectory = async (): Promise<Directory> => {
      const d = await original();
      return {
        ...d,
        people: [
          ...d.people.filter((p) => p.id !== 'hejj').map((p) => (p.id === 'xujing' ? { ...p, unitId: 'jyj' } : p)),
          { id: 'newbie', name: '新同志', unitId: 'jyj', title: '科员', sort: 999, identifiers: { login: 'newbie', employeeNo: 'QH0999', mobile: '13800000999' } },
        ],
        grants: [],
        liaisons: [],
      };
    };
    const report = await s.ctx.dir.sync({ now: s.clock.now() });
    expect(report.added.map((p) => p.id)).toEqual(['newbie']);
    expect(report.moved).toEqual([{ id: 'xujing', name: '许静', from: expect.any(String), to: 'jyj' }]);
    expect(report.removed.map((p) => p.id)).toEqual(['hejj']);
    expect(report.flagged).toHaveLength(1);
    expect(report.flagged[0]).toMatchObject({ id: 'hejj', tasks: [expect.objectContaining({ name: '登记' })] });
    expect(report.flagged[0].notified).toEqual(expect.arrayContaining(['fengxl', 'xujing']));
    expect(report.flagged[0].notified).not.toContain('hejj');
    // every grant and liaison stays, the removed person's included (they come back if the OA restores them)
    expect(await s.ctx.db.selectFrom('dirGrants').selectAll().orderBy('personId').orderBy('roleId').execute()).toEqual(grantsBefore);
    expect(await s.ctx.db.selectFrom('dirLiaisons').selectAll().orderBy('personId').orderBy('unitId').execute()).toEqual(liaisonsBefore);
    expect(s.ctx.dir.principal('fengxl')!.roles).toContain('R8');
    expect(s.ctx.dir.principal('hejj')).toBeNull();
    // several host identifiers find the newcomer
    expect(s.ctx.dir.findByIdentifier('QH0999')?.id).toBe('newbie');
    expect(s.ctx.dir.findByIdentifier('13800000999', 'mobile')?.id).toBe('newbie');
    // the report is kept, and R8 gets a notice to 转办
    const saved = await s.ctx.db.selectFrom('dirSyncReports').selectAll().execute();
    expect(saved).toHaveLength(2);
    await s.scheduler.runOutbox();
    const notice = s.host.inbox.notifications.find((n) => n.title.includes('何俊杰'));
    expect(notice?.userIds).toEqual(expect.arrayContaining(['fengxl', 'xujing']));
    expect(notice?.body).toContain('转办');
  });

  it('pull API: a person’s open to-dos and count by any host identifier, only with the host’s key', async () => {
    const fresh = await database.fresh();
    cleanups.push(() => fresh.cleanup());
    const { app, ctx } = await buildApp({ db: fresh.db, host: new EmbeddedHost(), pullApiKey: 'portal-key', publicUrl: 'https://duban.qinghe.gov.cn' });
    cleanups.push(() => app.close());
    const { deployBundled } = await import('../../src/server/seed');
    await deployBundled(ctx, { forms: 'forms', processes: '/nonexistent' });
    await ctx.definitions.deploy(fixture('supervise.bpmn'), 'system', Date.now());
    const login = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { userId: 'fengxl' } })).json();
    const item = await app.inject({ method: 'POST', url: '/api/items', headers: { authorization: `Bearer ${login.token}` }, payload: { procedureKey: 'supervise', title: '拉取测试', source: 'P2.S1', units: ['jyj'], leadUnit: 'jyj' } });
    expect(item.statusCode).toBe(201);
    expect((await app.inject({ method: 'GET', url: '/api/host/todos?user=fengxl' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/host/todos?user=fengxl', headers: { authorization: 'Bearer wrong' } })).json().error.code).toBe('HOST_KEY_INVALID');
    const none = await app.inject({ method: 'GET', url: '/api/host/todos?user=nobody', headers: { authorization: 'Bearer portal-key' } });
    expect(none.statusCode).toBe(404);
    const count = await app.inject({ method: 'GET', url: '/api/host/todos/count?user=fengxl&kind=login', headers: { authorization: 'Bearer portal-key' } });
    expect(count.json()).toEqual({ userId: 'fengxl', count: 1 });
    const list = await app.inject({ method: 'GET', url: '/api/host/todos?user=fengxl', headers: { authorization: 'Bearer portal-key' } });
    expect(list.json().count).toBe(count.json().count);
    expect(list.json().todos).toEqual([expect.objectContaining({ title: '登记：拉取测试', pcUrl: expect.stringMatching(/^https:\/\/duban\.qinghe\.gov\.cn\/#\/tasks\//) })]);
  });

  it('security headers on every answer; frame-ancestors and CORS origins are settings', async () => {
    const fresh = await database.fresh();
    cleanups.push(() => fresh.cleanup());
    const { app } = await buildApp({ db: fresh.db, host: new EmbeddedHost(), corsOrigins: ['https://oa.qinghe.gov.cn'], security: { frameAncestors: ['https://oa.qinghe.gov.cn'] } });
    cleanups.push(() => app.close());
    for (const url of ['/api/health', '/', '/api/nothing-here']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(r.headers['content-security-policy']).toContain("frame-ancestors 'self' https://oa.qinghe.gov.cn");
      expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    }
    const ok = await app.inject({ method: 'OPTIONS', url: '/api/tasks/todo', headers: { origin: 'https://oa.qinghe.gov.cn', 'access-control-request-method': 'GET' } });
    expect(ok.statusCode).toBe(204);
    expect(ok.headers['access-control-allow-origin']).toBe('https://oa.qinghe.gov.cn');
    const other = await app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example.com' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('the web app’s inline script runs by its hash, and no other inline script does', async () => {
    const fresh = await database.fresh();
    cleanups.push(() => fresh.cleanup());
    const dist = mkdtempSync(join(tmpdir(), 'duban-dist-'));
    cleanups.push(async () => rmSync(dist, { recursive: true, force: true }));
    const inline = 'window.publicPath = window.__INJECTED_PUBLIC_PATH_BY_QIANKUN__ || "/";';
    writeFileSync(join(dist, 'index.html'), `<!doctype html><head><script>${inline}</script><script src="/a.js"></script></head><body><div id="root"></div><script src="/umi.js" entry></script></body>`);
    const { app } = await buildApp({ db: fresh.db, host: new EmbeddedHost(), staticDir: dist });
    cleanups.push(() => app.close());
    const page = await app.inject({ method: 'GET', url: '/' });
    const csp = String(page.headers['content-security-policy']);
    const scriptSrc = csp.split('; ').find((d) => d.startsWith('script-src '))!;
    expect(scriptSrc).toBe(`script-src 'self' 'sha256-${createHash('sha256').update(inline).digest('base64')}'`);
    expect(scriptSrc).not.toContain('unsafe');
  });
});
