/**
 * The Duban server process: opens the database (SQLite data/duban.sqlite by
 * default, PostgreSQL when DATABASE_URL is a postgres:// URL), syncs the
 * directory, deploys the bundled forms and diagrams on first start, serves the
 * API under /api and the built web app from dist/, and runs the scheduler.
 *
 * Environment: PORT (8000), HOST (127.0.0.1 with the demo login, else 0.0.0.0), DATABASE_URL,
 * DATABASE_SCHEMA (PostgreSQL schema, default the search path), LOG_LEVEL (info), DUBAN_SCHEDULER=off to
 * run an API-only node, DUBAN_REDEPLOY_BUNDLED=1 to deploy changed processes/*.bpmn
 * as new versions, DUBAN_CORS_ORIGINS (comma-separated origins allowed to call
 * the API, e.g. the OA that mounts the web app).
 * Backups (SQLite): a checked copy at start and then at most a day old, in
 * DUBAN_BACKUP_DIR (default data/backups), the newest DUBAN_BACKUP_KEEP (14) kept;
 * DUBAN_BACKUP=off turns the daily copy off (administrators can still make one).
 * Host OA, single sign-on, session tokens, embedding and uploads: DUBAN_CONFIG (a JSON file) and the
 * variables read by integration/settings.ts, described in docs/integration.md; without them, the
 * embedded mock county with the demo login on loopback.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SessionTokens } from '../host/token';
import { buildApp } from './app';
import { createDb } from './db/database';
import { readSettings, type Settings } from './integration/settings';
import { deployBundled } from './seed';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Read a key file, or make it (owner-only) with `make` when absent, so logins survive restarts. */
async function keptKey(file: string, make: () => Promise<string>): Promise<string> {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const key = await make();
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** The session token keys: HS256 with DUBAN_SECRET (shared with the host) or a kept random one; ES256 with a kept key pair. */
async function sessionTokens(s: Settings['token']): Promise<SessionTokens> {
  if (s.alg === 'ES256') {
    const pem = await keptKey(resolve(s.keyFile ?? 'data/session-key.pem'), () => SessionTokens.newEs256Pem());
    return SessionTokens.create({ alg: 'ES256', privateKeyPem: pem }, { ttlMs: s.ttlMs });
  }
  const secret = s.secret ?? (await keptKey(resolve(process.env.DUBAN_SECRET_FILE ?? 'data/secret.key'), async () => (await import('node:crypto')).randomBytes(32).toString('hex')));
  return SessionTokens.create({ alg: 'HS256', secret }, { ttlMs: s.ttlMs });
}

async function main(): Promise<void> {
  const settings = readSettings();
  const db = await createDb({ url: process.env.DATABASE_URL, schema: process.env.DATABASE_SCHEMA });
  const built = await buildApp({
    db,
    host: settings.host,
    tokens: await sessionTokens(settings.token),
    sso: settings.sso,
    publicUrl: settings.publicUrl,
    pullApiKey: settings.pullApiKey,
    security: { frameAncestors: settings.frameAncestors },
    uploads: { allow: settings.uploads },
    logger: {
      level: process.env.LOG_LEVEL ?? 'info',
      // Download links carry the login token as ?token=: keep it out of the logs.
      serializers: { req: (req) => ({ method: req.method, url: String(req.url).replace(/([?&]token=)[^&]*/g, '$1***') }) },
    },
    staticDir: join(root, 'dist'),
    corsOrigins: settings.corsOrigins,
    backups: { dir: process.env.DUBAN_BACKUP_DIR ? resolve(process.env.DUBAN_BACKUP_DIR) : undefined, keep: process.env.DUBAN_BACKUP_KEEP ? Number(process.env.DUBAN_BACKUP_KEEP) : undefined },
  });
  const { app, ctx, scheduler, documents } = built;
  const report = await deployBundled(ctx, { forms: join(root, 'forms'), processes: join(root, 'processes') }, 'system', {
    redeploy: process.env.DUBAN_REDEPLOY_BUNDLED === '1',
  });
  const newProcesses = report.processes.flatMap((p) => p.keys);
  if (newProcesses.length) app.log.info({ processes: newProcesses }, 'deployed bundled processes');
  for (const r of report.refused) app.log.error({ file: r.file, problems: r.problems }, 'bundled file refused');

  await app.listen(settings.listen);
  for (const w of settings.warnings) {
    app.log.warn(w);
    console.warn(w);
  }
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
