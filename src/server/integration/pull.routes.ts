import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IDENTIFIER_KINDS } from '../../host/HostAdapter';
import type { AppContext } from '../context';
import { AppError, notFound } from '../errors';
import { errorSchema } from '../http/error-handler';
import { listTodos } from '../tasks/task.repository';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The pull API, for portals that pull rather than receive: a person's open to-dos and their count,
 * authenticated by the host's API key (`Authorization: Bearer <key>`), the person named by any of their
 * host identifiers.
 */
export async function hostPullRoutes(app: FastifyInstance, ctx: AppContext, apiKey: string | undefined): Promise<void> {
  const check = (req: FastifyRequest) => {
    if (!apiKey) throw notFound('当前部署未启用待办拉取接口', 'PULL_API_DISABLED');
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!given || !timingSafeEqual(digest(given), digest(apiKey))) throw new AppError('HOST_KEY_INVALID', '接口密钥无效', { status: 401 });
    const { user, kind } = req.query as { user: string; kind?: string };
    const person = ctx.dir.findByIdentifier(user, kind as 'login' | undefined);
    const principal = person && ctx.dir.principal(person.id);
    if (!principal) throw notFound(`通讯录中没有用户“${user}”`, 'UNKNOWN_USER');
    return principal;
  };
  const query = {
    type: 'object',
    required: ['user'],
    properties: {
      user: { type: 'string', minLength: 1, maxLength: 100 },
      kind: { type: 'string', enum: ['id', ...IDENTIFIER_KINDS] },
      limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    },
  } as const;

  app.get(
    '/api/host/todos',
    {
      schema: {
        tags: ['host'],
        summary: '待办拉取：某人的待办及数量（OA 门户以接口密钥调用）',
        security: [{ bearer: [] }],
        querystring: query,
        response: {
          200: {
            type: 'object',
            properties: {
              userId: { type: 'string' },
              count: { type: 'integer' },
              todos: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    title: { type: 'string' },
                    itemTitle: { type: 'string' },
                    stepName: { type: 'string' },
                    procedureName: { type: 'string' },
                    dueDate: { type: ['string', 'null'] },
                    createdAt: { type: 'number' },
                    pcUrl: { type: 'string' },
                    mobileUrl: { type: 'string' },
                  },
                },
              },
            },
          },
          401: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (req) => {
      const p = check(req);
      const { limit } = req.query as { limit: number };
      const { rows, total } = await listTodos(ctx.db, p, limit, 0);
      return {
        userId: p.id,
        count: total,
        todos: rows.map((r) => {
          const target = `/tasks/${encodeURIComponent(r.id)}`;
          return {
            id: r.id,
            title: `${r.name}：${r.itemTitle}`,
            itemTitle: r.itemTitle,
            stepName: r.name,
            procedureName: r.procedureName,
            dueDate: r.dueDate,
            createdAt: r.createdAt,
            pcUrl: ctx.links.entry(target),
            mobileUrl: ctx.links.entry(target, 'mobile'),
          };
        }),
      };
    },
  );

  app.get(
    '/api/host/todos/count',
    {
      schema: {
        tags: ['host'],
        summary: '待办拉取：某人的待办数量',
        security: [{ bearer: [] }],
        querystring: query,
        response: { 200: { type: 'object', properties: { userId: { type: 'string' }, count: { type: 'integer' } } }, 401: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      const p = check(req);
      const { total } = await listTodos(ctx.db, p, 1, 0);
      return { userId: p.id, count: total };
    },
  );
}
