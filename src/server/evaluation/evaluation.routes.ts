import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { anyObject, idParams } from '../http/schemas';
import { appealsOf, breakdown, decideAppeal, exportYear, fileAppeal, getScheme, listYears, saveQualitative, saveScheme, yearView } from './evaluation.service';

const yearParams = { type: 'object', required: ['year'], properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } } } as const;
const yearUnitParams = { type: 'object', required: ['year', 'unitId'], properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 }, unitId: { type: 'string', minLength: 1, maxLength: 100 } } } as const;
const errors = { 400: anyObject, 403: anyObject, 404: anyObject, 409: anyObject, 422: anyObject };

/** 绩效评估 (P4): schemes, the year's standings, breakdowns, qualitative scores, appeals, export. */
export async function evaluationRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/api/evaluation/years', { schema: { tags: ['evaluation'], summary: '有评估方案的年度', response: { 200: anyObject } } }, async () => listYears(ctx));

  app.get(
    '/api/evaluation/years/:year/scheme',
    { schema: { tags: ['evaluation'], summary: '年度评估方案（某一版本或最新版本；尚无方案时给出初始方案）', params: yearParams, querystring: { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 } } }, response: { 200: anyObject, ...errors } } },
    async (req) => {
      const { year } = req.params as { year: number };
      return getScheme(ctx, req.user, year, (req.query as { version?: number }).version);
    },
  );

  app.put(
    '/api/evaluation/years/:year/scheme',
    { schema: { tags: ['evaluation'], summary: '保存评估方案的新版本（县绩效办）', params: yearParams, body: anyObject, response: { 200: anyObject, ...errors } } },
    async (req) => saveScheme(ctx, req.user, (req.params as { year: number }).year, req.body),
  );

  app.get(
    '/api/evaluation/years/:year',
    { schema: { tags: ['evaluation'], summary: '年度得分与排位（年内实时；公布后为公布结果）', params: yearParams, response: { 200: anyObject, ...errors } } },
    async (req) => yearView(ctx, req.user, (req.params as { year: number }).year),
  );

  app.get(
    '/api/evaluation/years/:year/units/:unitId',
    { schema: { tags: ['evaluation'], summary: '单位得分明细：各指标与每一条考核事件', params: yearUnitParams, response: { 200: anyObject, ...errors } } },
    async (req) => {
      const { year, unitId } = req.params as { year: number; unitId: string };
      return breakdown(ctx, req.user, year, unitId);
    },
  );

  app.put(
    '/api/evaluation/years/:year/qualitative',
    {
      schema: {
        tags: ['evaluation'],
        summary: '录入定性评价（评价人本人）',
        params: yearParams,
        body: {
          type: 'object',
          required: ['entries'],
          additionalProperties: false,
          properties: {
            entries: {
              type: 'array',
              maxItems: 5000,
              items: { type: 'object', required: ['indicatorId', 'unitId', 'score'], additionalProperties: false, properties: { indicatorId: { type: 'string', maxLength: 40 }, unitId: { type: 'string', maxLength: 100 }, score: { type: 'number' } } },
            },
          },
        },
        response: { 200: anyObject, ...errors },
      },
    },
    async (req) => saveQualitative(ctx, req.user, (req.params as { year: number }).year, (req.body as { entries: { indicatorId: string; unitId: string; score: number }[] }).entries),
  );

  app.get(
    '/api/evaluation/years/:year/appeals',
    { schema: { tags: ['evaluation'], summary: '年度申诉（县绩效办看全部，单位看本单位）', params: yearParams, response: { 200: anyObject, ...errors } } },
    async (req) => appealsOf(ctx, req.user, (req.params as { year: number }).year),
  );

  app.post(
    '/api/evaluation/events/:id/appeal',
    {
      schema: {
        tags: ['evaluation'],
        summary: '对本单位的一条考核事件提出申诉',
        params: idParams,
        body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', maxLength: 2000 }, attachments: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 100 } } } },
        response: { 201: anyObject, ...errors },
      },
    },
    async (req, reply) => {
      const r = await fileAppeal(ctx, req.user, (req.params as { id: string }).id, req.body as { reason: string; attachments?: string[] });
      return reply.code(201).send(r);
    },
  );

  app.post(
    '/api/evaluation/appeals/:id/decision',
    {
      schema: {
        tags: ['evaluation'],
        summary: '裁定申诉：维持或撤销该事件（县绩效办）',
        params: idParams,
        body: { type: 'object', required: ['decision', 'reason'], additionalProperties: false, properties: { decision: { type: 'string', enum: ['kept', 'voided'] }, reason: { type: 'string', maxLength: 2000 } } },
        response: { 200: anyObject, ...errors },
      },
    },
    async (req) => decideAppeal(ctx, req.user, (req.params as { id: string }).id, req.body as { decision: 'kept' | 'voided'; reason: string }),
  );

  app.get(
    '/api/evaluation/years/:year/export',
    { schema: { tags: ['evaluation'], summary: '导出年度得分与排位（Excel）', params: yearParams } },
    async (req, reply) => {
      const { year } = req.params as { year: number };
      const buf = await exportYear(ctx, req.user, year);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="evaluation-${year}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${year}年度绩效评估.xlsx`)}`)
        .send(buf);
    },
  );
}
