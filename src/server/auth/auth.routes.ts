import type { FastifyInstance } from 'fastify';
import { EmbeddedHost } from '../../host/EmbeddedHost';
import type { AppContext } from '../context';
import { AppError, notFound, unauthenticated } from '../errors';
import { revoke, useSsoCode } from './session.repository';
import type { Principal } from '../directory/directory.service';
import { errorSchema } from '../http/error-handler';
import { mayStart, startOverrides } from '../policy/policy';

const principalSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    unitId: { type: 'string' },
    unitName: { type: 'string' },
    title: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    roleNames: { type: 'array', items: { type: 'string' } },
    liaisonUnits: { type: 'array', items: { type: 'string' } },
    capabilities: { type: 'array', items: { type: 'string' } },
    /** Procedures with a starter list of their own (policy `item.start.procedures`): whether this person may start each. */
    startable: { type: 'object', additionalProperties: { type: 'boolean' } },
    isAdmin: { type: 'boolean' },
    isOffice: { type: 'boolean' },
    seesAllItems: { type: 'boolean' },
    handlesUnit: { type: 'boolean' },
  },
} as const;

/** The demo login gives anyone any person's token: only with the embedded host, and never beside single sign-on. */
export const demoEnabled = (ctx: AppContext) => ctx.host instanceof EmbeddedHost && ctx.sso.length === 0;

/** Demo login (embedded host only), single sign-on's code exchange, refresh, sign-out and the current user. */
export async function authRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const roleName = (id: string) => ctx.dir.snapshot.roles.find((r) => r.id === id)?.name ?? id;
  /** The signed-in user as the web app reads them: roles in words, capabilities, and per-procedure start rights. */
  const me = (p: Principal) => ({
    ...p,
    roleNames: p.roles.map(roleName),
    startable: Object.fromEntries(Object.keys(startOverrides(ctx.dir.policy)).map((key) => [key, mayStart(ctx.dir.policy, p.roles, key)])),
  });

  app.get(
    '/api/auth/demo-users',
    {
      schema: {
        tags: ['auth'],
        summary: '演示登录：可选用户列表',
        response: {
          200: {
            type: 'object',
            properties: {
              users: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    name: { type: 'string' },
                    title: { type: 'string' },
                    unitId: { type: 'string' },
                    unitName: { type: 'string' },
                    roles: { type: 'array', items: { type: 'string' } },
                    roleNames: { type: 'array', items: { type: 'string' } },
                    capabilities: { type: 'array', items: { type: 'string' } },
                    handlesUnit: { type: 'boolean' },
                  },
                },
              },
            },
          },
        },
      },
    },
    async () => {
      if (!demoEnabled(ctx)) throw notFound('当前部署未启用演示登录', 'DEMO_LOGIN_DISABLED');
      const users = ctx.dir.snapshot.people.map((p) => {
        const pr = ctx.dir.principal(p.id)!;
        return { id: p.id, name: p.name, title: p.title, unitId: p.unitId, unitName: pr.unitName, roles: pr.roles, roleNames: pr.roles.map(roleName), capabilities: pr.capabilities, handlesUnit: pr.handlesUnit };
      });
      return { users };
    },
  );

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: '演示登录：以某用户身份登录，返回令牌',
        body: {
          type: 'object',
          required: ['userId'],
          additionalProperties: false,
          properties: { userId: { type: 'string', minLength: 1, maxLength: 64 } },
        },
        response: {
          200: { type: 'object', properties: { token: { type: 'string' }, expiresAt: { type: 'number' }, user: principalSchema } },
          404: errorSchema,
        },
      },
    },
    async (req) => {
      if (!demoEnabled(ctx)) throw notFound('当前部署未启用演示登录', 'DEMO_LOGIN_DISABLED');
      const { userId } = req.body as { userId: string };
      const principal = ctx.dir.principal(userId);
      if (!principal) throw new AppError('UNKNOWN_USER', '用户不存在', { status: 404 });
      const { token, expiresAt } = await ctx.tokens.issue(userId, 'demo');
      return { token, expiresAt, user: me(principal) };
    },
  );

  const tokenAnswer = { type: 'object', properties: { token: { type: 'string' }, expiresAt: { type: 'number' }, user: principalSchema, target: { type: 'string' } } } as const;

  app.get(
    '/api/auth/config',
    {
      schema: {
        tags: ['auth'],
        summary: '登录方式：演示登录，或经 OA 单点登录（OIDC / CAS）',
        security: [],
        response: { 200: { type: 'object', properties: { demo: { type: 'boolean' }, sso: { type: 'array', items: { type: 'string' } }, tokenAlg: { type: 'string' }, ttlMs: { type: 'number' } } } },
      },
    },
    async () => ({ demo: demoEnabled(ctx), sso: ctx.sso.map((p) => p.name), tokenAlg: ctx.tokens.alg, ttlMs: ctx.tokens.ttlMs }),
  );

  app.post(
    '/api/auth/sso/exchange',
    {
      schema: {
        tags: ['auth'],
        summary: '单点登录：以一次性登录码换取督办令牌',
        security: [],
        body: { type: 'object', required: ['code'], additionalProperties: false, properties: { code: { type: 'string', minLength: 10, maxLength: 100 } } },
        response: { 200: tokenAnswer, 401: errorSchema },
      },
    },
    async (req) => {
      const row = await useSsoCode(ctx.db, (req.body as { code: string }).code, ctx.now());
      if (!row) throw new AppError('SSO_CODE_INVALID', '登录码无效或已使用，请重新登录', { status: 401 });
      const principal = ctx.dir.principal(row.personId);
      if (!principal) throw unauthenticated();
      const { token, expiresAt } = await ctx.tokens.issue(row.personId, row.method);
      return { token, expiresAt, user: me(principal), target: row.target };
    },
  );

  app.post(
    '/api/auth/refresh',
    { schema: { tags: ['auth'], summary: '续期：以未过期的令牌换取新令牌', response: { 200: tokenAnswer, 401: errorSchema } } },
    async (req) => {
      const { token, expiresAt } = await ctx.tokens.issue(req.user.id, req.session?.amr ?? 'host');
      return { token, expiresAt, user: me(req.user) };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: '退出登录：令牌作废；经单点登录时返回 OA 的退出地址',
        response: { 200: { type: 'object', properties: { ok: { type: 'boolean' }, redirect: { type: 'string' } } } },
      },
    },
    async (req) => {
      if (req.session?.jti) await revoke(ctx.db, req.session.jti, req.session.exp);
      const provider = ctx.sso.find((p) => p.name === req.session?.amr);
      const redirect = provider?.logoutUrl ? await provider.logoutUrl(`${ctx.links.base || `${req.protocol}://${req.headers.host}`}/`) : undefined;
      return redirect ? { ok: true, redirect } : { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前登录用户', response: { 200: principalSchema, 401: errorSchema } } },
    async (req) => me(req.user),
  );
}
