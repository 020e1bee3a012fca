import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeDiagram, diagramBytesProblem, MAX_DIAGRAM_BYTES, utf8Length } from '../../engine';
import { AppError } from '../errors';
import { requireAdmin } from '../auth/auth';
import type { AppContext } from '../context';
import { errorSchema, toEnvelope } from '../http/error-handler';
import { anyObject } from '../http/schemas';
import { recordSystem } from '../admin/system-log';

const problemSchema = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    elementId: { type: 'string' },
    elementName: { type: 'string' },
    message: { type: 'string' },
    severity: { type: 'string' },
  },
} as const;

// A JSON body holds the file's text with escapes: room for them above the file limit itself.
const DIAGRAM_BODY_LIMIT = MAX_DIAGRAM_BYTES * 2 + 64 * 1024;

/** Refuse a diagram over the size limit, with the message the engine gives. */
function refuseOversized(xml: string): void {
  const problem = diagramBytesProblem(utf8Length(xml));
  if (problem) throw new AppError('DIAGRAM_TOO_LARGE', problem.message, { status: 413 });
}

// A body over the route's limit never reaches the handler: it gets the diagram message too.
function diagramErrors(err: unknown, req: FastifyRequest, reply: FastifyReply): void {
  const code = (err as { code?: string })?.code;
  const length = Number(req.headers['content-length'] ?? 0);
  const error = code === 'FST_ERR_CTP_BODY_TOO_LARGE'
    ? new AppError('DIAGRAM_TOO_LARGE', diagramBytesProblem(Math.max(length, MAX_DIAGRAM_BYTES + 1))!.message, { status: 413, cause: err })
    : err;
  const { status, body } = toEnvelope(error);
  if (status >= 500) req.log.error({ err }, 'request failed');
  void reply.status(status).send(body);
}

/** Deploying (admins, linted first) and listing process definitions. */
export async function definitionRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/api/definitions',
    { schema: { tags: ['definitions'], summary: '已部署的流程（每个流程的最新版本）', response: { 200: { type: 'object', properties: { rows: { type: 'array', items: anyObject } } } } } },
    async () => ({ rows: await ctx.definitions.list() }),
  );
  app.get(
    '/api/definitions/:key',
    {
      schema: {
        tags: ['definitions'],
        summary: '流程定义（最新版本或指定版本），含 BPMN XML',
        params: { type: 'object', required: ['key'], properties: { key: { type: 'string', maxLength: 100 } } },
        querystring: { type: 'object', properties: { version: { type: 'integer', minimum: 1 } } },
        response: { 200: anyObject, 404: errorSchema },
      },
    },
    async (req) => {
      const { key } = req.params as { key: string };
      const { version } = req.query as { version?: number };
      const d = await ctx.definitions.get(key, version);
      return { key: d.key, version: d.version, name: d.name, xml: d.xml, meta: d.meta, deployedBy: d.deployedBy, deployedAt: d.deployedAt };
    },
  );
  // Deploy and lint take a diagram as JSON `{ xml }` or as the file itself (application/xml, its encoding read from its declaration).
  await app.register(async (scope) => {
    scope.addContentTypeParser(['application/xml', 'text/xml', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: DIAGRAM_BODY_LIMIT }, (_req, body, done) => {
      const decoded = decodeDiagram(new Uint8Array(body as Buffer));
      if (decoded.problem) done(new AppError('DIAGRAM_ENCODING', decoded.problem.message, { status: 400, details: { code: decoded.problem.code } }), undefined);
      else done(null, { xml: decoded.xml });
    });
    const diagramBody = { type: 'object', required: ['xml'], additionalProperties: false, properties: { xml: { type: 'string', minLength: 1 } } } as const;

    scope.post(
      '/api/definitions',
      {
        bodyLimit: DIAGRAM_BODY_LIMIT,
        errorHandler: diagramErrors,
        schema: {
          tags: ['definitions'],
          summary: '部署流程（先校验，有错误则拒绝并返回问题清单）；仅管理员',
          body: diagramBody,
          response: {
            201: {
              type: 'object',
              properties: {
                deployed: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, version: { type: 'integer' }, name: { type: 'string' }, unchanged: { type: 'boolean' } } } },
                warnings: { type: 'array', items: problemSchema },
              },
            },
            403: errorSchema,
            413: errorSchema,
            422: errorSchema,
          },
        },
      },
      async (req, reply) => {
        requireAdmin(req.user);
        const { xml } = req.body as { xml: string };
        refuseOversized(xml);
        const result = await ctx.definitions.deploy(xml, req.user.id, ctx.now());
        for (const d of result.deployed.filter((x) => !x.unchanged)) {
          await recordSystem(ctx.db, req.user, 'definition.deploy', `${d.name}（${d.key}）第 ${d.version} 版`, { key: d.key, version: d.version }, ctx.now());
        }
        return reply.status(201).send(result);
      },
    );
    scope.post(
      '/api/definitions/lint',
      {
        bodyLimit: DIAGRAM_BODY_LIMIT,
        errorHandler: diagramErrors,
        schema: {
          tags: ['definitions'],
          summary: '校验流程（不部署）；仅管理员',
          body: diagramBody,
          response: { 200: { type: 'object', properties: { problems: { type: 'array', items: problemSchema } } }, 403: errorSchema, 413: errorSchema },
        },
      },
      async (req) => {
        requireAdmin(req.user);
        const { xml } = req.body as { xml: string };
        refuseOversized(xml);
        return { problems: await ctx.definitions.lint(xml) };
      },
    );
  });

  app.get(
    '/api/forms',
    { schema: { tags: ['forms'], summary: '已部署的表单', response: { 200: { type: 'object', properties: { rows: { type: 'array', items: anyObject } } } } } },
    async () => ({ rows: await ctx.forms.list() }),
  );
  app.get(
    '/api/forms/:key',
    {
      schema: {
        tags: ['forms'],
        summary: '表单定义（最新版本）',
        params: { type: 'object', required: ['key'], properties: { key: { type: 'string', maxLength: 100 } } },
        response: { 200: anyObject, 404: errorSchema },
      },
    },
    async (req) => ctx.forms.get((req.params as { key: string }).key),
  );
  app.post(
    '/api/forms',
    {
      schema: {
        tags: ['forms'],
        summary: '部署表单（校验后成为新版本）；仅管理员',
        body: { type: 'object', required: ['key', 'name', 'version', 'schema'], additionalProperties: true, properties: { key: { type: 'string', minLength: 1, maxLength: 100 }, name: { type: 'string' }, version: { type: 'integer' }, schema: { type: 'object' } } },
        response: { 201: { type: 'object', properties: { key: { type: 'string' }, version: { type: 'integer' }, unchanged: { type: 'boolean' } } }, 403: errorSchema, 422: errorSchema },
      },
    },
    async (req, reply) => {
      requireAdmin(req.user);
      const result = await ctx.forms.deploy(JSON.stringify(req.body), req.user.id, ctx.now());
      if (!result.unchanged) {
        const { name } = req.body as { name?: string };
        await recordSystem(ctx.db, req.user, 'form.deploy', `${name ?? result.key}（${result.key}）第 ${result.version} 版`, { key: result.key, version: result.version }, ctx.now());
      }
      return reply.status(201).send(result);
    },
  );
}
