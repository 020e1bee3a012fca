/**
 * Routes of the administration pages that the core domains do not offer: process
 * versions with the items running on each, form versions, open deadlines (to show
 * what a calendar change would move) and the role mapping of the embedded host.
 */
import type { FastifyInstance } from 'fastify';
import { requireAdmin } from '../auth/auth';
import type { AppContext } from '../context';
import { AppError, notFound } from '../errors';
import { errorSchema } from '../http/error-handler';
import { anyObject, pageQuery, pagedList } from '../http/schemas';
import type { InstanceState } from '../../engine';
import { definitionVersions, findFormVersion, formVersions, openDeadlines, runningInstances, versionUsage } from './admin.repository';
import { applyStoredMapping, mappedRoles, mappingEditable, resetMapping, saveMapping, storedMapping, type RoleMapping } from './roles.service';
import { listSystemLog, recordSystem, SYSTEM_ACTIONS } from './system-log';

const keyParams = { type: 'object', required: ['key'], properties: { key: { type: 'string', minLength: 1, maxLength: 100 } } } as const;
const rows = { type: 'object', properties: { rows: { type: 'array', items: anyObject } } } as const;
const MAX_DEADLINES = 5000;

/** Counts per status of the items on one version. */
function tally(usage: { key: string; version: number; status: string; items: number }[], key: string, version: number) {
  const out = { running: 0, completed: 0, terminated: 0 };
  for (const u of usage) if (u.key === key && u.version === version && u.status in out) out[u.status as keyof typeof out] += u.items;
  return out;
}

/** Register the admin routes (and lay the stored role mapping over the directory). */
export async function adminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await applyStoredMapping(ctx);

  app.get(
    '/api/admin/definitions/usage',
    { schema: { tags: ['admin'], summary: '各流程各版本上的事项数（运行中、已办结、已终止）；仅管理员', response: { 200: rows, 403: errorSchema } } },
    async (req) => {
      requireAdmin(req.user);
      const usage = await versionUsage(ctx.db);
      const seen = new Map<string, { key: string; version: number; running: number; completed: number; terminated: number }>();
      for (const u of usage) {
        const id = `${u.key}:${u.version}`;
        if (!seen.has(id)) seen.set(id, { key: u.key, version: u.version, ...tally(usage, u.key, u.version) });
      }
      return { rows: [...seen.values()] };
    },
  );

  app.get(
    '/api/admin/definitions/:key/versions',
    { schema: { tags: ['admin'], summary: '流程的全部版本，含每个版本上运行中的事项数；仅管理员', params: keyParams, response: { 200: rows, 403: errorSchema, 404: errorSchema } } },
    async (req) => {
      requireAdmin(req.user);
      const { key } = req.params as { key: string };
      const versions = await definitionVersions(ctx.db, key);
      if (!versions.length) throw notFound(`流程“${key}”未部署`, 'DEFINITION_NOT_FOUND');
      const usage = await versionUsage(ctx.db, key);
      return {
        rows: versions.map((v) => ({ ...v, deployedByName: ctx.dir.personName(v.deployedBy), ...tally(usage, key, v.version) })),
      };
    },
  );

  app.get(
    '/api/admin/forms/:key/versions',
    { schema: { tags: ['admin'], summary: '表单的全部版本；仅管理员', params: keyParams, response: { 200: rows, 403: errorSchema, 404: errorSchema } } },
    async (req) => {
      requireAdmin(req.user);
      const { key } = req.params as { key: string };
      const versions = await formVersions(ctx.db, key);
      if (!versions.length) throw notFound(`表单“${key}”不存在`, 'FORM_NOT_FOUND');
      return { rows: versions.map((v) => ({ ...v, deployedByName: ctx.dir.personName(v.deployedBy) })) };
    },
  );

  app.get(
    '/api/admin/forms/:key/versions/:version',
    {
      schema: {
        tags: ['admin'],
        summary: '表单的某一版本；仅管理员',
        params: { type: 'object', required: ['key', 'version'], properties: { key: { type: 'string', maxLength: 100 }, version: { type: 'integer', minimum: 1 } } },
        response: { 200: anyObject, 403: errorSchema, 404: errorSchema },
      },
    },
    async (req) => {
      requireAdmin(req.user);
      const { key, version } = req.params as { key: string; version: number };
      const row = await findFormVersion(ctx.db, key, version);
      if (!row) throw notFound(`表单“${key}”第 ${version} 版不存在`, 'FORM_NOT_FOUND');
      return JSON.parse(row.schema) as Record<string, unknown>;
    },
  );

  app.get(
    '/api/admin/open-deadlines',
    {
      schema: {
        tags: ['admin'],
        summary: '在办的期限及其时限设置：未办结任务，以及正在进行的调用子流程、子流程（如承办单位办理阶段）；日历调整前查看哪些期限会变；仅管理员',
        response: { 200: rows, 403: errorSchema },
      },
    },
    async (req) => {
      requireAdmin(req.user);
      const element = async (key: string, version: number, id: string) => {
        try {
          return (await ctx.definitions.get(key, version)).model.elements[id];
        } catch (err) {
          // A version deleted by hand: the row is still listed, without its setting.
          if (err instanceof AppError && err.code === 'DEFINITION_NOT_FOUND') return undefined;
          throw err;
        }
      };
      const out: Record<string, unknown>[] = [];
      for (const r of await openDeadlines(ctx.db, MAX_DEADLINES)) {
        const el = await element(r.processKey, Number(r.version), r.elementId);
        out.push({ ...r, kind: 'task', version: Number(r.version), due: el?.due?.due, dueFrom: el?.due?.from });
      }
      // Call activities and sub-processes hold their deadline on the waiting token, not on a task.
      for (const inst of await runningInstances(ctx.db, MAX_DEADLINES)) {
        const state = JSON.parse(inst.state) as InstanceState;
        const seen = new Set<string>();
        for (const tok of Object.values(state.tokens)) {
          if ((tok.wait !== 'child' && tok.wait !== 'scope') || !tok.dueDate) continue;
          const id = `${tok.elementId}|${tok.dueDate}`;
          if (seen.has(id)) continue;
          seen.add(id);
          const el = await element(inst.processKey, Number(inst.version), tok.elementId);
          out.push({
            taskId: `${inst.instanceId}:${tok.id}`,
            kind: 'activity',
            itemId: inst.itemId,
            itemCode: inst.itemCode,
            itemTitle: inst.itemTitle,
            name: el?.name ?? tok.elementId,
            elementId: tok.elementId,
            createdAt: null,
            dueDate: tok.dueDate,
            originalDueDate: null,
            processKey: inst.processKey,
            version: Number(inst.version),
            due: el?.due?.due,
            dueFrom: el?.due?.from,
          });
        }
      }
      out.sort((a, b) => String(a.dueDate).localeCompare(String(b.dueDate)));
      return { rows: out };
    },
  );

  app.get(
    '/api/admin/roles',
    { schema: { tags: ['admin'], summary: '角色配置：各督查角色的人员、联系副主任的联系单位与权限表；仅管理员', response: { 200: anyObject, 403: errorSchema } } },
    async (req) => {
      requireAdmin(req.user);
      const snap = ctx.dir.snapshot;
      const stored = await storedMapping(ctx);
      const mapped = mappedRoles(ctx);
      const policy = ctx.dir.policy;
      return {
        editable: mappingEditable(ctx),
        host: ctx.host.name,
        customised: !!stored,
        updatedAt: stored?.updatedAt ?? null,
        updatedByName: stored ? ctx.dir.personName(stored.updatedBy) : null,
        roles: snap.roles.filter((r) => mapped.includes(r.id)),
        units: snap.units,
        people: snap.people.map((p) => ({ id: p.id, name: p.name, unitId: p.unitId, unitName: ctx.dir.unitName(p.unitId), title: p.title })),
        grants: snap.grants.filter((g) => mapped.includes(g.roleId)),
        liaisons: snap.liaisons,
        // The policy's view of the mapping: roles that need someone, roles scoped by domain, the liaison role, and who may do what.
        policy: {
          required: policy.roleMapping.required.roles,
          scoped: policy.roleMapping.scoped.roles,
          liaison: policy.assignments.liaison.role,
          capabilities: Object.entries(policy.capabilities).map(([id, c]) => ({ id, name: c.name, roles: c.roles, procedures: c.procedures ?? {} })),
          assignments: Object.entries(policy.assignments).map(([id, a]) => ({ id, name: a.name, role: a.role })),
          roleNames: Object.fromEntries(snap.roles.map((r) => [r.id, r.name])),
        },
      };
    },
  );

  const mappingBody = {
    type: 'object',
    required: ['grants', 'liaisons'],
    additionalProperties: false,
    properties: {
      grants: {
        type: 'array',
        maxItems: 5000,
        items: {
          type: 'object',
          required: ['personId', 'roleId'],
          additionalProperties: false,
          properties: { personId: { type: 'string', minLength: 1, maxLength: 64 }, roleId: { type: 'string', minLength: 1, maxLength: 10 }, scope: { type: 'string', maxLength: 100 } },
        },
      },
      liaisons: {
        type: 'array',
        maxItems: 5000,
        items: {
          type: 'object',
          required: ['personId', 'unitId'],
          additionalProperties: false,
          properties: { personId: { type: 'string', minLength: 1, maxLength: 64 }, unitId: { type: 'string', minLength: 1, maxLength: 100 } },
        },
      },
    },
  } as const;

  app.put(
    '/api/admin/roles',
    {
      schema: {
        tags: ['admin'],
        summary: '保存角色配置（内置通讯录时）并立即生效；仅管理员',
        body: mappingBody,
        response: { 200: { type: 'object', properties: { grants: { type: 'integer' }, liaisons: { type: 'integer' } } }, 403: errorSchema, 409: errorSchema, 422: errorSchema },
      },
    },
    async (req) => {
      requireAdmin(req.user);
      const saved = await saveMapping(ctx, req.body as RoleMapping, req.user.id);
      await recordSystem(ctx.db, req.user, 'roles.save', `${saved.grants.length} 项角色、${saved.liaisons.length} 项联系单位`, { grants: saved.grants, liaisons: saved.liaisons }, ctx.now());
      return { grants: saved.grants.length, liaisons: saved.liaisons.length };
    },
  );

  app.get(
    '/api/admin/system-log',
    {
      schema: {
        tags: ['admin'],
        summary: '操作日志：部署流程和表单、调整日历、角色配置、数据备份等管理操作，最新在前；仅管理员',
        querystring: { type: 'object', additionalProperties: false, properties: { ...pageQuery, action: { type: 'string', enum: Object.keys(SYSTEM_ACTIONS) } } },
        response: { 200: { ...pagedList, properties: { ...pagedList.properties, actions: anyObject } }, 400: errorSchema, 403: errorSchema },
      },
    },
    async (req) => {
      requireAdmin(req.user);
      const { page, pageSize, action } = req.query as { page: number; pageSize: number; action?: string };
      return { ...(await listSystemLog(ctx.db, { page, pageSize, action })), actions: SYSTEM_ACTIONS };
    },
  );

  app.delete(
    '/api/admin/roles',
    { schema: { tags: ['admin'], summary: '恢复通讯录中的原始角色配置；仅管理员', response: { 200: { type: 'object', properties: { ok: { type: 'boolean' } } }, 403: errorSchema, 409: errorSchema } } },
    async (req) => {
      requireAdmin(req.user);
      await resetMapping(ctx);
      await recordSystem(ctx.db, req.user, 'roles.reset', '角色配置', {}, ctx.now());
      return { ok: true };
    },
  );
}
