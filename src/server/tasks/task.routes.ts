import type { FastifyInstance } from 'fastify';
import { URGE_METHODS, type Assignment, type UrgeMethod } from '../../engine';
import { errorSchema } from '../http/error-handler';
import { anyObject, assignmentSchema, dateString, idParams, pageQuery, pagedList } from '../http/schemas';
import type { TaskService } from './task.service';

const actionResult = { type: 'object', properties: { taskId: { type: 'string' }, itemId: { type: 'string' }, status: { type: 'string' } } } as const;
const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };
const opinion = { type: 'string', maxLength: 5000 } as const;

/** To-do lists, task detail and every action on a task. */
export async function taskRoutes(app: FastifyInstance, tasks: TaskService): Promise<void> {
  app.get(
    '/api/tasks/todo',
    { schema: { tags: ['tasks'], summary: '我的待办', querystring: { type: 'object', properties: pageQuery }, response: { 200: pagedList } } },
    async (req) => {
      const { page, pageSize } = req.query as { page: number; pageSize: number };
      return tasks.todos(req.user, page, pageSize);
    },
  );
  app.get(
    '/api/tasks/done',
    { schema: { tags: ['tasks'], summary: '我的已办', querystring: { type: 'object', properties: pageQuery }, response: { 200: pagedList } } },
    async (req) => {
      const { page, pageSize } = req.query as { page: number; pageSize: number };
      return tasks.done(req.user, page, pageSize);
    },
  );
  app.get(
    '/api/tasks/:id',
    { schema: { tags: ['tasks'], summary: '任务详情：表单（已按本环节字段权限处理）、数据、可执行操作', params: idParams, response: { 200: anyObject, 404: errorSchema } } },
    async (req) => tasks.detail(req.user, (req.params as { id: string }).id),
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: '办理（提交）',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { outcome: { type: 'string', maxLength: 50 }, opinion, data: { type: 'object', additionalProperties: true } },
        },
        response: { 200: actionResult, ...errors },
      },
    },
    async (req) => tasks.complete(req.user, (req.params as { id: string }).id, (req.body ?? {}) as { outcome?: string; opinion?: string; data?: Record<string, unknown> }),
  );
  app.post(
    '/api/tasks/:id/send-back',
    {
      schema: {
        tags: ['tasks'],
        summary: '退回到之前的环节',
        params: idParams,
        body: { type: 'object', required: ['target', 'opinion'], additionalProperties: false, properties: { target: { type: 'string', minLength: 1, maxLength: 200 }, opinion: { ...opinion, minLength: 1 } } },
        response: { 200: actionResult, ...errors },
      },
    },
    async (req) => tasks.sendBack(req.user, (req.params as { id: string }).id, req.body as { target: string; opinion: string }),
  );
  app.post(
    '/api/tasks/:id/withdraw',
    {
      schema: {
        tags: ['tasks'],
        summary: '撤回本人已办理的环节（id 为已办任务）',
        params: idParams,
        body: { type: 'object', additionalProperties: false, properties: { opinion } },
        response: { 200: actionResult, ...errors },
      },
    },
    async (req) => tasks.withdraw(req.user, (req.params as { id: string }).id, (req.body ?? {}) as { opinion?: string }),
  );
  app.post(
    '/api/tasks/:id/reassign',
    {
      schema: {
        tags: ['tasks'],
        summary: '转办',
        params: idParams,
        body: { type: 'object', required: ['to'], additionalProperties: false, properties: { to: assignmentSchema, opinion } },
        response: { 200: actionResult, ...errors },
      },
    },
    async (req) => tasks.reassign(req.user, (req.params as { id: string }).id, req.body as { to: Assignment; opinion?: string }),
  );
  app.post(
    '/api/tasks/:id/delegate',
    {
      schema: {
        tags: ['tasks'],
        summary: '委派（办理后回到本人）',
        params: idParams,
        body: { type: 'object', required: ['to'], additionalProperties: false, properties: { to: assignmentSchema, opinion } },
        response: { 200: actionResult, ...errors },
      },
    },
    async (req) => tasks.delegate(req.user, (req.params as { id: string }).id, req.body as { to: Assignment; opinion?: string }),
  );
  app.post(
    '/api/tasks/:id/add-signer',
    {
      schema: {
        tags: ['tasks'],
        summary: '加签（前加签 / 后加签）',
        params: idParams,
        body: {
          type: 'object',
          required: ['signer', 'position'],
          additionalProperties: false,
          properties: { signer: assignmentSchema, position: { type: 'string', enum: ['before', 'after'] }, opinion },
        },
        response: { 200: actionResult, ...errors },
      },
    },
    async (req) => tasks.addSigner(req.user, (req.params as { id: string }).id, req.body as { signer: Assignment; position: 'before' | 'after'; opinion?: string }),
  );
  app.post(
    '/api/tasks/:id/urge',
    {
      schema: {
        tags: ['tasks'],
        summary: '催办',
        params: idParams,
        body: {
          type: 'object',
          required: ['method'],
          additionalProperties: false,
          properties: { method: { type: 'string', enum: Object.keys(URGE_METHODS) }, note: opinion },
        },
        response: { 200: actionResult, ...errors },
      },
    },
    async (req) => tasks.urge(req.user, (req.params as { id: string }).id, req.body as { method: UrgeMethod; note?: string }),
  );
  app.post(
    '/api/tasks/:id/extension',
    {
      schema: {
        tags: ['tasks'],
        summary: '申请延期：按流程图中该环节的延期路径审批（默认督查室主任审核、县政府办主任审定）',
        params: idParams,
        body: {
          type: 'object',
          required: ['newDue', 'reason'],
          additionalProperties: false,
          properties: { newDue: dateString, reason: { ...opinion, minLength: 1 } },
        },
        response: { 200: { type: 'object', properties: { id: { type: 'string' }, status: { type: 'string' } } }, ...errors },
      },
    },
    async (req) => tasks.requestExtension(req.user, (req.params as { id: string }).id, req.body as { newDue: string; reason: string }),
  );
}
