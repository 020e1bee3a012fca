import type { FastifyInstance } from 'fastify';
import { addDays, isDateString, SCHEDULE_EXAMPLE } from '../../engine';
import { requireAdmin } from '../auth/auth';
import type { AppContext } from '../context';
import { badRequest } from '../errors';
import { errorSchema } from '../http/error-handler';
import { anyObject, dateString } from '../http/schemas';
import { recordSystem } from '../admin/system-log';

const dayArray = {
  type: 'array',
  items: { type: 'object', properties: { date: { type: 'string' }, workday: { type: 'boolean' }, name: { type: 'string' }, provisional: { type: 'boolean' } } },
} as const;

/** The working-day calendar: query days and working-day arithmetic; admins import a year's schedule and set overrides. */
export async function calendarRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const cal = () => ctx.calendar.calendar;

  app.get(
    '/api/calendar/days',
    {
      schema: {
        tags: ['calendar'],
        summary: '查询日期区间（或整年）的工作日/节假日',
        querystring: { type: 'object', properties: { from: dateString, to: dateString, year: { type: 'integer', minimum: 1900, maximum: 9999 } } },
        response: { 200: { type: 'object', properties: { days: dayArray, publishedYears: { type: 'array', items: { type: 'integer' } } } }, 400: errorSchema },
      },
    },
    async (req) => {
      const { from, to, year } = req.query as { from?: string; to?: string; year?: number };
      let days;
      if (year) days = cal().yearDays(year);
      else {
        if (!from || !to || !isDateString(from) || !isDateString(to)) throw badRequest('请提供起止日期（from、to）或年份（year）');
        if (to < from) throw badRequest('结束日期不能早于开始日期');
        days = [];
        for (let d = from; d <= to && days.length < 400; d = addDays(d, 1)) days.push(cal().dayInfo(d));
      }
      return { days, publishedYears: cal().publishedYears() };
    },
  );
  app.get(
    '/api/calendar/workdays',
    {
      schema: {
        tags: ['calendar'],
        summary: '工作日计算：某日起第 N 个工作日；或两日之间的工作日数',
        querystring: {
          type: 'object',
          required: ['date'],
          properties: { date: dateString, add: { type: 'integer', minimum: 0, maximum: 3650 }, subtract: { type: 'integer', minimum: 0, maximum: 3650 }, to: dateString },
        },
        response: { 200: anyObject, 400: errorSchema },
      },
    },
    async (req) => {
      const { date, add, subtract, to } = req.query as { date: string; add?: number; subtract?: number; to?: string };
      if (!isDateString(date)) throw badRequest('日期无效');
      const out: Record<string, unknown> = { date, workday: cal().isWorkday(date), provisional: cal().isProvisional(date) };
      if (add !== undefined) out.result = cal().addWorkdays(date, add);
      if (subtract !== undefined) out.result = cal().subtractWorkdays(date, subtract);
      if (to !== undefined) out.workdays = cal().workdaysBetween(date, to);
      return out;
    },
  );
  app.get(
    '/api/calendar/overrides',
    { schema: { tags: ['calendar'], summary: '管理员维护的日历条目（导入的年度安排与单日调整）', response: { 200: anyObject } } },
    async () => ({ rows: await ctx.calendar.entries(), example: SCHEDULE_EXAMPLE }),
  );
  app.post(
    '/api/calendar/import',
    {
      schema: {
        tags: ['calendar'],
        summary: '导入某年的放假安排（仅管理员），替换该年数据',
        body: {
          type: 'object',
          required: ['year', 'text'],
          additionalProperties: false,
          properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 }, text: { type: 'string', minLength: 1, maxLength: 100_000 } },
        },
        response: { 200: { type: 'object', properties: { entries: { type: 'integer' } } }, 403: errorSchema, 422: errorSchema },
      },
    },
    async (req) => {
      requireAdmin(req.user);
      const { year, text } = req.body as { year: number; text: string };
      const result = await ctx.calendar.importSchedule(year, text, req.user.id, ctx.now());
      await recordSystem(ctx.db, req.user, 'calendar.import', `${year} 年放假安排`, { year, entries: result.entries }, ctx.now());
      return result;
    },
  );
  app.put(
    '/api/calendar/overrides/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: '设置某日为工作日或休息日（仅管理员）',
        params: { type: 'object', required: ['date'], properties: { date: dateString } },
        body: { type: 'object', required: ['workday'], additionalProperties: false, properties: { workday: { type: 'boolean' }, note: { type: 'string', maxLength: 100 } } },
        response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } }, 403: errorSchema },
      },
    },
    async (req) => {
      requireAdmin(req.user);
      const { date } = req.params as { date: string };
      if (!isDateString(date)) throw badRequest('日期无效');
      const { workday, note } = req.body as { workday: boolean; note?: string };
      await ctx.calendar.setOverride(date, workday, note ?? null, req.user.id, ctx.now());
      await recordSystem(ctx.db, req.user, 'calendar.override', `${date} 设为${workday ? '工作日' : '休息日'}`, { date, workday, note: note ?? null }, ctx.now());
      return { ok: true };
    },
  );
  app.delete(
    '/api/calendar/overrides/:date',
    {
      schema: {
        tags: ['calendar'],
        summary: '删除某日的调整（仅管理员）',
        params: { type: 'object', required: ['date'], properties: { date: dateString } },
        response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } }, 403: errorSchema },
      },
    },
    async (req) => {
      requireAdmin(req.user);
      const { date } = req.params as { date: string };
      const ok = await ctx.calendar.removeOverride(date);
      if (ok) await recordSystem(ctx.db, req.user, 'calendar.override.remove', date, { date }, ctx.now());
      return { ok };
    },
  );
}
