/**
 * The Duban server process: opens the database (SQLite data/duban.sqlite by
 * default, PostgreSQL when DATABASE_URL is a postgres:// URL), syncs the
 * directory, deploys the bundled forms and diagrams on first start, serves the
 * API under /api and the built web app from dist/, and runs the scheduler.
 *
 * Environment: PORT (8000), HOST (0.0.0.0), DATABASE_URL, DATABASE_SCHEMA (PostgreSQL
 * schema, default the search path), DUBAN_SECRET (token
 * key; else kept in data/secret.key), LOG_LEVEL (info), DUBAN_SCHEDULER=off to
 * run an API-only node, DUBAN_REDEPLOY_BUNDLED=1 to deploy changed processes/*.bpmn
 * as new versions, DUBAN_CORS_ORIGINS (comma-separated origins allowed to call
 * the API, e.g. the OA that mounts the web app).
 * Backups (SQLite): a checked copy at start and then at most a day old, in
 * DUBAN_BACKUP_DIR (default data/backups), the newest DUBAN_BACKUP_KEEP (14) kept;
 * DUBAN_BACKUP=off turns the daily copy off (administrators can still make one).
 * Host OA: DUBAN_HOST=http with DUBAN_HOST_URL, DUBAN_HOST_KEY and either
 * DUBAN_HOST_TOKEN_SECRET or DUBAN_HOST_VERIFY_PATH, DUBAN_COUNTY_NAME and
 * DUBAN_COUNTY_SHORT; otherwise the embedded mock county.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { county } from '../../mock/county';
import { EmbeddedHost } from '../host/EmbeddedHost';
import type { HostAdapter } from '../host/HostAdapter';
import { HttpHost } from '../host/HttpHost';
import { buildApp } from './app';
import { createDb } from './db/database';
import { deployBundled } from './seed';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The token key: DUBAN_SECRET, else a random key kept next to the data so logins survive restarts. */
function secret(): string {
  if (process.env.DUBAN_SECRET) return process.env.DUBAN_SECRET;
  const file = resolve(process.env.DUBAN_SECRET_FILE ?? 'data/secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** The host adapter chosen by the environment. */
function host(): HostAdapter {
  const env = process.env;
  if (env.DUBAN_HOST !== 'http') return new EmbeddedHost({ secret: secret() });
  if (!env.DUBAN_HOST_URL || !env.DUBAN_HOST_KEY) throw new Error('DUBAN_HOST=http needs DUBAN_HOST_URL and DUBAN_HOST_KEY');
  return new HttpHost({
    baseUrl: env.DUBAN_HOST_URL,
    apiKey: env.DUBAN_HOST_KEY,
    tokenSecret: env.DUBAN_HOST_TOKEN_SECRET,
    verifyPath: env.DUBAN_HOST_VERIFY_PATH,
    county: { name: env.DUBAN_COUNTY_NAME ?? county.name, shortName: env.DUBAN_COUNTY_SHORT ?? county.shortName },
    seal: env.DUBAN_HOST_SEAL === 'on',
    archive: env.DUBAN_HOST_ARCHIVE === 'on',
  });
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8000);
  const db = await createDb({ url: process.env.DATABASE_URL, schema: process.env.DATABASE_SCHEMA });
  const built = await buildApp({
    db,
    host: host(),
    logger: {
      level: process.env.LOG_LEVEL ?? 'info',
      // Download links carry the login token as ?token=: keep it out of the logs.
      serializers: { req: (req) => ({ method: req.method, url: String(req.url).replace(/([?&]token=)[^&]*/g, '$1***') }) },
    },
    staticDir: join(root, 'dist'),
    corsOrigins: (process.env.DUBAN_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    backups: { dir: process.env.DUBAN_BACKUP_DIR ? resolve(process.env.DUBAN_BACKUP_DIR) : undefined, keep: process.env.DUBAN_BACKUP_KEEP ? Number(process.env.DUBAN_BACKUP_KEEP) : undefined },
  });
  const { app, ctx, scheduler, documents } = built;
  const report = await deployBundled(ctx, { forms: join(root, 'forms'), processes: join(root, 'processes') }, 'system', {
    redeploy: process.env.DUBAN_REDEPLOY_BUNDLED === '1',
  });
  const newProcesses = report.processes.flatMap((p) => p.keys);
  if (newProcesses.length) app.log.info({ processes: newProcesses }, 'deployed bundled processes');
  for (const r of report.refused) app.log.error({ file: r.file, problems: r.problems }, 'bundled file refused');

  await app.listen({ port, host: process.env.HOST ?? '0.0.0.0' });
  if (process.env.DUBAN_SCHEDULER !== 'off') {
    scheduler.start();
    await documents.start();
  }
  const stopBackups =
    ctx.backups.supported && process.env.DUBAN_BACKUP !== 'off'
      ? ctx.backups.keepDaily((r) =>
          r.ok ? app.log.info({ backup: r.backup.name, bytes: r.backup.bytes }, 'database backed up') : app.log.error({ err: r.error }, 'database backup failed'),
        )
      : undefined;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    stopBackups?.();
    await scheduler.stop();
    await documents.stop();
    await app.close();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('督办服务启动失败 (server failed to start):', err);
  process.exit(1);
});
