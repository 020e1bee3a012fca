import type { FastifyInstance } from 'fastify';
import { EmbeddedHost } from '../../host/EmbeddedHost';
import type { AppContext } from '../context';
import { AppError, notFound } from '../errors';
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

/** Demo login (embedded host only) and the current user. */
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
      if (!(ctx.host instanceof EmbeddedHost)) throw notFound('当前部署未启用演示登录', 'DEMO_LOGIN_DISABLED');
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
      if (!(ctx.host instanceof EmbeddedHost)) throw notFound('当前部署未启用演示登录', 'DEMO_LOGIN_DISABLED');
      const { userId } = req.body as { userId: string };
      const principal = ctx.dir.principal(userId);
      if (!principal) throw new AppError('UNKNOWN_USER', '用户不存在', { status: 404 });
      const { token, expiresAt } = ctx.host.issueToken(userId);
      return { token, expiresAt, user: me(principal) };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前登录用户', response: { 200: principalSchema, 401: errorSchema } } },
    async (req) => me(req.user),
  );
}
