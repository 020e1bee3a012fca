import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import { Ajv } from 'ajv';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { HostAdapter } from '../host/HostAdapter';
import { SessionTokens } from '../host/token';
import { ssoRoutes } from './auth/sso.routes';
import type { SsoProvider } from './auth/sso/provider';
import { Links } from './integration/links';
import { hostPullRoutes } from './integration/pull.routes';
import { inlineScriptHashes, installSecurityHeaders, type SecuritySettings } from './http/security';
import type { UploadSettings } from './attachments/upload-check';
import { attachmentRoutes, MAX_UPLOAD_BYTES } from './attachments/attachment.routes';
import { installAuth } from './auth/auth';
import { backupRoutes } from './admin/backup.routes';
import { authRoutes } from './auth/auth.routes';
import { CalendarService } from './calendar/calendar.service';
import { calendarRoutes } from './calendar/calendar.routes';
import type { AppContext } from './context';
import { GroupCommit } from './db/group-commit';
import { Backups } from './db/backup';
import { databaseFile, type Db } from './db/database';
import { dialectOf } from './db/dialect';
import { definitionRoutes } from './definitions/definition.routes';
import { DefinitionService } from './definitions/definition.service';
import { DirectoryService } from './directory/directory.service';
import { directoryRoutes } from './directory/directory.routes';
import { notFound } from './errors';
import { loadPolicy, type Policy } from './policy/policy';
import { FormService } from './forms/form.service';
import { installErrorHandler, toEnvelope } from './http/error-handler';
import { InstanceService } from './workflow/instance.service';
import { itemRoutes } from './items/item.routes';
import { ItemService } from './items/item.service';
import { jobStats } from './scheduler/job.repository';
import { Scheduler, type SchedulerOptions } from './scheduler/scheduler';
import { DocumentWorker, type DocumentWorkerOptions } from './documents/document.worker';
import { documentRoutes } from './documents/document.routes';
import { LibreOfficeRenderer, type PdfRenderer } from './documents/render/pdf';
import { statsRoutes } from './stats/stats.routes';
import { evaluationRoutes } from './evaluation/evaluation.routes';
import { taskRoutes } from './tasks/task.routes';
import { TaskService } from './tasks/task.service';

/** Options of buildApp. */
export interface BuildAppOptions {
  db: Db;
  host: HostAdapter;
  /** The clock; tests pass their own. */
  now?: () => number;
  /** Fastify logger setting (default off). */
  logger?: FastifyServerOptions['logger'];
  /** Pull the directory from the host at start (default true). */
  syncDirectory?: boolean;
  /** Serve the built web app from this folder with SPA fallback. */
  staticDir?: string;
  /** Largest JSON body in bytes (default 1 MiB). */
  bodyLimit?: number;
  scheduler?: SchedulerOptions;
  /** This process's id (recorded on fired timers). */
  nodeId?: string;
  /** Origins allowed to call the API from a browser (the OA mounting the web app as a micro-app). */
  corsOrigins?: string[];
  /** SQLite backups: the folder (default `backups` beside the database file) and how many to keep (default 14). */
  backups?: { dir?: string; keep?: number };
  /** Who may do what (default: `processes/policy.json`, or DUBAN_POLICY_FILE). */
  policy?: Policy;
  /** The PDF renderer (default: LibreOffice when installed). */
  pdf?: PdfRenderer;
  documents?: DocumentWorkerOptions;
  /** Duban's session tokens (default: HS256 with a random secret, so tokens die with the process). */
  tokens?: SessionTokens;
  /** How people reach Duban, e.g. https://duban.qinghe.gov.cn (to-do links become absolute). */
  publicUrl?: string;
  /** The host's single sign-on (OIDC, CAS); with one, the demo login is off. */
  sso?: SsoProvider[];
  /** The key portals send as `Authorization: Bearer …` to the pull API (`/api/host/…`); absent: the pull API is off. */
  pullApiKey?: string;
  /** Security headers: frame-ancestors and friends. */
  security?: SecuritySettings;
  /** Which uploads are accepted, judged by content. */
  uploads?: UploadSettings;
}

/** Everything a running server is made of, for main.ts and tests. */
export interface BuiltApp {
  app: FastifyInstance;
  ctx: AppContext;
  instances: InstanceService;
  tasks: TaskService;
  items: ItemService;
  scheduler: Scheduler;
  /** PDFs and the host's seal service, off the actions' transactions. */
  documents: DocumentWorker;
}

// Bodies are validated strictly (no type coercion, unknown properties refused);
// query strings and path parameters are strings on the wire and are coerced.
const strictAjv = new Ajv({ allErrors: true, coerceTypes: false, removeAdditional: false, useDefaults: true, strict: false });
const coercingAjv = new Ajv({ allErrors: true, coerceTypes: 'array', removeAdditional: false, useDefaults: true, strict: false });

/** Build the Duban HTTP API (not listening yet). */
export async function buildApp(options: BuildAppOptions): Promise<BuiltApp> {
  const { db, host } = options;
  const now = options.now ?? Date.now;
  const policy = options.policy ?? loadPolicy();
  const dir = new DirectoryService(db, host, policy);
  if (options.syncDirectory === false) await dir.load();
  else await dir.sync({ now: now() });
  const calendar = new CalendarService(db);
  await calendar.load();
  const forms = new FormService(db);
  const definitions = new DefinitionService(db, forms);
  const writer = dialectOf(db) === 'sqlite' ? new GroupCommit(db) : undefined;
  const file = databaseFile(db);
  const backups = new Backups({ file, dir: options.backups?.dir ?? (file ? join(dirname(file), 'backups') : ''), keep: options.backups?.keep });
  const tokens = options.tokens ?? (await SessionTokens.create({ alg: 'HS256', secret: randomBytes(32).toString('hex') }, { now }));
  const sso = options.sso ?? [];
  const links = new Links({ publicUrl: options.publicUrl, sso: sso[0]?.name });
  const ctx: AppContext = { db, host, tokens, links, sso, dir, calendar, forms, definitions, now, nodeId: options.nodeId ?? `node-${randomUUID().slice(0, 8)}`, writer, backups };
  const instances = new InstanceService(ctx);
  const tasks = new TaskService(ctx, instances);
  const items = new ItemService(ctx);
  const scheduler = new Scheduler(ctx, instances, options.scheduler);

  const app = Fastify({ logger: options.logger ?? false, bodyLimit: options.bodyLimit ?? 1024 * 1024 });
  const documents = new DocumentWorker(ctx, options.pdf ?? new LibreOfficeRenderer(), { log: app.log, ...options.documents });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strictAjv : coercingAjv).compile(schema));
  installErrorHandler(app);
  const indexHtml = options.staticDir ? join(options.staticDir, 'index.html') : undefined;
  const scriptHashes = indexHtml && existsSync(indexHtml) ? inlineScriptHashes(readFileSync(indexHtml, 'utf8')) : [];
  installSecurityHeaders(app, { ...options.security, corsOrigins: options.corsOrigins, scriptHashes });
  const origins = new Set(options.corsOrigins ?? []);
  if (origins.size) {
    app.addHook('onRequest', async (req, reply) => {
      const origin = req.headers.origin;
      if (!origin || !origins.has(origin)) return;
      reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      if (req.method === 'OPTIONS') {
        return reply
          .header('access-control-allow-methods', 'GET,POST,PUT,DELETE,OPTIONS')
          .header('access-control-allow-headers', 'authorization,content-type')
          .header('access-control-max-age', '600')
          .status(204)
          .send();
      }
    });
  }

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '督办 Duban API', description: '县政府督查工作制度的流程与表单服务。错误统一返回 { error: { code, message, fields? } }。', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  installAuth(app, { db, host, dir, tokens });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Duban's public signing keys (ES256), so a host verifies Duban's session tokens with any JWT library.
  app.get('/.well-known/jwks.json', { schema: { hide: true } }, async (_req, reply) => reply.header('cache-control', 'public, max-age=300').send(tokens.jwks()));
  await ssoRoutes(app, ctx, sso);
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查',
        security: [],
        response: { 200: { type: 'object', properties: { ok: { type: 'boolean' }, database: { type: 'string' }, host: { type: 'string' }, outbox: { type: 'object', additionalProperties: true } } } },
      },
    },
    async () => ({ ok: true, database: dialectOf(db), host: host.name, outbox: await jobStats(db) }),
  );

  await app.register(async (api) => {
    await authRoutes(api, ctx);
    await directoryRoutes(api, ctx);
    await definitionRoutes(api, ctx);
    await calendarRoutes(api, ctx);
    await itemRoutes(api, items, instances);
    await taskRoutes(api, tasks);
    await attachmentRoutes(api, ctx, options.uploads);
    await hostPullRoutes(api, ctx, options.pullApiKey);
    await statsRoutes(api, ctx);
    await evaluationRoutes(api, ctx);
    await (await import('./admin/admin.routes')).adminRoutes(api, ctx);
    await (await import('./forms/form-usage.routes')).formUsageRoutes(api, ctx);
    await backupRoutes(api, ctx);
    await documentRoutes(api, ctx, documents);
  });

  const staticDir = options.staticDir;
  const index = staticDir ? join(staticDir, 'index.html') : undefined;
  if (staticDir && existsSync(staticDir)) {
    await app.register(fastifyStatic, { root: staticDir, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api') {
      const { status, body } = toEnvelope(notFound('接口不存在', 'ROUTE_NOT_FOUND'));
      return reply.status(status).send(body);
    }
    // SPA fallback: any other GET serves the web app's index.html.
    if (req.method === 'GET' && index && existsSync(index)) return reply.type('text/html; charset=utf-8').send(readFileSync(index));
    if (req.method === 'GET') {
      return reply
        .type('text/html; charset=utf-8')
        .send('<!doctype html><meta charset="utf-8"><title>督办</title><p>督办服务已启动，前端尚未构建（请先执行 npm run build）。接口文档：<a href="/api/openapi.json">/api/openapi.json</a></p>');
    }
    const { status, body } = toEnvelope(notFound('资源不存在'));
    return reply.status(status).send(body);
  });

  return { app, ctx, instances, tasks, items, scheduler, documents };
}
