import { createReadStream, statSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { requireAdmin } from '../auth/auth';
import type { AppContext } from '../context';
import { notFound } from '../errors';
import { errorSchema } from '../http/error-handler';
import { sendFile } from '../http/send-file';
import { recordSystem } from './system-log';

const backupInfo = {
  type: 'object',
  properties: { name: { type: 'string' }, bytes: { type: 'integer' }, createdAt: { type: 'integer' } },
} as const;
const nameParams = { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1, maxLength: 100 } } } as const;

/** Backups of the embedded SQLite database: list, make one now, download one. Administrators only. */
export async function backupRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { backups } = ctx;

  app.get(
    '/api/admin/backups',
    {
      schema: {
        tags: ['admin'],
        summary: '数据备份列表（最新在前）；仅管理员。PostgreSQL 数据库由数据库管理员备份，supported 为 false',
        response: {
          200: { type: 'object', properties: { supported: { type: 'boolean' }, dir: { type: 'string' }, keep: { type: 'integer' }, rows: { type: 'array', items: backupInfo } } },
          403: errorSchema,
        },
      },
    },
    async (req) => {
      requireAdmin(req.user);
      return { supported: backups.supported, dir: backups.supported ? backups.dir : '', keep: backups.keep, rows: backups.list() };
    },
  );

  app.post(
    '/api/admin/backups',
    {
      schema: {
        tags: ['admin'],
        summary: '立即备份：在运行中复制一份一致的数据库文件并校验，超出保留份数的旧备份随之删除；仅管理员',
        response: { 201: backupInfo, 403: errorSchema, 409: errorSchema, 500: errorSchema },
      },
    },
    async (req, reply) => {
      requireAdmin(req.user);
      const backup = await backups.create();
      req.log.info({ backup: backup.name, bytes: backup.bytes, by: req.user.id }, 'database backed up');
      await recordSystem(ctx.db, req.user, 'backup.create', backup.name, { bytes: backup.bytes }, ctx.now());
      return reply.status(201).send(backup);
    },
  );

  app.get(
    '/api/admin/backups/:name',
    { schema: { tags: ['admin'], summary: '下载一份备份（SQLite 数据库文件）；仅管理员', params: nameParams, response: { 403: errorSchema, 404: errorSchema } } },
    async (req, reply) => {
      requireAdmin(req.user);
      const { name } = req.params as { name: string };
      const path = backups.path(name);
      if (!path) throw notFound('备份文件不存在', 'BACKUP_NOT_FOUND');
      await recordSystem(ctx.db, req.user, 'backup.download', name, {}, ctx.now());
      return sendFile(reply.header('content-length', statSync(path).size), name, 'application/vnd.sqlite3', createReadStream(path));
    },
  );
}
