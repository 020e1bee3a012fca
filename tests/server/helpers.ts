/**
 * Test harness for the server suites: every suite runs on SQLite and, when
 * DUBAN_TEST_PG_URL is set, on PostgreSQL. Each test gets a fresh database
 * (a new SQLite file in a temp dir, or a new PostgreSQL schema).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, it } from 'vitest';
import { EmbeddedHost } from '../../src/host/EmbeddedHost';
import { buildApp, type BuiltApp } from '../../src/server/app';
import { createDb, type Db } from '../../src/server/db/database';
import type { Policy } from '../../src/server/policy/policy';
import { deployBundled } from '../../src/server/seed';

/** The PostgreSQL server the suites use, if any. */
export const PG_URL = process.env.DUBAN_TEST_PG_URL;
const REQUIRE_ALL = process.env.DUBAN_REQUIRE_ALL_SUITES === '1';

/** A database the suites can run on. */
export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** A fresh database, migrated unless `migrate: false`, and a cleanup function. */
  fresh(options?: { migrate?: boolean }): Promise<FreshDb>;
}

/** A fresh database; `open` opens a second handle on the same data and migrates it, as a second process (or a restart) would. */
export interface FreshDb {
  db: Db;
  url: string;
  schema?: string;
  open(): Promise<Db>;
  cleanup(): Promise<void>;
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  async fresh(options) {
    const dir = mkdtempSync(join(tmpdir(), 'duban-test-'));
    const url = join(dir, 'duban.sqlite');
    const handles: Db[] = [];
    const open = async (migrate = true) => {
      const db = await createDb({ url, migrate });
      handles.push(db);
      return db;
    };
    const db = await open(options?.migrate);
    return {
      db,
      url,
      open: () => open(),
      async cleanup() {
        for (const h of handles) await h.destroy().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: TestDatabase = {
  name: 'postgres',
  async fresh(options) {
    const schema = `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const handles: Db[] = [];
    const open = async (migrate = true) => {
      const db = await createDb({ url: PG_URL!, schema, poolSize: 8, migrate });
      handles.push(db);
      return db;
    };
    const db = await open(options?.migrate);
    return {
      db,
      url: PG_URL!,
      schema,
      open: () => open(),
      async cleanup() {
        for (const h of handles) await h.destroy().catch(() => undefined);
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      },
    };
  },
};

let warned = false;

/** The databases to run on; says clearly when PostgreSQL is skipped, and fails when every suite is required. */
export function databases(): TestDatabase[] {
  if (PG_URL) return [sqlite, postgres];
  if (!warned) {
    warned = true;
    console.warn('[duban] PostgreSQL run of the server suites SKIPPED: DUBAN_TEST_PG_URL is not set (set it to a postgres:// URL to run them).');
  }
  if (REQUIRE_ALL) {
    describe('PostgreSQL server suites', () => {
      it('must run because DUBAN_REQUIRE_ALL_SUITES=1', () => {
        throw new Error('DUBAN_REQUIRE_ALL_SUITES=1 but DUBAN_TEST_PG_URL is not set: the PostgreSQL runs cannot be skipped');
      });
    });
  }
  return [sqlite];
}

/** A controllable clock starting on a Monday morning in Beijing time. */
export function clock(start = '2026-03-02T09:00:00+08:00') {
  let t = Date.parse(start);
  return {
    now: () => t,
    set: (iso: string) => (t = Date.parse(iso)),
    advance: (ms: number) => (t += ms),
    advanceDays: (days: number) => (t += days * 86_400_000),
  };
}

/** Read a fixture diagram. */
export const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

/** A running test server with helpers. */
export interface TestServer extends BuiltApp {
  host: EmbeddedHost;
  fresh: FreshDb;
  clock: ReturnType<typeof clock>;
  /** Authorization header of a person of the mock county. */
  auth(userId: string): Record<string, string>;
  /** Call the API as a person. */
  call(userId: string | null, method: string, url: string, payload?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Start a server on a fresh database with the bundled forms and the given fixture diagrams deployed. */
export async function startServer(database: TestDatabase, opts: { fixtures?: string[]; bundled?: boolean; fresh?: FreshDb; policy?: Policy } = {}): Promise<TestServer> {
  const fresh = opts.fresh ?? (await database.fresh());
  const c = clock();
  // Tokens live long: tests move the clock by days.
  const host = new EmbeddedHost({ secret: 'test-secret', now: c.now, ttlMs: 365 * 86_400_000 });
  const built = await buildApp({ db: fresh.db, host, now: c.now, policy: opts.policy });
  await deployBundled(built.ctx, { forms: 'forms', processes: opts.bundled ? 'processes' : '/nonexistent' });
  for (const f of opts.fixtures ?? []) {
    await built.ctx.definitions.deploy(fixture(f), 'system', c.now());
  }
  const tokens = new Map<string, string>();
  const auth = (userId: string) => {
    if (!tokens.has(userId)) tokens.set(userId, host.issueToken(userId).token);
    return { authorization: `Bearer ${tokens.get(userId)}` };
  };
  return {
    ...built,
    host,
    fresh,
    clock: c,
    auth,
    async call(userId, method, url, payload) {
      const r = await built.app.inject({ method: method as 'GET', url, headers: userId ? auth(userId) : {}, payload: payload as object });
      let body: any = r.body;
      try {
        body = r.json();
      } catch {
        // Not JSON (a download): keep the raw body.
      }
      return { status: r.statusCode, body };
    },
    async close() {
      await built.scheduler.stop();
      await built.documents.stop();
      await built.app.close();
      if (!opts.fresh) await fresh.cleanup();
    },
  };
}

/** Registration form data that passes the form's checks. */
export function registrationData(over: Record<string, unknown> = {}) {
  return {
    title: '县城区老旧小区改造进度督办',
    source: 'P2.S1',
    content: '按县长批示，督促住建局加快老旧小区改造进度。',
    units: ['zjj'],
    leadUnit: 'zjj',
    ...over,
  };
}
