import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context';
import { safeTarget } from '../integration/links';
import { insertSsoCode } from './session.repository';
import { SsoError, type SsoProvider } from './sso/provider';

const COOKIE = 'duban_sso';
const STATE_AUDIENCE = 'duban-sso-state';
/** How long a sign-in may take at the host, and how long the one-time code lives. */
const STATE_TTL_MS = 10 * 60_000;
const CODE_TTL_MS = 60_000;

/** A plain Chinese page for a sign-in that cannot go on (the browser is outside the app here). */
function page(reply: FastifyReply, status: number, title: string, text: string, retry?: string) {
  const esc = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${esc(title)} - 督办</title>` +
        `<body style="font-family:sans-serif;max-width:36em;margin:4em auto;color:#1f1f1f"><h1 style="font-size:20px">${esc(title)}</h1><p>${esc(text)}</p>` +
        (retry ? `<p><a href="${esc(retry)}">重新登录</a></p>` : '') +
        `</body></html>`,
    );
}

function readCookie(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * Single sign-on through the host: `/sso/<provider>?target=/tasks/…` sends the browser to the host's login;
 * `/sso/<provider>/callback` checks what comes back, finds the person in the directory by the configured
 * identifier, and hands the web app a one-time code (`/#/sso?code=…`) it exchanges for a session token.
 */
export async function ssoRoutes(app: FastifyInstance, ctx: AppContext, providers: SsoProvider[]): Promise<void> {
  const byName = new Map(providers.map((p) => [p.name, p]));
  const base = (req: FastifyRequest) => ctx.links.base || `${req.protocol}://${req.headers.host}`;
  const callbackUrl = (req: FastifyRequest, p: SsoProvider) => `${base(req)}/sso/${p.name}/callback`;
  const secure = () => ctx.links.base.startsWith('https:');

  app.get('/sso/:provider', { schema: { hide: true } }, async (req, reply) => {
    const p = byName.get((req.params as { provider: string }).provider);
    if (!p) return page(reply, 404, '未启用该登录方式', '当前部署未配置此单点登录方式，请从 OA 门户进入督办。');
    const q = req.query as { target?: string; view?: string };
    const target = safeTarget(q.target ?? '/workbench') ?? '/workbench';
    try {
      const { url, state } = await p.begin(callbackUrl(req, p));
      const cookie = await ctx.tokens.sign({ ...state, target, provider: p.name }, STATE_AUDIENCE, STATE_TTL_MS);
      reply.header('set-cookie', `${COOKIE}=${cookie}; Path=/sso; HttpOnly; SameSite=Lax; Max-Age=${STATE_TTL_MS / 1000}${secure() ? '; Secure' : ''}`);
      return reply.redirect(url, 302);
    } catch (err) {
      req.log.warn({ err }, 'single sign-on could not start');
      return page(reply, 502, '无法登录', err instanceof SsoError ? err.message : '无法连接 OA 统一登录服务，请稍后重试', req.url);
    }
  });

  app.get('/sso/:provider/callback', { schema: { hide: true } }, async (req, reply) => {
    const name = (req.params as { provider: string }).provider;
    const p = byName.get(name);
    if (!p) return page(reply, 404, '未启用该登录方式', '当前部署未配置此单点登录方式。');
    const raw = readCookie(req, COOKIE);
    const state = raw ? await ctx.tokens.open(raw, STATE_AUDIENCE) : null;
    const retry = `/sso/${name}`;
    if (!state || state.provider !== name) return page(reply, 400, '登录已过期', '登录用时过长或在另一窗口中重新开始了登录，请重新登录。', retry);
    reply.header('set-cookie', `${COOKIE}=; Path=/sso; HttpOnly; SameSite=Lax; Max-Age=0`);
    const target = safeTarget(state.target) ?? '/workbench';
    let login: string;
    try {
      login = (await p.finish(callbackUrl(req, p), new URL(req.url, 'http://callback.invalid'), state as Record<string, string>)).login;
    } catch (err) {
      req.log.warn({ err }, 'single sign-on refused');
      return page(reply, 401, '登录未成功', err instanceof SsoError ? err.message : '登录未成功，请重新登录', `${retry}?target=${encodeURIComponent(target)}`);
    }
    const person = ctx.dir.findByIdentifier(login, p.match);
    if (!person) {
      return page(reply, 403, '账号未开通督办', `您的 OA 账号“${login}”不在督办的通讯录中。请联系系统管理员同步通讯录或核对账号对应关系。`);
    }
    const code = randomBytes(24).toString('base64url');
    await insertSsoCode(ctx.db, { code, personId: person.id, method: p.name, target, expiresAt: ctx.now() + CODE_TTL_MS, usedAt: null });
    return reply.redirect(`${ctx.links.base}/#/sso?code=${code}`, 302);
  });
}
