/**
 * Single sign-on from Chromium, against real peers on loopback: an OpenID provider (`oidc-provider`,
 * started here) and a CAS 3.0 server made for the test. The person clicks the to-do link the host shows
 * (taken from the pull API, as a portal would), signs in on the host's own login page, and lands on the
 * task, signed in; the login page hands over to the host's login; signing out goes through the host.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import Provider from 'oidc-provider';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeBrowser, withServerAndBrowser } from './describe-browser';
import { apiClient, ensureBuilt, freePort, type RunningServer, startServer } from './harness';
import { waitForStep } from './ui';

/** The key Duban shares with the host (HS256), so the test mints tokens as a host would, with any JWT library. */
const SECRET = 'qinghe-oa-and-duban-share-this-key-2026';
const PULL_KEY = 'portal-pull-key-of-the-test';
const TITLE = '城区停车难专项治理';

/** A person's session token as the host mints it: iss/aud `duban`, sub the person's id. */
const hostToken = (userId: string) =>
  new SignJWT({ amr: 'host' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer('duban')
    .setAudience('duban')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SECRET));

/** Registers a 县长督办令 as 冯晓丽 and returns the link of her first to-do as the host's portal would show it. */
async function todoLinkOf(server: RunningServer): Promise<{ url: string; stepName: string; taskId: string }> {
  const api = apiClient(server.baseUrl, hostToken);
  const start = await api('fengxl', 'POST', '/api/items', { procedureKey: 'p5-order', title: TITLE, source: 'P5.S3', units: ['zjj', 'jtj'], leadUnit: 'zjj' });
  expect(start.status).toBe(201);
  const pulled = await fetch(`${server.baseUrl}/api/host/todos?user=fengxl&kind=login`, { headers: { authorization: `Bearer ${PULL_KEY}` } });
  expect(pulled.status).toBe(200);
  const todo = (await pulled.json()).todos.find((t: { itemTitle: string }) => t.itemTitle === TITLE);
  return { url: todo.pcUrl, stepName: todo.stepName, taskId: todo.id };
}

/** The environment of a Duban server signing in through the host. */
const ssoEnv = (port: number, extra: Record<string, string>) => ({
  DUBAN_PUBLIC_URL: `http://127.0.0.1:${port}`,
  DUBAN_SECRET: SECRET,
  DUBAN_PULL_KEY: PULL_KEY,
  ...extra,
});

describeBrowser('single sign-on from the browser: OIDC and CAS, landing on a deep-linked task', () => {
  const app = withServerAndBrowser({ server: false });
  const cleanups: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    await ensureBuilt();
    // The peers are on loopback; nothing else is reachable (the provider's page asks for a web font).
    await app.browser.context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  }, 900_000);
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    await app.browser.context.clearCookies();
  });
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** Checks the page shows the task, signed in as 冯晓丽, and that the token works for the API. */
  const landedOnTask = async (page: Page, base: string, link: { stepName: string; taskId: string }) => {
    await page.waitForURL(`${base}/#/tasks/${encodeURIComponent(link.taskId)}`);
    await waitForStep(page, link.stepName);
    await expect.poll(() => page.getByTestId('current-user').textContent()).toContain('冯晓丽');
    expect(await page.getByTestId('task-page').textContent()).toContain(TITLE);
  };

  it('OIDC: the to-do link goes through the provider’s login page and opens the task; 退出登录 signs out at the provider', async () => {
    const page = app.page;
    const [idpPort, port] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${idpPort}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'duban',
          client_secret: 'duban-client-secret-of-the-test',
          redirect_uris: [`http://127.0.0.1:${port}/sso/oidc/callback`],
          post_logout_redirect_uris: [`http://127.0.0.1:${port}/`],
          response_types: ['code'],
          grant_types: ['authorization_code'],
        },
      ],
      claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
      conformIdTokenClaims: false,
      findAccount: async (_ctx: unknown, sub: string) => ({ accountId: sub, claims: async () => ({ sub, preferred_username: sub, name: sub }) }),
      features: { devInteractions: { enabled: true } },
    });
    const idp = provider.listen(idpPort, '127.0.0.1');
    cleanups.push(() => new Promise((r) => idp.close(r)));
    const server = await startServer(
      ssoEnv(port, { DUBAN_SSO: 'oidc', DUBAN_OIDC_ISSUER: issuer, DUBAN_OIDC_CLIENT_ID: 'duban', DUBAN_OIDC_CLIENT_SECRET: 'duban-client-secret-of-the-test', DUBAN_OIDC_ALLOW_HTTP: '1', DUBAN_SSO_MATCH: 'login' }),
      { port },
    );
    cleanups.push(() => server.stop());

    const link = await todoLinkOf(server);
    expect(link.url).toBe(`${server.baseUrl}/sso/oidc?target=${encodeURIComponent(`/tasks/${encodeURIComponent(link.taskId)}`)}`);
    // A click in the OA: the provider's own login form, then its consent page.
    await page.goto(link.url);
    await page.waitForURL((u) => u.href.startsWith(issuer));
    await page.locator('input[name="login"]').fill('fengxl');
    await page.locator('input[name="password"]').fill('any-password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await landedOnTask(page, server.baseUrl, link);

    // Signing out ends the session at Duban and goes to the provider's sign-out page.
    await page.getByTestId('current-user').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL((u) => u.href.startsWith(`${issuer}/session/end`));
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL((u) => u.href.startsWith(server.baseUrl));
    // Back at Duban, signed out: the login page shows no list of people and hands over to the provider's login.
    await page.goto(`${server.baseUrl}/#/login`);
    await page.waitForURL((u) => u.href.startsWith(issuer));
    expect(await page.locator('input[name="login"]').count()).toBe(1);
  }, 240_000);

  it('CAS 3.0: the to-do link goes through the CAS login page and opens the task', async () => {
    const page = app.page;
    const [casPort, port] = [await freePort(), await freePort()];
    const cas: FastifyInstance = Fastify();
    const tickets = new Map<string, { service: string; user: string }>();
    const validated: string[] = [];
    cas.get('/cas/login', async (req, reply) => {
      const { service } = req.query as { service: string };
      const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
      return reply
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>统一身份认证</title><form method="post" action="/cas/login?service=${encodeURIComponent(service)}">` +
            `<label>账号 <input name="username"></label><label>密码 <input name="password" type="password"></label><button type="submit">登录</button></form><p>${esc(service)}</p></html>`,
        );
    });
    cas.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));
    cas.post('/cas/login', async (req, reply) => {
      const { service } = req.query as { service: string };
      const { username } = req.body as { username: string };
      const ticket = `ST-${tickets.size + 1}-${Date.now()}`;
      tickets.set(ticket, { service, user: username });
      return reply.redirect(`${service}${service.includes('?') ? '&' : '?'}ticket=${ticket}`, 302);
    });
    cas.get('/cas/p3/serviceValidate', async (req) => {
      const { service, ticket, format } = req.query as Record<string, string>;
      validated.push(format);
      const t = tickets.get(ticket);
      tickets.delete(ticket);
      if (!t || t.service !== service) return { serviceResponse: { authenticationFailure: { code: 'INVALID_TICKET', description: `票据 ${ticket} 无效` } } };
      return { serviceResponse: { authenticationSuccess: { user: t.user, attributes: {} } } };
    });
    await cas.listen({ port: casPort, host: '127.0.0.1' });
    cleanups.push(() => cas.close());
    const server = await startServer(ssoEnv(port, { DUBAN_SSO: 'cas', DUBAN_CAS_URL: `http://127.0.0.1:${casPort}/cas`, DUBAN_SSO_MATCH: 'login' }), { port });
    cleanups.push(() => server.stop());

    const link = await todoLinkOf(server);
    expect(link.url.startsWith(`${server.baseUrl}/sso/cas?target=`)).toBe(true);
    await page.goto(link.url);
    await page.waitForURL((u) => u.href.startsWith(`http://127.0.0.1:${casPort}/cas/login`));
    await page.getByLabel('账号').fill('fengxl');
    await page.getByLabel('密码').fill('any-password');
    await page.getByRole('button', { name: '登录' }).click();
    await landedOnTask(page, server.baseUrl, link);
    expect(validated).toEqual(['JSON']);
  }, 240_000);
});
