/**
 * Single sign-on against real peers: an OpenID provider (`oidc-provider` on loopback, started here) and
 * a CAS 3.0 server made for the test. A small cookie-keeping client walks the browser's path: a deep
 * link `/sso/<provider>?target=/tasks/…`, the host's login form, the callback, the one-time code, and a
 * session token for the person, landing on the task.
 */
import Fastify from 'fastify';
import Provider from 'oidc-provider';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedHost } from '../../src/host/EmbeddedHost';
import { buildApp } from '../../src/server/app';
import { CasProvider } from '../../src/server/auth/sso/CasProvider';
import { OidcProvider } from '../../src/server/auth/sso/OidcProvider';
import type { SsoProvider } from '../../src/server/auth/sso/provider';
import { freePort } from '../browser/harness';
import { databases, testTokens } from './helpers';

/** Follows redirects by hand, keeping cookies per host, as a browser would. */
function browser() {
  const jar = new Map<string, Map<string, string>>();
  const cookieHeader = (u: URL) => [...(jar.get(u.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (u: URL, res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const m = jar.get(u.host) ?? jar.set(u.host, new Map()).get(u.host)!;
      const value = pair.slice(i + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') m.delete(pair.slice(0, i));
      else m.set(pair.slice(0, i), value);
    }
  };
  /** Open a URL (GET, or POST a form) and follow redirects; the last URL and its page. */
  return async function open(url: string, form?: Record<string, string>): Promise<{ url: string; status: number; text: string }> {
    let u = new URL(url);
    let init: RequestInit = form ? { method: 'POST', body: new URLSearchParams(form), headers: { 'content-type': 'application/x-www-form-urlencoded' } } : { method: 'GET' };
    for (let hops = 0; hops < 20; hops++) {
      const res = await fetch(u, { ...init, redirect: 'manual', headers: { ...(init.headers as object), cookie: cookieHeader(u) } });
      keep(u, res);
      const loc = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && loc) {
        u = new URL(loc, u);
        init = { method: 'GET' };
        if (u.hash) return { url: u.href, status: res.status, text: '' };
        continue;
      }
      return { url: u.href, status: res.status, text: await res.text() };
    }
    throw new Error('too many redirects');
  };
}

const formAction = (html: string, base: string) => new URL(/<form[^>]*action="([^"]+)"/.exec(html)![1].replace(/&amp;/g, '&'), base).href;

/** The Duban server listening on loopback with the given provider. */
async function duban(database: ReturnType<typeof databases>[number], sso: (port: number) => SsoProvider) {
  const port = await freePort();
  const fresh = await database.fresh();
  const tokens = await testTokens();
  const built = await buildApp({ db: fresh.db, host: new EmbeddedHost(), tokens, sso: [sso(port)], publicUrl: `http://127.0.0.1:${port}` });
  await built.app.listen({ port, host: '127.0.0.1' });
  return {
    ...built,
    base: `http://127.0.0.1:${port}`,
    port,
    async close() {
      await built.app.close();
      await fresh.cleanup();
    },
  };
}

/** Exchange the code of `/#/sso?code=…` as the web app does. */
async function exchange(base: string, landed: string) {
  const code = new URLSearchParams(new URL(landed).hash.split('?')[1]).get('code')!;
  const r = await fetch(`${base}/api/auth/sso/exchange`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  return { status: r.status, body: await r.json(), code };
}

describe.each(databases())('single sign-on on $name', (database) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('OIDC: a deep link goes through the provider’s login and lands on the task, signed in as the person', async () => {
    const idpPort = await freePort();
    const issuer = `http://127.0.0.1:${idpPort}`;
    let dubanPort = 0;
    const s = await duban(database, (port) => {
      dubanPort = port;
      return new OidcProvider({ issuer, clientId: 'duban', clientSecret: 'duban-client-secret', allowHttp: true, match: 'login' });
    });
    cleanups.push(() => s.close());
    const provider = new Provider(issuer, {
      clients: [{ client_id: 'duban', client_secret: 'duban-client-secret', redirect_uris: [`http://127.0.0.1:${dubanPort}/sso/oidc/callback`], response_types: ['code'], grant_types: ['authorization_code'] }],
      claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
      conformIdTokenClaims: false,
      findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, preferred_username: sub, name: sub }) }),
      features: { devInteractions: { enabled: true } },
    });
    const idp = provider.listen(idpPort, '127.0.0.1');
    cleanups.push(() => new Promise((r) => idp.close(() => r(undefined))));

    const open = browser();
    const target = '/tasks/abc-123?tab=flow';
    let page = await open(`${s.base}/sso/oidc?target=${encodeURIComponent(target)}`);
    expect(page.url.startsWith(issuer)).toBe(true);
    page = await open(formAction(page.text, page.url), { prompt: 'login', login: 'fengxl', password: 'x' });
    if (!page.url.includes('#')) page = await open(formAction(page.text, page.url), { prompt: 'consent' });
    expect(page.url).toMatch(new RegExp(`^${s.base}/#/sso\\?code=`));
    const { status, body, code } = await exchange(s.base, page.url);
    expect(status).toBe(200);
    expect(body.user.id).toBe('fengxl');
    expect(body.target).toBe(target);
    const me = await fetch(`${s.base}/api/auth/me`, { headers: { authorization: `Bearer ${body.token}` } });
    expect((await me.json()).name).toBe('冯晓丽');
    // The code works once.
    const again = await fetch(`${s.base}/api/auth/sso/exchange`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    expect((await again.json()).error.code).toBe('SSO_CODE_INVALID');
    // No demo login beside single sign-on.
    expect((await fetch(`${s.base}/api/auth/demo-users`)).status).toBe(404);
    // An unknown person at the host is told so, in Chinese.
    const open2 = browser();
    let p2 = await open2(`${s.base}/sso/oidc`);
    p2 = await open2(formAction(p2.text, p2.url), { prompt: 'login', login: 'stranger', password: 'x' });
    if (p2.status === 200 && p2.url.startsWith(issuer)) p2 = await open2(formAction(p2.text, p2.url), { prompt: 'consent' });
    expect(p2.status).toBe(403);
    expect(p2.text).toContain('不在督办的通讯录中');
    // A target pointing at another site is not followed.
    const open3 = browser();
    let p3 = await open3(`${s.base}/sso/oidc?target=${encodeURIComponent('//evil.example.com/x')}`);
    p3 = await open3(formAction(p3.text, p3.url), { prompt: 'login', login: 'fengxl', password: 'x' });
    if (!p3.url.includes('#')) p3 = await open3(formAction(p3.text, p3.url), { prompt: 'consent' });
    expect((await exchange(s.base, p3.url)).body.target).toBe('/workbench');
  });

  it('CAS 3.0: the ticket is checked at /p3/serviceValidate (JSON); a forged ticket is refused', async () => {
    const casPort = await freePort();
    const tickets = new Map<string, { service: string; user: string }>();
    const cas = Fastify();
    cas.get('/cas/login', async (req, reply) => {
      const { service } = req.query as { service: string };
      const ticket = `ST-${tickets.size + 1}-cas`;
      tickets.set(ticket, { service, user: 'qianzy' });
      return reply.redirect(`${service}${service.includes('?') ? '&' : '?'}ticket=${ticket}`, 302);
    });
    cas.get('/cas/p3/serviceValidate', async (req) => {
      const { service, ticket, format } = req.query as Record<string, string>;
      expect(format).toBe('JSON');
      const t = tickets.get(ticket);
      tickets.delete(ticket);
      if (!t || t.service !== service) return { serviceResponse: { authenticationFailure: { code: 'INVALID_TICKET', description: `票据 ${ticket} 无效` } } };
      return { serviceResponse: { authenticationSuccess: { user: t.user, attributes: { employeeNo: ['QH0001'] } } } };
    });
    await cas.listen({ port: casPort, host: '127.0.0.1' });
    cleanups.push(() => cas.close());
    const s = await duban(database, () => new CasProvider({ baseUrl: `http://127.0.0.1:${casPort}/cas` }));
    cleanups.push(() => s.close());

    const open = browser();
    const page = await open(`${s.base}/sso/cas?target=${encodeURIComponent('/tasks/t-9')}`);
    const { body } = await exchange(s.base, page.url);
    expect(body.user.id).toBe('qianzy');
    expect(body.target).toBe('/tasks/t-9');

    const forged = await open(`${s.base}/sso/cas/callback?ticket=ST-forged`);
    expect(forged.status).toBe(400); // no sign-in was started in this browser
    // Start a sign-in, then come back with a ticket the CAS server never issued.
    const start = await fetch(`${s.base}/sso/cas`, { redirect: 'manual' });
    const cookie = start.headers.getSetCookie()[0].split(';')[0];
    const refused = await fetch(`${s.base}/sso/cas/callback?ticket=ST-forged`, { headers: { cookie } });
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('统一认证未通过');
  });
});
