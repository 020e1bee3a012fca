import type { FastifyInstance } from 'fastify';
import { errorSchema } from '../http/error-handler';
import { anyObject, dateString, idParams, pageQuery, pagedList } from '../http/schemas';
import type { InstanceService, StartItemInput } from '../workflow/instance.service';
import type { ItemService } from './item.service';
import { LEDGER_COUNT_CAP, LEDGER_JOINED_COUNT_CAP, type LedgerFilter, type LedgerSort } from './item.repository';

/** Registering items, the ledger (台账), item detail, copies (抄送). */
export async function itemRoutes(app: FastifyInstance, items: ItemService, instances: InstanceService): Promise<void> {
  app.post(
    '/api/items',
    {
      schema: {
        tags: ['items'],
        summary: '登记督办事项并启动流程（任一已部署的流程）',
        body: {
          type: 'object',
          required: ['procedureKey', 'title'],
          additionalProperties: false,
          properties: {
            procedureKey: { type: 'string', minLength: 1, maxLength: 100 },
            title: { type: 'string', minLength: 1, maxLength: 200 },
            source: { type: 'string', maxLength: 100 },
            units: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 100 } },
            leadUnit: { type: 'string', maxLength: 100 },
            deadline: dateString,
            vars: { type: 'object', additionalProperties: true },
          },
        },
        response: {
          201: { type: 'object', properties: { itemId: { type: 'string' }, code: { type: 'string' }, instanceId: { type: 'string' } } },
          400: errorSchema,
          403: errorSchema,
          404: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (req, reply) => {
      const result = await instances.startItem(req.user, req.body as StartItemInput);
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/api/items',
    {
      schema: {
        tags: ['items'],
        summary: '督办台账：按流程、单位、状态、红黄绿灯、期限、关键字筛选，分页排序',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...pageQuery,
            procedure: { type: 'string', maxLength: 100 },
            unit: { type: 'string', maxLength: 100 },
            status: { type: 'string', enum: ['running', 'completed', 'terminated'] },
            light: { type: 'string', enum: ['green', 'yellow', 'red'] },
            dueFrom: dateString,
            dueTo: dateString,
            q: { type: 'string', maxLength: 100 },
            parent: { type: 'string', enum: ['top', 'all'], default: 'top' },
            sort: { type: 'string', enum: ['createdAt', 'dueDate', 'title', 'updatedAt'], default: 'createdAt' },
            order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
          },
        },
        response: {
          200: {
            ...pagedList,
            properties: {
              ...pagedList.properties,
              total: { type: 'integer', description: `符合条件的事项数：最多数到 ${LEDGER_COUNT_CAP}（按承办单位、关键字筛选，或由县领导和督查室以外的人员查看时，数到 ${LEDGER_JOINED_COUNT_CAP}）` },
              totalCapped: { type: 'boolean', description: '为 true 时符合条件的事项多于 total 项（界面显示为“1万+”“1000+”）' },
            },
          },
          400: errorSchema,
        },
      },
    },
    async (req) => {
      const { page, pageSize, sort, order, ...filter } = req.query as LedgerFilter & { page: number; pageSize: number; sort: LedgerSort; order: 'asc' | 'desc' };
      return items.ledger(req.user, filter, sort, order, page, pageSize);
    },
  );

  app.get(
    '/api/items/:id',
    {
      schema: {
        tags: ['items'],
        summary: '事项详情：任务、时间线、期限（原始与延期后）、审计（含校验）、公文、流程图与环节状态',
        params: idParams,
        response: { 200: anyObject, 404: errorSchema },
      },
    },
    async (req) => items.detail(req.user, (req.params as { id: string }).id),
  );

  app.get(
    '/api/items/export',
    {
      schema: {
        tags: ['items'],
        summary: '导出台账（Excel），筛选条件同台账，最多 10000 条',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            procedure: { type: 'string', maxLength: 100 },
            unit: { type: 'string', maxLength: 100 },
            status: { type: 'string', enum: ['running', 'completed', 'terminated'] },
            light: { type: 'string', enum: ['green', 'yellow', 'red'] },
            dueFrom: dateString,
            dueTo: dateString,
            q: { type: 'string', maxLength: 100 },
            token: { type: 'string' },
          },
        },
        response: { 400: errorSchema },
      },
    },
    async (req, reply) => {
      const { token: _token, ...filter } = req.query as LedgerFilter & { token?: string };
      const bytes = await items.exportLedger(req.user, filter);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent('督办台账.xlsx')}`)
        .send(bytes);
    },
  );

  app.post(
    '/api/items/:id/message',
    {
      schema: {
        tags: ['items'],
        summary: '向事项流程发送消息（如领导批示 leader-instruction）；县领导与督查室',
        params: idParams,
        body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, vars: { type: 'object', additionalProperties: true } } },
        response: { 200: anyObject, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema },
      },
    },
    async (req) => {
      const { name, vars } = req.body as { name: string; vars?: Record<string, unknown> };
      return instances.message(req.user, (req.params as { id: string }).id, name, vars);
    },
  );
  app.post(
    '/api/items/:id/terminate',
    {
      schema: {
        tags: ['items'],
        summary: '终止事项（须写明理由）；督查室主任、县政府办主任或管理员',
        params: idParams,
        body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 2000 } } },
        response: { 200: anyObject, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema },
      },
    },
    async (req) => instances.terminate(req.user, (req.params as { id: string }).id, (req.body as { reason: string }).reason),
  );

  app.get(
    '/api/copies',
    { schema: { tags: ['items'], summary: '抄送我的', querystring: { type: 'object', properties: pageQuery }, response: { 200: pagedList } } },
    async (req) => {
      const { page, pageSize } = req.query as { page: number; pageSize: number };
      return items.copies(req.user, page, pageSize);
    },
  );
  app.post(
    '/api/copies/:id/read',
    { schema: { tags: ['items'], summary: '标记抄送已读', params: idParams, response: { 200: { type: 'object', properties: { updated: { type: 'boolean' } } } } } },
    async (req) => items.readCopy(req.user, (req.params as { id: string }).id),
  );
}
