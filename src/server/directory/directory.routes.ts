import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';

const unitSchema = {
  type: 'object',
  properties: { id: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, domain: { type: 'string' }, sort: { type: 'number' } },
} as const;

/** The directory as the web app needs it: units, people with roles, roles with their holders. */
export async function directoryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/directory/units',
    {
      schema: {
        tags: ['directory'],
        summary: '单位列表（县直部门、乡镇、办公室）',
        querystring: { type: 'object', properties: { kind: { type: 'string', enum: ['office', 'department', 'township'] } } },
        response: {
          200: {
            type: 'object',
            properties: {
              units: {
                type: 'array',
                items: {
                  ...unitSchema,
                  properties: {
                    ...unitSchema.properties,
                    liaisons: { type: 'array', items: { type: 'string' } },
                    handlers: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const { kind } = req.query as { kind?: string };
      const snap = ctx.dir.snapshot;
      return {
        units: snap.units
          .filter((u) => !kind || u.kind === kind)
          .map((u) => ({
            ...u,
            liaisons: snap.liaisons.filter((l) => l.unitId === u.id).map((l) => l.personId),
            handlers: ctx.dir.resolve({ type: 'unit', value: u.id }),
          })),
      };
    },
  );

  app.get(
    '/api/directory/people',
    {
      schema: {
        tags: ['directory'],
        summary: '人员列表',
        querystring: {
          type: 'object',
          properties: { unitId: { type: 'string' }, role: { type: 'string' }, q: { type: 'string', maxLength: 50 } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              people: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    name: { type: 'string' },
                    unitId: { type: 'string' },
                    unitName: { type: 'string' },
                    title: { type: 'string' },
                    roles: {
                      type: 'array',
                      items: { type: 'object', properties: { roleId: { type: 'string' }, scope: { type: 'string' } } },
                    },
                    liaisonUnits: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const { unitId, role, q } = req.query as { unitId?: string; role?: string; q?: string };
      const people = ctx.dir.snapshot.people
        .map((p) => ctx.dir.principal(p.id)!)
        .filter((p) => (!unitId || p.unitId === unitId) && (!role || p.roles.includes(role)) && (!q || p.name.includes(q)));
      return {
        people: people.map((p) => ({
          id: p.id,
          name: p.name,
          unitId: p.unitId,
          unitName: p.unitName,
          title: p.title,
          roles: p.grants,
          liaisonUnits: p.liaisonUnits,
        })),
      };
    },
  );

  app.get(
    '/api/directory/roles',
    {
      schema: {
        tags: ['directory'],
        summary: '角色（R1–R15）及其人员',
        response: {
          200: {
            type: 'object',
            properties: {
              roles: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    name: { type: 'string' },
                    holders: {
                      type: 'array',
                      items: { type: 'object', properties: { personId: { type: 'string' }, name: { type: 'string' }, scope: { type: 'string' } } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    async () => {
      const snap = ctx.dir.snapshot;
      return {
        roles: snap.roles.map((r) => ({
          ...r,
          holders: snap.grants
            .filter((g) => g.roleId === r.id)
            .map((g) => ({ personId: g.personId, name: ctx.dir.personName(g.personId), scope: g.scope })),
        })),
      };
    },
  );
}
