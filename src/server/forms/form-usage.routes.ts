/** Route of the form designer: where each field of a deployed form is used, and the steps that use the form. */
import type { FastifyInstance } from 'fastify';
import { requireAdmin } from '../auth/auth';
import type { AppContext } from '../context';
import { errorSchema } from '../http/error-handler';
import { anyObject } from '../http/schemas';
import { formUsages } from './form-usage.service';

const keyParams = { type: 'object', required: ['key'], properties: { key: { type: 'string', minLength: 1, maxLength: 100 } } } as const;

/** Register `GET /api/admin/forms/:key/usages`. */
export async function formUsageRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/admin/forms/:key/usages',
    {
      schema: {
        tags: ['admin'],
        summary: '表单各字段的使用位置（流程字段权限、流转条件、流程变量、公文、已填数据）及使用该表单的流程环节；仅管理员',
        params: keyParams,
        response: { 200: anyObject, 403: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      requireAdmin(req.user);
      const { key } = req.params as { key: string };
      return formUsages(ctx, await ctx.forms.get(key));
    },
  );
}
