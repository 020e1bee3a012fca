import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { anyObject, dateString } from '../http/schemas';
import { punctuality } from './stats.service';

const row = { type: 'object', properties: { key: { type: 'string' }, name: { type: 'string' }, total: { type: 'integer' }, onTime: { type: 'integer' }, late: { type: 'integer' }, running: { type: 'integer' }, overdue: { type: 'integer' } } } as const;

/** Statistics: on-time rate by unit and by procedure. */
export async function statsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/stats/punctuality',
    {
      schema: {
        tags: ['stats'],
        summary: '按期办结统计：按单位、按流程（登记时间区间）',
        querystring: { type: 'object', additionalProperties: false, properties: { from: dateString, to: dateString, procedure: { type: 'string', maxLength: 100 } } },
        response: { 200: { type: 'object', properties: { totals: row, byUnit: { type: 'array', items: row }, byProcedure: { type: 'array', items: row } } }, 400: anyObject },
      },
    },
    async (req) => punctuality(ctx, req.user, req.query as { from?: string; to?: string; procedure?: string }),
  );
}
