/**
 * Server benchmark, on a SQLite file and (when DUBAN_TEST_PG_URL is set) PostgreSQL:
 *  (a) task completions per second in-process through TaskService (the API's code path
 *      minus HTTP: access checks, form validation, engine step, effects, audit, outbox);
 *  (b) task completions per second over HTTP, autocannon on loopback against the real
 *      app running in a child process (every request completes a different task);
 *  (c) the ledger (台账) at 100,000 items: p50/p95 over a mix of filters and users;
 *  (d) bpmn-engine saving its state with getState/recover after every step, in this
 *      process, as the peer our persisted rate is compared with;
 *  (e) the floors the completion rates are divided by, run in the same process and hour:
 *      on SQLite the same statements replayed bare (the storage floor), on PostgreSQL
 *      pgbench's built-in TPC-B-like script against the same server, 1 and 32 clients;
 *  (f) scale-out: two server processes on one PostgreSQL schema driven together over HTTP
 *      against one alone, with every due timer fired by their schedulers exactly once;
 *  (g) a province's worth of data (BENCH_LARGE=1 only, minutes): 1,000,000 items of 100
 *      counties seeded with COPY on PostgreSQL; the ledger, my to-dos and one item's page.
 * Wall and CPU time (process.cpuUsage) are both printed: the machine may be shared, so the
 * targets are the ratios to the floors measured in the same run.
 * Run: npm run bench (or npx tsx tests/bench/server.bench.ts). The last line is one
 * JSON object with every figure. BENCH_SECONDS (default 5) sets each timed phase;
 * BENCH_PHASES (a comma list of complete, http, ledger, scaleout, large) runs only those
 * phases. PostgreSQL phases run when DUBAN_TEST_PG_URL reaches a server. BENCH_PROFILE_DIR
 * makes every server process of (b) and (f) write a CPU profile there.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type KyselyPlugin, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { toLocalDate } from '../../src/engine/calendar/time';
import { validateSubmission } from '../../src/forms';
import { peerSource, runPeerInstance } from './peer';
import { EmbeddedHost } from '../../src/host/EmbeddedHost';
import { buildApp, type BuiltApp } from '../../src/server/app';
import { entryHash } from '../../src/server/audit/audit.service';
import { applySqlitePragmas, createDb, dialectOf, maintainDb, type Db } from '../../src/server/db/database';
import { roundTrips } from '../../src/server/db/pg-driver';
import type { DB } from '../../src/server/db/schema';
import { searchTextOf } from '../../src/server/items/item.factory';
import type { ItemTable } from '../../src/server/items/item.table';
import { deployBundled } from '../../src/server/seed';

const root = join(import.meta.dirname, '..', '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PG_URL = process.env.DUBAN_TEST_PG_URL;
if (process.env.BENCH_ONLY !== undefined) {
  console.error('BENCH_ONLY 已不再使用：选择 server 基准的阶段请用 BENCH_PHASES（如 BENCH_PHASES=complete,http），选择基准文件请用 BENCH_FILES。');
  process.exit(2);
}
const LARGE = process.env.BENCH_LARGE === '1';
const ONLY = new Set((process.env.BENCH_PHASES ?? `complete,http,ledger,scaleout${LARGE ? ',large' : ''}`).split(',').map((x) => x.trim()));
const THREE_TASKS = readFileSync(join(root, 'tests/engine/fixtures/three-tasks.bpmn'), 'utf8');

/** Who completes each step of the three-task diagram, and with what form data. */
const STEPS = [
  { element: 'register', user: 'fengxl', data: { title: '县城区老旧小区改造进度督办', source: 'P2.S1', content: '督促住建局加快改造进度。', units: ['zjj'], leadUnit: 'zjj', receivedDate: '2026-03-02' } },
  { element: 'review', user: 'qianzy', data: { outcome: '同意', signDate: '2026-03-03' } },
  { element: 'approve', user: 'limh', data: { outcome: '同意', signDate: '2026-03-04' } },
] as const;

type Figures = Record<string, number | string | null>;

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Counts the SQL statements the app runs through Kysely, prepared ones included (BEGIN/COMMIT excluded). */
class CountingPlugin implements KyselyPlugin {
  count = 0;
  transformQuery(args: Parameters<KyselyPlugin['transformQuery']>[0]) {
    return args.node;
  }
  async transformResult(args: Parameters<KyselyPlugin['transformResult']>[0]) {
    this.count++;
    return args.result;
  }
}

/** A fresh database: a SQLite file in a temp dir, or a new PostgreSQL schema. */
async function freshDb(kind: 'sqlite' | 'postgres'): Promise<{ db: Db; url: string; schema?: string; cleanup(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'duban-bench-'));
    const url = join(dir, 'bench.sqlite');
    const db = await createDb({ url });
    return { db, url, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `bench_${process.pid}_${Date.now().toString(36)}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`create schema ${schema}`);
  await c.end();
  const db = await createDb({ url: PG_URL!, schema });
  return {
    db,
    url: PG_URL!,
    schema,
    async cleanup() {
      const d = new pg.Client({ connectionString: PG_URL });
      await d.connect();
      await d.query(`drop schema if exists ${schema} cascade`);
      await d.end();
    },
  };
}

/** The app on a database with the bundled forms and the three-task diagram deployed. */
async function appOn(db: Db, counter?: CountingPlugin, options: Pick<Parameters<typeof buildApp>[0], 'nodeId' | 'scheduler' | 'tokens'> = {}): Promise<BuiltApp & { host: EmbeddedHost }> {
  const host = new EmbeddedHost();
  const built = await buildApp({ db: counter ? db.withPlugin(counter) : db, host, ...options });
  await deployBundled(built.ctx, { forms: join(root, 'forms'), processes: '/nonexistent' });
  await built.ctx.definitions.deploy(THREE_TASKS, 'system', Date.now());
  return { ...built, host };
}

/**
 * Many items waiting at their first step, made fast: one item registered through the
 * service, then its rows copied with new ids in multi-row inserts (audit chain rehashed).
 * Returns the ids of the open first-step tasks.
 */
async function cloneItems(b: BuiltApp, n: number): Promise<string[]> {
  const db = b.ctx.db;
  const tpl = await b.instances.startItem(b.ctx.dir.principal('fengxl')!, { procedureKey: 'three-tasks', title: '基准事项', source: 'P2.S1', units: ['zjj'], leadUnit: 'zjj' });
  const tables = ['items', 'itemUnits', 'itemParticipants', 'instances', 'tasks', 'timers', 'auditLog'] as const;
  const rows: Record<string, Record<string, unknown>[]> = {};
  for (const t of tables) rows[t] = await (db as any).selectFrom(t).selectAll().where(t === 'items' ? 'id' : 'itemId', '=', tpl.itemId).execute();
  const json = Object.fromEntries(tables.map((t) => [t, JSON.stringify(rows[t])]));
  const taskIds: string[] = [];
  const batch = 200;
  for (let off = 0; off < n; off += batch) {
    const out: Record<string, Record<string, unknown>[]> = Object.fromEntries(tables.map((t) => [t, []]));
    for (let i = off; i < Math.min(n, off + batch); i++) {
      const suffix = String(i).padStart(7, '0');
      const itemId = `bench-item-${suffix}`;
      const instId = `bench-inst-${suffix}`;
      const code = `BENCH-2026-${suffix}`;
      for (const t of tables) {
        const text = json[t]
          .split(tpl.itemId).join(itemId)
          .split(tpl.instanceId).join(instId)
          .split(tpl.code).join(code)
          .split(tpl.code.toLowerCase()).join(code.toLowerCase());
        out[t].push(...(JSON.parse(text) as Record<string, unknown>[]));
      }
      // Re-link the copied audit chain so verifyAudit accepts the clones.
      let prev = '';
      for (const e of out.auditLog.filter((e) => e.itemId === itemId)) {
        e.prevHash = prev;
        const { hash: _old, ...rest } = e;
        e.hash = prev = entryHash(rest as never);
      }
      const item = out.items[out.items.length - 1];
      item.auditHash = prev;
    }
    await db.transaction().execute(async (trx) => {
      for (const t of tables) if (out[t].length) await (trx as any).insertInto(t).values(out[t]).execute();
    });
    taskIds.push(...out.tasks.filter((t) => t.status === 'open').map((t) => String(t.id)));
  }
  return taskIds;
}

/** Registrations through the real service (allocating codes, starting the engine). */
async function benchRegister(b: BuiltApp, counter: CountingPlugin, label: string): Promise<Figures> {
  const user = b.ctx.dir.principal('fengxl')!;
  const register = (i: number) => b.instances.startItem(user, { procedureKey: 'three-tasks', title: `登记基准${i}`, source: 'P2.S1', units: ['zjj'], leadUnit: 'zjj' });
  for (let i = 0; i < 30; i++) await register(i);
  const q0 = counter.count;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < SECONDS * 1000 * 0.5) await register(1000 + n++);
  const wall = performance.now() - t0;
  const cpu = cpuMs(process.cpuUsage(c0));
  console.log(`[${label}] 登记事项（进程内）：${n} 件，${round((n / wall) * 1000, 0)} 件/秒；每件 ${round(wall / n, 2)} ms（CPU ${round(cpu / n, 2)} ms），SQL ${round((counter.count - q0) / n, 1)} 条`);
  return { register_per_s: round((n / wall) * 1000, 0), register_ms: round(wall / n, 3), register_cpu_ms: round(cpu / n, 3), register_sql: round((counter.count - q0) / n, 1) };
}

/** People acting at once in the concurrent phase of (a). */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

/**
 * (a) Completions through TaskService, step by step, each step for a share of the time
 * budget: first one caller at a time, then CONCURRENCY callers at once (on SQLite their
 * actions share commits; each is still its own atomic action, answered after its commit).
 */
async function benchComplete(b: BuiltApp, counter: CountingPlugin, label: string, items: number): Promise<Figures> {
  const first = await cloneItems(b, items);
  const f: Figures = {};
  for (const mode of ['sequential', 'concurrent'] as const) {
    const callers = mode === 'sequential' ? 1 : CONCURRENCY;
    const tag = mode === 'sequential' ? '' : '_concurrent';
    let totalN = 0;
    let totalWall = 0;
    let totalCpu = 0;
    let totalSql = 0;
    let totalTrips = 0;
    const batches0 = { ...(b.ctx.writer?.stats ?? { batches: 0, actions: 0 }) };
    for (const [k, s] of STEPS.entries()) {
      const ids =
        k === 0
          ? first.splice(0, Math.floor(first.length / (mode === 'sequential' ? 2 : 1)))
          : (await b.ctx.db.selectFrom('tasks').select('id').where('status', '=', 'open').where('elementId', '=', s.element).orderBy('id').execute()).map((r) => r.id);
      const user = b.ctx.dir.principal(s.user)!;
      // Warm up on a few tasks first.
      const warm = ids.splice(0, 20);
      for (const id of warm) await b.tasks.complete(user, id, { data: { ...s.data } });
      const q0 = counter.count;
      const r0 = roundTrips.count;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const budget = SECONDS * 1000 * (k === 0 ? 0.25 : 0.125);
      let n = 0;
      await Promise.all(
        Array.from({ length: callers }, async () => {
          while (n < ids.length && performance.now() - t0 < budget) await b.tasks.complete(user, ids[n++], { data: { ...s.data } });
        }),
      );
      const wall = performance.now() - t0;
      const cpu = cpuMs(process.cpuUsage(c0));
      const sqlN = counter.count - q0;
      totalTrips += roundTrips.count - r0;
      console.log(`[${label}] 办理“${s.element}”环节（进程内，${callers} 人同时）：${n} 次，${round((n / wall) * 1000, 0)} 次/秒；每次 CPU ${round(cpu / n, 2)} ms，SQL ${round(sqlN / n, 1)} 条`);
      f[`complete${tag}_${s.element}_per_s`] = round((n / wall) * 1000, 0);
      f[`complete${tag}_${s.element}_cpu_ms`] = round(cpu / n, 3);
      totalN += n;
      totalWall += wall;
      totalCpu += cpu;
      totalSql += sqlN;
    }
    f[`complete${tag}_per_s`] = round((totalN / totalWall) * 1000, 0);
    f[`complete${tag}_ms`] = round(totalWall / totalN, 3);
    f[`complete${tag}_cpu_ms`] = round(totalCpu / totalN, 3);
    f[`complete${tag}_cpu_bound_per_s`] = round((totalN / totalCpu) * 1000, 0);
    f[`complete${tag}_sql`] = round(totalSql / totalN, 1);
    const pgTrips = dialectOf(b.ctx.db) === 'postgres';
    if (pgTrips) f[`complete${tag}_round_trips`] = round(totalTrips / totalN, 1);
    const st = b.ctx.writer?.stats;
    const perCommit = st && st.batches > batches0.batches ? round((st.actions - batches0.actions) / (st.batches - batches0.batches), 1) : null;
    if (perCommit !== null) f[`complete${tag}_actions_per_commit`] = perCommit;
    console.log(
      `[${label}] 办理合计（${callers} 人同时）：${totalN} 次，${f[`complete${tag}_per_s`]} 次/秒（按 CPU 时间折算 ${f[`complete${tag}_cpu_bound_per_s`]} 次/秒）；每次 CPU ${f[`complete${tag}_cpu_ms`]} ms，SQL ${f[`complete${tag}_sql`]} 条` +
        (pgTrips ? `，往返数据库 ${f[`complete${tag}_round_trips`]} 次` : '') +
        (perCommit !== null ? `；平均每次提交含 ${perCommit} 个动作` : ''),
    );
  }
  return f;
}

/** The CPU share of form validation (Formily) in a completion: the same submissions validated alone. */
async function benchValidation(b: BuiltApp): Promise<Figures> {
  const f: Figures = {};
  for (const s of STEPS) {
    const formKey = s.element === 'register' ? 'registration' : 'approval';
    const form = await b.ctx.forms.get(formKey);
    for (let i = 0; i < 20; i++) await validateSubmission(form, { ...s.data });
    const c0 = process.cpuUsage();
    const n = 200;
    for (let i = 0; i < n; i++) await validateSubmission(form, { ...s.data });
    f[`validate_${formKey}_cpu_ms`] = round(cpuMs(process.cpuUsage(c0)) / n, 3);
  }
  console.log(`表单校验（Formily，单独计时）每次 CPU：登记表 ${f.validate_registration_cpu_ms} ms，审批表 ${f.validate_approval_cpu_ms} ms`);
  return f;
}

/**
 * The storage floor on SQLite: how fast SQLite alone runs what the completions ask of it.
 * Completions run as in the concurrent phase of (a) on a fresh file while Kysely's query
 * log records every statement with its parameters (transaction control and savepoints
 * included); then the record is replayed straight through better-sqlite3, one prepared
 * statement per SQL text, on a copy of the database taken just before. No JavaScript of
 * ours runs in the replay: its rate is what the storage shape allows at best (the replay
 * even skips WAL checkpoints). The statements taking the most time are listed, and the
 * writes are replayed once more alone: the rate if the reads an action opens with cost nothing.
 */
async function benchStorageFloor(label: string, perStep: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'duban-floor-'));
  const url = join(dir, 'floor.sqlite');
  const copy = join(dir, 'copy.sqlite');
  const copy2 = join(dir, 'copy2.sqlite');
  const copy3 = join(dir, 'copy3.sqlite');
  const trace: { sql: string; parameters: readonly unknown[] }[] = [];
  let recording = false;
  const db = await createDb({
    url,
    log: (e) => {
      if (recording && e.level === 'query') trace.push({ sql: e.query.sql, parameters: e.query.parameters });
    },
  });
  const b = await appOn(db);
  let n = 0;
  /** Where each step's statements begin in the trace, and how many completions it made. */
  const steps: { element: string; from: number; n: number }[] = [];
  try {
    const first = await cloneItems(b, perStep + 20);
    const complete = async (element: string, user: string, data: object, ids: string[]) => {
      const who = b.ctx.dir.principal(user)!;
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < ids.length) await b.tasks.complete(who, ids[next++], { data: { ...data } });
        }),
      );
      return ids.length;
    };
    // Warm up (compiled statements, caches), then copy the file as it is now.
    for (const s of STEPS) {
      const ids = s.element === 'register' ? first.splice(0, 20) : (await b.ctx.db.selectFrom('tasks').select('id').where('status', '=', 'open').where('elementId', '=', s.element).execute()).map((r) => r.id);
      await complete(s.element, s.user, s.data, ids);
    }
    const source = new BetterSqlite3(url);
    await source.backup(copy);
    source.close();
    for (const s of STEPS) {
      const ids = s.element === 'register' ? first : (await b.ctx.db.selectFrom('tasks').select('id').where('status', '=', 'open').where('elementId', '=', s.element).orderBy('id').execute()).map((r) => r.id);
      steps.push({ element: s.element, from: trace.length, n: ids.length });
      recording = true;
      n += await complete(s.element, s.user, s.data, ids);
      recording = false;
    }
  } finally {
    recording = false;
    await b.app.close();
    await db.destroy();
  }
  copyFileSync(copy, copy2);
  copyFileSync(copy, copy3);
  // The timed replay; a second one on another copy timing each statement for the breakdown; a
  // third with the writes alone (as if the rows an action opens with were held in memory).
  const replay = (file: string, each?: (sql: string, ms: number) => void, writesOnly = false) => {
    const stepMs = steps.map(() => 0);
    const raw = new BetterSqlite3(file);
    applySqlitePragmas(raw);
    raw.pragma('wal_autocheckpoint = 0');
    const statements = new Map<string, BetterSqlite3.Statement>();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let k = -1;
    let stepStart = performance.now();
    for (let i = 0; i < trace.length; i++) {
      if (k + 1 < steps.length && i === steps[k + 1].from) {
        const now = performance.now();
        if (k >= 0) stepMs[k] = now - stepStart;
        stepStart = now;
        k++;
      }
      const t = trace[i];
      const t1 = each ? performance.now() : 0;
      let stmt = statements.get(t.sql);
      if (!stmt) statements.set(t.sql, (stmt = raw.prepare(t.sql)));
      if (stmt.reader) {
        if (!writesOnly) stmt.all(t.parameters as unknown[]);
      } else stmt.run(t.parameters as unknown[]);
      each?.(t.sql, performance.now() - t1);
    }
    if (k >= 0) stepMs[k] = performance.now() - stepStart;
    const out = { wall: performance.now() - t0, cpu: cpuMs(process.cpuUsage(c0)), stepMs };
    raw.close();
    return out;
  };
  const { wall, cpu, stepMs } = replay(copy);
  const bySql = new Map<string, number>();
  let timedTotal = 0;
  replay(copy2, (sqlText, ms) => {
    const key = sqlText.replace(/\s+/g, ' ').slice(0, 60);
    bySql.set(key, (bySql.get(key) ?? 0) + ms);
    timedTotal += ms;
  });
  const writes = replay(copy3, undefined, true);
  rmSync(dir, { recursive: true, force: true });
  const f: Figures = {
    floor_actions: n,
    floor_per_s: round((n / wall) * 1000, 0),
    floor_ms: round(wall / n, 3),
    floor_cpu_ms: round(cpu / n, 3),
    floor_sql: round(trace.length / n, 1),
    floor_writes_only_per_s: round((n / writes.wall) * 1000, 0),
  };
  steps.forEach((st, i) => (f[`floor_${st.element}_per_s`] = round((st.n / stepMs[i]) * 1000, 0)));
  console.log(
    `[${label}] 存储下限（办理时执行的 ${trace.length} 条 SQL 由 better-sqlite3 直接重放，无业务 JS，事务分组相同）：${n} 次办理，${f.floor_per_s} 次/秒；每次 ${f.floor_ms} ms（CPU ${f.floor_cpu_ms} ms），SQL ${f.floor_sql} 条；` +
      steps.map((st) => `“${st.element}”环节 ${f[`floor_${st.element}_per_s`]} 次/秒`).join('，') +
      `；只重放写语句（不读任务与实例）${f.floor_writes_only_per_s} 次/秒`,
  );
  const top = [...bySql].sort((a, b) => b[1] - a[1]).slice(0, 8);
  for (const [k, ms] of top) console.log(`    ${round((100 * ms) / timedTotal, 0)}%  ${round((1000 * ms) / n, 1)} µs/次  ${k}`);
  return f;
}

// ------------------------------------------------------------------ (b) HTTP

interface ServerReady {
  type: 'ready';
  port: number;
  token: string;
  taskIds: string[];
}

/**
 * Child process: the real app on the given database, with `n` open tasks, listening on
 * 127.0.0.1. With BENCH_CHILD_SCHEDULER=1 its scheduler runs too (polling every 100 ms), as
 * in production.
 */
async function serveChild(): Promise<void> {
  const url = process.env.BENCH_CHILD_URL!;
  const db = await createDb({ url, schema: process.env.BENCH_CHILD_SCHEMA || undefined });
  const counter = new CountingPlugin();
  const b = await appOn(db, counter, { nodeId: process.env.BENCH_CHILD_NODE || undefined, scheduler: { pollMs: 100 } });
  const items = Number(process.env.BENCH_CHILD_ITEMS);
  const taskIds = items ? await cloneItems(b, items) : [];
  await b.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (b.app.server.address() as { port: number }).port;
  let c0 = process.cpuUsage();
  let q0 = counter.count;
  let r0 = roundTrips.count;
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'mark') {
      c0 = process.cpuUsage();
      q0 = counter.count;
      r0 = roundTrips.count;
      process.send!({ type: 'marked' });
    } else if (m.type === 'scheduler') {
      b.scheduler.start();
      process.send!({ type: 'scheduling' });
    } else if (m.type === 'stats') {
      process.send!({ type: 'stats', cpuMs: cpuMs(process.cpuUsage(c0)), sql: counter.count - q0, roundTrips: roundTrips.count - r0 });
    } else if (m.type === 'stop') {
      await b.scheduler.stop();
      await b.app.close();
      await db.destroy();
      process.exit(0);
    }
  });
  process.send!({ type: 'ready', port, token: (await b.ctx.tokens.issue(STEPS[0].user)).token, taskIds } satisfies ServerReady);
}

function ask<T>(child: ChildProcess, msg: object, reply: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type !== reply) return;
      child.off('message', on);
      resolve(m as T);
    };
    child.on('message', on);
    child.send(msg);
  });
}

/** A benchmark server in a child process on the given database. */
async function startChild(kind: 'sqlite' | 'postgres', fresh: { url: string; schema?: string }, items: number, node = ''): Promise<{ child: ChildProcess; ready: ServerReady; stop(): Promise<void> }> {
  const child = fork(import.meta.filename, [], {
    // BENCH_PROFILE_DIR: each server process writes a CPU profile there (node --cpu-prof) when it stops.
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [])],
    env: { ...process.env, BENCH_CHILD: '1', BENCH_CHILD_DB: kind, BENCH_CHILD_URL: fresh.url, BENCH_CHILD_SCHEMA: fresh.schema ?? '', BENCH_CHILD_ITEMS: String(items), BENCH_CHILD_NODE: node },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.send({ type: 'stop' });
      setTimeout(() => child.kill(), 10_000).unref();
    });
  try {
    const ready = await new Promise<ServerReady>((resolve, reject) => {
      child.once('message', (m) => resolve(m as ServerReady));
      child.once('exit', (code) => reject(new Error(`benchmark server exited (${code})`)));
    });
    return { child, ready, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Completions over HTTP against one server: each request completes the next of `ids`. */
function drive(port: number, token: string, ids: string[], connections: number, opts: { seconds?: number; amount?: number }) {
  const body = JSON.stringify({ data: STEPS[0].data });
  let next = 0;
  const mk = () => ({
    method: 'POST',
    path: `/api/tasks/${encodeURIComponent(ids[next++ % ids.length])}/complete`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  const limit = opts.seconds !== undefined ? { duration: opts.seconds } : { amount: opts.amount };
  return autocannon({ url: `http://127.0.0.1:${port}`, connections, ...limit, requests: [{ setupRequest: () => mk() }] }).then((r) => ({
    r,
    ranOut: next > ids.length,
    serverErrors: r['5xx'] ?? 0,
  }));
}

/** (b) HTTP completions with autocannon against the app in a child process. */
async function benchHttp(kind: 'sqlite' | 'postgres', label: string, items: number): Promise<Figures> {
  const fresh = await freshDb(kind);
  await fresh.db.destroy();
  const server = await startChild(kind, fresh, items);
  try {
    const { child, ready } = server;
    // Warm-up, then the measured run.
    const warm = ready.taskIds.splice(0, 200);
    await drive(ready.port, ready.token, warm, 4, { amount: warm.length });
    await ask(child, { type: 'mark' }, 'marked');
    const c0 = process.cpuUsage();
    const { r, ranOut } = await drive(ready.port, ready.token, ready.taskIds, 10, { seconds: SECONDS });
    const driverCpu = cpuMs(process.cpuUsage(c0));
    const stats = await ask<{ cpuMs: number; sql: number; roundTrips: number }>(child, { type: 'stats' }, 'stats');
    const ok = r.requests.total - r.non2xx;
    const f: Figures = {
      http_complete_per_s: round(ok / SECONDS, 0),
      http_complete_p50_ms: r.latency.p50,
      http_complete_p99_ms: r.latency.p99,
      http_errors: r.errors + r.non2xx,
      http_server_cpu_ms_per_req: ok ? round(stats.cpuMs / ok, 3) : null,
      http_server_cpu_bound_per_s: stats.cpuMs ? round((ok / stats.cpuMs) * 1000, 0) : null,
      http_sql_per_req: ok ? round(stats.sql / ok, 1) : null,
      http_driver_cpu_ms: round(driverCpu, 0),
      http_tasks_ran_out: ranOut ? 1 : 0,
    };
    if (kind === 'postgres') f.http_round_trips_per_req = ok ? round(stats.roundTrips / ok, 1) : null;
    console.log(
      `[${label}] HTTP 办理（autocannon，10 个连接，${SECONDS} 秒，每个请求办理不同的任务）：${f.http_complete_per_s} 次/秒，p50 ${f.http_complete_p50_ms} ms，p99 ${f.http_complete_p99_ms} ms，错误 ${f.http_errors}；` +
        `服务进程每请求 CPU ${f.http_server_cpu_ms_per_req} ms（按 CPU 折算 ${f.http_server_cpu_bound_per_s} 次/秒），SQL ${f.http_sql_per_req} 条` +
        (kind === 'postgres' ? `，往返 ${f.http_round_trips_per_req} 次` : '') +
        `${f.http_tasks_ran_out ? '（预置任务已用完，数值偏低）' : ''}`,
    );
    return f;
  } finally {
    await server.stop();
    await fresh.cleanup();
  }
}

// ------------------------------------------------------------------ (f) scale-out

/**
 * (f) Two server processes on one PostgreSQL schema. First one process alone completes
 * tasks over HTTP for the phase's time; then both at once, each driven by its own
 * autocannon with as many connections, on tasks of their own. Meanwhile both schedulers
 * fire the due timers of items kept aside for them; afterwards every such timer must be
 * done and its entry (提醒, 逾期) be in the item's record exactly once. Counts deadlocks
 * (PostgreSQL's own statistics) and 5xx answers.
 */
async function benchScaleOut(items: number, timerItems: number): Promise<Figures> {
  const label = 'PostgreSQL';
  const fresh = await freshDb('postgres');
  const admin = fresh.db;
  const a = await startChild('postgres', fresh, items + timerItems, 'node-a');
  let b: Awaited<ReturnType<typeof startChild>> | undefined;
  try {
    b = await startChild('postgres', fresh, 0, 'node-b');
    const ids = a.ready.taskIds;
    // Items kept aside: their first step's timers (提醒 and 逾期) are made due now.
    const timerTasks = ids.splice(0, timerItems);
    const timerItemIds = (await admin.selectFrom('tasks').select('itemId').where('id', 'in', timerTasks).execute()).map((r) => r.itemId);
    const warm = ids.splice(0, 200);
    await drive(a.ready.port, a.ready.token, warm.slice(0, 100), 4, { amount: 100 });
    await drive(b.ready.port, b.ready.token, warm.slice(100), 4, { amount: 100 });
    const deadlocks = async () => Number((await sql<{ n: number }>`select deadlocks as n from pg_stat_database where datname = current_database()`.execute(admin)).rows[0]?.n ?? 0);
    const d0 = await deadlocks();
    const third = Math.floor(ids.length / 3);
    const alone = await drive(a.ready.port, a.ready.token, ids.splice(0, third), 10, { seconds: SECONDS });
    const dueAt = Date.now() - 1000;
    await admin.updateTable('timers').set({ fireAt: dueAt }).where('itemId', 'in', timerItemIds).where('done', '=', 0).execute();
    await Promise.all([ask(a.child, { type: 'scheduler' }, 'scheduling'), ask(b.child, { type: 'scheduler' }, 'scheduling')]);
    const half = Math.floor(ids.length / 2);
    const [pa, pb] = await Promise.all([
      drive(a.ready.port, a.ready.token, ids.slice(0, half), 10, { seconds: SECONDS }),
      drive(b.ready.port, b.ready.token, ids.slice(half), 10, { seconds: SECONDS }),
    ]);
    // The schedulers finish the timers still due.
    const t0 = performance.now();
    const due = () => admin.selectFrom('timers').select((eb) => eb.fn.countAll<number>().as('n')).where('itemId', 'in', timerItemIds).where('done', '=', 0).where('fireAt', '<=', Date.now()).executeTakeFirstOrThrow();
    while (Number((await due()).n) > 0 && performance.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 200));
    const d1 = await deadlocks();
    // The timers made due (firing one may schedule the next reminder, later: not counted).
    const timers = await admin.selectFrom('timers').select(['itemId', 'done', 'claimedBy', 'fireAt']).where('itemId', 'in', timerItemIds).where('fireAt', '<=', dueAt).execute();
    // Each timer fired leaves one entry in its item's record (逾期, 临期提醒, 催办提醒).
    const entries = await admin
      .selectFrom('auditLog')
      .select(['itemId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('itemId', 'in', timerItemIds)
      .where('action', 'in', ['task.overdue', 'task.dueSoon', 'task.reminded', 'activity.overdue'])
      .groupBy('itemId')
      .execute();
    const expected = new Map<string, number>();
    for (const t of timers) expected.set(t.itemId, (expected.get(t.itemId) ?? 0) + 1);
    const got = new Map(entries.map((e) => [e.itemId, Number(e.n)]));
    let wrong = 0;
    for (const id of timerItemIds) if ((expected.get(id) ?? 0) !== (got.get(id) ?? 0)) wrong++;
    const notDone = timers.filter((t) => t.done !== 1).length;
    const nodes = new Set(timers.map((t) => t.claimedBy).filter(Boolean));
    const okOf = (x: { r: { requests: { total: number }; non2xx: number } }) => x.r.requests.total - x.r.non2xx;
    const f: Figures = {
      scaleout_one_per_s: round(okOf(alone) / SECONDS, 0),
      scaleout_two_per_s: round((okOf(pa) + okOf(pb)) / SECONDS, 0),
      scaleout_two_p99_ms: Math.max(pa.r.latency.p99, pb.r.latency.p99),
      scaleout_errors: alone.r.errors + alone.r.non2xx + pa.r.errors + pa.r.non2xx + pb.r.errors + pb.r.non2xx,
      scaleout_5xx: alone.serverErrors + pa.serverErrors + pb.serverErrors,
      scaleout_deadlocks: d1 - d0,
      scaleout_timers: timers.length,
      scaleout_timers_not_done: notDone,
      scaleout_timer_entries_not_once: wrong,
      scaleout_timer_nodes: nodes.size,
      scaleout_tasks_ran_out: alone.ranOut || pa.ranOut || pb.ranOut ? 1 : 0,
    };
    f.scaleout_ratio = round(Number(f.scaleout_two_per_s) / Number(f.scaleout_one_per_s), 2);
    console.log(
      `[${label}] 横向扩展（HTTP，每个进程 10 个连接，${SECONDS} 秒）：一个进程 ${f.scaleout_one_per_s} 次/秒；两个进程同时 ${f.scaleout_two_per_s} 次/秒（${f.scaleout_ratio} 倍，p99 ${f.scaleout_two_p99_ms} ms）；` +
        `错误 ${f.scaleout_errors}（其中 5xx ${f.scaleout_5xx}），死锁 ${f.scaleout_deadlocks}；` +
        `到期定时器 ${f.scaleout_timers} 个由 ${f.scaleout_timer_nodes} 个进程触发，未完成 ${f.scaleout_timers_not_done}，记录条数与触发次数不符的事项 ${f.scaleout_timer_entries_not_once} 件` +
        `${f.scaleout_tasks_ran_out ? '（预置任务已用完，数值偏低）' : ''}`,
    );
    return f;
  } finally {
    await b?.stop();
    await a.stop();
    await admin.destroy();
    await fresh.cleanup();
  }
}

// ------------------------------------------------------------------ (c) ledger

const UNITS = ['fgj', 'czj', 'jyj', 'wjj', 'zjj', 'jtj', 'nyj', 'zrj', 'sthj', 'scj', 'yjj', 'mzj', 'wlj', 'cgz', 'hxz', 'qtx', 'llx'];
const TOPICS = ['老旧小区改造', '农村公路建设', '校舍安全排查', '秸秆禁烧', '河道清淤', '招商引资项目落地', '食品安全检查', '防汛物资储备', '养老服务中心建设', '文旅项目推进'];
const PROCS = [
  ['p1-decision', '决策督查', 'P1'],
  ['p2-special-case', '专项查办', 'P2'],
  ['p5-order', '县长督办令', 'P5'],
  ['p6-meeting', '常务会议议定事项督办', 'P6'],
];

/** 100,000 ledger items in multi-row inserts, deterministic. */
async function seedLedger(b: BuiltApp, n: number): Promise<void> {
  let x = 42;
  const r = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const start = Date.parse('2025-01-01T00:00:00+08:00');
  const batch = 5000;
  for (let off = 0; off < n; off += batch) {
    const items: ItemTable[] = [];
    const units: { itemId: string; unitId: string; isLead: number }[] = [];
    const parts: { itemId: string; personId: string }[] = [];
    for (let i = off; i < Math.min(n, off + batch); i++) {
      const [key, name, cat] = pick(PROCS);
      const createdAt = start + Math.floor(r() * 700 * 86_400_000);
      const due = toLocalDate(createdAt + Math.floor(r() * 60) * 86_400_000);
      const roll = r();
      const status = roll < 0.7 ? 'completed' : roll < 0.95 ? 'running' : 'terminated';
      const light = status !== 'running' ? 'green' : pick(['green', 'green', 'green', 'yellow', 'red'] as const);
      const lead = pick(UNITS);
      const us = r() < 0.3 ? [lead, pick(UNITS.filter((u) => u !== lead))] : [lead];
      const id = `item-${String(i).padStart(6, '0')}`;
      const row: ItemTable = {
        id,
        code: `${cat}-2025-${String(i).padStart(6, '0')}`,
        procedureKey: key,
        procedureName: name,
        category: cat,
        title: `${pick(TOPICS)}（第${i}号）`,
        source: '领导批示交办',
        status: status as ItemTable['status'],
        light,
        dueDate: due,
        originalDueDate: null,
        leadUnitId: lead,
        units: JSON.stringify(us),
        createdBy: 'fengxl',
        createdAt,
        updatedAt: createdAt,
        completedAt: status === 'completed' ? createdAt + 86_400_000 : null,
        parentItemId: null,
        searchText: '',
        auditSeq: 0,
        auditHash: '',
      };
      row.searchText = searchTextOf(row, us.map((u) => b.ctx.dir.unitName(u)));
      items.push(row);
      us.forEach((u) => units.push({ itemId: id, unitId: u, isLead: u === lead ? 1 : 0 }));
      parts.push({ itemId: id, personId: 'fengxl' });
    }
    await b.ctx.db.transaction().execute(async (trx) => {
      await bulkInsert(trx, 'items', items);
      await bulkInsert(trx, 'item_units', units);
      await bulkInsert(trx, 'item_participants', parts);
    });
  }
}

/** Insert many rows with one JSON parameter (json_each on SQLite, jsonb_populate_recordset on PostgreSQL). */
async function bulkInsert(db: Db | Transaction<DB>, table: string, rows: object[]): Promise<void> {
  const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const cols = Object.keys(rows[0]).map(snake);
  const json = JSON.stringify(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [snake(k), v]))));
  const list = cols.map((c) => `"${c}"`).join(', ');
  const text =
    dialectOf(db) === 'postgres'
      ? `insert into ${table} (${list}) select ${list} from jsonb_populate_recordset(null::${table}, $1::jsonb)`
      : `insert into ${table} (${list}) select ${cols.map((c) => `json_extract(value, '$.${c}')`).join(', ')} from json_each(?)`;
  await db.executeQuery(CompiledQuery.raw(text, [json]));
}

const LEDGER_QUERIES: [string, string, string][] = [
  ['督查室：默认第一页', 'fengxl', '/api/items'],
  ['督查室：在办红灯按期限', 'fengxl', '/api/items?status=running&light=red&sort=dueDate&order=asc'],
  ['督查室：按单位', 'fengxl', '/api/items?unit=jyj&pageSize=50'],
  ['督查室：关键字', 'fengxl', `/api/items?q=${encodeURIComponent('秸秆禁烧')}`],
  ['督查室：期限区间+流程', 'fengxl', '/api/items?procedure=p5-order&dueFrom=2025-06-01&dueTo=2025-06-30&sort=dueDate'],
  ['督查室：深分页按标题', 'fengxl', '/api/items?page=200&pageSize=50&sort=title&order=asc'],
  ['督查室：按更新时间', 'fengxl', '/api/items?sort=updatedAt&order=desc&status=completed'],
  ['承办单位：本单位在办', 'jyj01', '/api/items?status=running'],
  ['联系副主任：联系单位黄灯', 'zhenght', '/api/items?light=yellow'],
];

/** (c) Ledger queries through the HTTP route (in-process inject) at 100,000 items. */
async function benchLedger(kind: 'sqlite' | 'postgres', label: string, n: number): Promise<Figures> {
  const fresh = await freshDb(kind);
  const b = await appOn(fresh.db);
  try {
    const s0 = performance.now();
    await seedLedger(b, n);
    await maintainDb(b.ctx.db);
    if (kind === 'postgres') await sql`analyze`.execute(b.ctx.db);
    const seedMs = performance.now() - s0;
    const tokens = new Map<string, string>();
    const call = async (user: string, url: string) => {
      if (!tokens.has(user)) tokens.set(user, (await b.ctx.tokens.issue(user)).token);
      const r = await b.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.get(user)}` } });
      if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    };
    for (const [, user, url] of LEDGER_QUERIES) await call(user, url);
    const reps = 15;
    const times: number[] = [];
    const per: Record<string, number> = {};
    const c0 = process.cpuUsage();
    for (const [name, user, url] of LEDGER_QUERIES) {
      const mine: number[] = [];
      for (let i = 0; i < reps; i++) {
        const t0 = performance.now();
        await call(user, url);
        mine.push(performance.now() - t0);
      }
      mine.sort((a, b2) => a - b2);
      per[name] = round(mine[Math.floor(mine.length / 2)], 1);
      times.push(...mine);
    }
    const cpu = cpuMs(process.cpuUsage(c0)) / times.length;
    times.sort((a, b2) => a - b2);
    const q = (p: number) => round(times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)], 1);
    const f: Figures = { ledger_items: n, ledger_seed_s: round(seedMs / 1000, 1), ledger_p50_ms: q(0.5), ledger_p95_ms: q(0.95), ledger_max_ms: q(1), ledger_cpu_ms: round(cpu, 2) };
    console.log(`[${label}] 台账 ${n} 件（多行插入预置 ${f.ledger_seed_s} 秒）：${LEDGER_QUERIES.length} 种筛选 × ${reps} 次，p50 ${f.ledger_p50_ms} ms，p95 ${f.ledger_p95_ms} ms，最慢 ${f.ledger_max_ms} ms，平均 CPU ${f.ledger_cpu_ms} ms`);
    console.log(`[${label}] 台账各筛选中位数（ms）：${Object.entries(per).map(([k, v]) => `${k} ${v}`).join('；')}`);
    return f;
  } finally {
    await b.app.close();
    await fresh.db.destroy();
    await fresh.cleanup();
  }
}

// ------------------------------------------------------------------ (g) a province

const snakeCase = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** One CSV field of COPY: NULL unquoted and empty, everything else quoted. */
const csv = (v: unknown) => (v === null || v === undefined ? '' : `"${String(v).replaceAll('"', '""')}"`);

/** COPY rows into a table, streamed in chunks. */
async function copyRows(client: pg.Client, table: string, rows: Record<string, unknown>[]): Promise<number> {
  if (!rows.length) return 0;
  const columns = Object.keys(rows[0]);
  let n = 0;
  {
    const stream = client.query(copyFrom(`copy ${table} (${columns.map((c) => `"${snakeCase(c)}"`).join(', ')}) from stdin with (format csv)`));
    async function* lines() {
      let chunk = '';
      for (const row of rows) {
        chunk += columns.map((c) => csv(row[c])).join(',') + '\n';
        n++;
        if (chunk.length > 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    }
    await pipeline(Readable.from(lines()), stream);
  }
  return n;
}

/** p50/p95/max of timed calls. */
function quantiles(times: number[]) {
  const t = [...times].sort((a, b) => a - b);
  const q = (p: number) => round(t[Math.min(t.length - 1, Math.ceil(p * t.length) - 1)], 1);
  return { p50: q(0.5), p95: q(0.95), max: q(1) };
}

/**
 * (g) A province on PostgreSQL: 100 counties × 10,000 items seeded with COPY (items, their
 * units and participants; a quarter running, each with its instance and its open task), the
 * first county on the mock directory's units and people, the others on units of their own.
 * Then, through the HTTP routes (in-process inject): the ledger's filters, my to-dos for
 * people of each kind, and one item's page (its detail with tasks, record and diagram).
 */
async function benchProvince(): Promise<Figures> {
  const label = 'PostgreSQL';
  const counties = Number(process.env.BENCH_LARGE_COUNTIES ?? 100);
  const perCounty = Number(process.env.BENCH_LARGE_PER_COUNTY ?? 10_000);
  const fresh = await freshDb('postgres');
  const b = await appOn(fresh.db);
  try {
    const s0 = performance.now();
    // A real item at its first step: the template of every running one, and the page measured.
    const tpl = await b.instances.startItem(b.ctx.dir.principal('fengxl')!, { procedureKey: 'three-tasks', title: '全省规模基准事项', source: 'P2.S1', units: ['zjj'], leadUnit: 'zjj' });
    const inst = await b.ctx.db.selectFrom('instances').selectAll().where('id', '=', tpl.instanceId).executeTakeFirstOrThrow();
    const task = await b.ctx.db.selectFrom('tasks').selectAll().where('itemId', '=', tpl.itemId).where('status', '=', 'open').executeTakeFirstOrThrow();
    let x = 7;
    const r = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    const start = Date.parse('2025-01-01T00:00:00+08:00');
    const unitOf = (u: string, c: number) => (c === 0 ? u : `${u}-c${String(c).padStart(3, '0')}`);
    const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${fresh.schema}` });
    await client.connect();
    const seeded = { items: 0, units: 0, instances: 0, tasks: 0 };
    // County by county: the rows of one county in memory at a time.
    for (let c = 0; c < counties; c++) {
      const items: Record<string, unknown>[] = [];
      const units: Record<string, unknown>[] = [];
      const parts: Record<string, unknown>[] = [];
      const instances: Record<string, unknown>[] = [];
      const tasks: Record<string, unknown>[] = [];
      for (let i = c * perCounty; i < (c + 1) * perCounty; i++) {
        const [key, name, cat] = pick(PROCS);
        const createdAt = start + Math.floor(r() * 700 * 86_400_000);
        const roll = r();
        const status = roll < 0.7 ? 'completed' : roll < 0.95 ? 'running' : 'terminated';
        const light = status !== 'running' ? 'green' : pick(['green', 'green', 'green', 'yellow', 'red'] as const);
        const lead = unitOf(pick(UNITS), c);
        const us = r() < 0.3 ? [lead, unitOf(pick(UNITS.filter((u) => unitOf(u, c) !== lead)), c)] : [lead];
        const suffix = String(i).padStart(7, '0');
        const id = `prov-item-${suffix}`;
        const row: Record<string, unknown> = {
          id,
          code: `${cat}-2025-${suffix}`,
          procedureKey: key,
          procedureName: name,
          category: cat,
          title: `${pick(TOPICS)}（第${i}号）`,
          source: '领导批示交办',
          status,
          light,
          dueDate: toLocalDate(createdAt + Math.floor(r() * 60) * 86_400_000),
          originalDueDate: null,
          leadUnitId: lead,
          units: JSON.stringify(us),
          createdBy: c === 0 ? 'fengxl' : `office-c${c}`,
          createdAt,
          updatedAt: createdAt,
          completedAt: status === 'completed' ? createdAt + 86_400_000 : null,
          parentItemId: null,
          searchText: '',
          auditSeq: 0,
          auditHash: '',
        };
        row.searchText = searchTextOf(row as unknown as ItemTable, us.map((u) => b.ctx.dir.unitName(u) ?? u));
        items.push(row);
        for (const u of us) units.push({ itemId: id, unitId: u, isLead: u === lead ? 1 : 0 });
        parts.push({ itemId: id, personId: row.createdBy });
        if (status === 'running') {
          const instId = `prov-inst-${suffix}`;
          instances.push({ ...inst, id: instId, itemId: id, state: inst.state.split(tpl.instanceId).join(instId).split(tpl.itemId).join(id), createdAt, updatedAt: createdAt });
          // The first county's office holds a third of its open steps by role; units hold the rest.
          const byRole = c === 0 && r() < 0.33;
          tasks.push({
            ...task,
            id: task.id.split(tpl.instanceId).join(instId),
            instanceId: instId,
            itemId: id,
            assignType: byRole ? task.assignType : 'unit',
            assignValue: byRole ? task.assignValue : lead,
            assignScope: byRole ? task.assignScope : '',
            candidates: '[]',
            createdAt,
          });
        }
      }
      seeded.items += await copyRows(client, 'items', items);
      seeded.units += await copyRows(client, 'item_units', units);
      await copyRows(client, 'item_participants', parts);
      seeded.instances += await copyRows(client, 'instances', instances);
      seeded.tasks += await copyRows(client, 'tasks', tasks);
    }
    await client.end();
    await maintainDb(b.ctx.db);
    await sql`vacuum (analyze) tasks, instances`.execute(b.ctx.db);
    const seedS = (performance.now() - s0) / 1000;
    console.log(`[${label}] 全省规模：${counties} 个县 × ${perCounty} 件 = ${seeded.items} 件事项（${seeded.units} 条承办单位、${seeded.instances} 个在办流程实例和待办任务），COPY 预置并 vacuum analyze 共 ${round(seedS, 0)} 秒`);

    const tokens = new Map<string, string>();
    const call = async (user: string, url: string) => {
      if (!tokens.has(user)) tokens.set(user, (await b.ctx.tokens.issue(user)).token);
      const t0 = performance.now();
      const res = await b.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.get(user)}` } });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return ms;
    };
    const timed = async (list: [string, string, string][], reps: number) => {
      for (const [, user, url] of list) await call(user, url);
      const all: number[] = [];
      const per: string[] = [];
      for (const [name, user, url] of list) {
        const mine: number[] = [];
        for (let i = 0; i < reps; i++) mine.push(await call(user, url));
        per.push(`${name} ${quantiles(mine).p50}`);
        all.push(...mine);
      }
      return { ...quantiles(all), per: per.join('；') };
    };
    const ledger = await timed(LEDGER_QUERIES, 10);
    const todos = await timed(
      [
        ['督查室（按角色）', 'fengxl', '/api/tasks/todo'],
        ['承办单位（教育局）', 'jyj01', '/api/tasks/todo'],
        ['承办单位（住建局）', 'zjj01', '/api/tasks/todo'],
        ['联系副主任', 'zhenght', '/api/tasks/todo'],
        ['督查室第 3 页', 'fengxl', '/api/tasks/todo?page=3'],
      ],
      20,
    );
    const running = await b.ctx.db.selectFrom('items').select('id').where('status', '=', 'running').where('createdBy', '=', 'fengxl').orderBy('id').limit(5).execute();
    const page = await timed(
      [tpl.itemId, ...running.map((x) => x.id)].map((id, k) => [k === 0 ? '登记的事项' : `预置事项 ${k}`, 'fengxl', `/api/items/${encodeURIComponent(id)}`] as [string, string, string]),
      10,
    );
    const f: Figures = {
      province_items: seeded.items,
      province_seed_s: round(seedS, 0),
      province_ledger_p50_ms: ledger.p50,
      province_ledger_p95_ms: ledger.p95,
      province_todo_p50_ms: todos.p50,
      province_todo_p95_ms: todos.p95,
      province_item_page_p50_ms: page.p50,
      province_item_page_max_ms: page.max,
    };
    console.log(`[${label}] 全省规模台账：p50 ${ledger.p50} ms，p95 ${ledger.p95} ms（目标 ≤ 50 ms）；各筛选中位数（ms）：${ledger.per}`);
    console.log(`[${label}] 全省规模我的待办：p50 ${todos.p50} ms，p95 ${todos.p95} ms（目标 ≤ 20 ms）；${todos.per}`);
    console.log(`[${label}] 全省规模单个事项页面：p50 ${page.p50} ms，最慢 ${page.max} ms（目标 ≤ 30 ms）；${page.per}`);
    return f;
  } finally {
    await b.app.close();
    await fresh.db.destroy();
    await fresh.cleanup();
  }
}

// ------------------------------------------------------------------ (d) peer

/** bpmn-engine on the same diagram, state saved after every wait with getState and resumed with recover. */
async function benchPeer(n: number): Promise<Figures> {
  const sourceContext = await peerSource(THREE_TASKS);
  const once = (i: number) => runPeerInstance(sourceContext, `p${i}`, true);
  for (let i = 0; i < 10; i++) await once(i);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let done = 0;
  while (done < n && performance.now() - t0 < SECONDS * 1000) await once(done++);
  const wall = performance.now() - t0;
  const cpu = cpuMs(process.cpuUsage(c0));
  const f = { peer_instances_per_s: round((done / wall) * 1000, 1), peer_cpu_ms_per_instance: round(cpu / done, 2), peer_steps_per_s: round(((done * 3) / wall) * 1000, 0) };
  console.log(`bpmn-engine（每步 getState/recover，仅存于内存）：${done} 个三步实例，${f.peer_instances_per_s} 实例/秒（${f.peer_steps_per_s} 步/秒），每实例 CPU ${f.peer_cpu_ms_per_instance} ms`);
  return f;
}

// ------------------------------------------------------------------ (e) pgbench

/** pgbench: on the PATH, else in the newest PostgreSQL of the Debian layout. */
function findPgbench(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'pgbench'))) return join(dir, 'pgbench');
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'pgbench'))).sort((x, y) => Number(y) - Number(x));
  return versions.length ? join(base, versions[0], 'bin', 'pgbench') : undefined;
}

/**
 * (e) PostgreSQL's own rate on this server: pgbench's built-in TPC-B-like script (five
 * statements a transaction), scale PGBENCH_SCALE (default 32, so 32 clients do not all wait
 * on one branch row), in a schema of its own, with 1 client and with BENCH_CONCURRENCY clients.
 */
async function benchPgbench(): Promise<Figures> {
  const bin = findPgbench();
  if (!bin) {
    console.log('pgbench：没有找到（它随 PostgreSQL 一同安装），跳过与 pgbench 的对照');
    return { pgbench: 'skipped: pgbench not found' };
  }
  const scale = Number(process.env.PGBENCH_SCALE ?? 32);
  const schema = `pgbench_${process.pid}`;
  const env = { ...process.env, PGOPTIONS: `-c search_path=${schema}` };
  const run = (args: string[]) => execFileSync(bin, [...args, PG_URL!], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const psql = async (text: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await psql(`drop schema if exists ${schema} cascade; create schema ${schema}`);
  try {
    const i0 = performance.now();
    // Server-side data generation (G): far faster than streaming the rows from here.
    run(['-i', '-q', '-I', 'dtGvp', '-s', String(scale)]);
    const initS = (performance.now() - i0) / 1000;
    const tps = (clients: number) => {
      const out = run(['-n', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(SECONDS)]);
      const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(out) ?? /tps = ([\d.]+)/.exec(out);
      return m ? round(Number(m[1]), 0) : null;
    };
    const f: Figures = { pgbench_scale: scale, pgbench_tps_1: tps(1), pgbench_tps_concurrent: tps(CONCURRENCY) };
    console.log(`pgbench（同一 PostgreSQL，内置 TPC-B 类脚本，每事务 5 条语句，规模 ${scale}，初始化 ${round(initS, 0)} 秒）：1 个客户端 ${f.pgbench_tps_1} TPS；${CONCURRENCY} 个客户端 ${f.pgbench_tps_concurrent} TPS`);
    return f;
  } catch (err) {
    const msg = String((err as { stderr?: string }).stderr || (err as Error).message).trim().split('\n')[0];
    console.log(`pgbench 运行失败（${msg}），跳过与 pgbench 的对照`);
    return { pgbench: `failed: ${msg}` };
  } finally {
    await psql(`drop schema if exists ${schema} cascade`);
  }
}

/** Whether DUBAN_TEST_PG_URL reaches a PostgreSQL server; says why not in plain words. */
async function postgresReachable(): Promise<string | undefined> {
  if (!PG_URL) return '未设置 DUBAN_TEST_PG_URL';
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    await c.query('select 1');
    return undefined;
  } catch (err) {
    return `连接 ${PG_URL.replace(/\/\/[^@/]*@/, '//')} 失败：${(err as Error).message}`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

// ------------------------------------------------------------------ main

async function runDatabase(kind: 'sqlite' | 'postgres', peer: Figures): Promise<Figures> {
  const label = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const f: Figures = {};
  if (ONLY.has('complete')) {
    // PostgreSQL's own rate first, in the same minute as ours.
    if (kind === 'postgres') Object.assign(f, await benchPgbench());
    const fresh = await freshDb(kind);
    const counter = new CountingPlugin();
    const b = await appOn(fresh.db, counter);
    try {
      Object.assign(f, await benchRegister(b, counter, label));
      Object.assign(f, await benchComplete(b, counter, label, Number(process.env.BENCH_ITEMS ?? 6000)));
      if (kind === 'sqlite') Object.assign(f, await benchValidation(b));
    } finally {
      await b.app.close();
      await fresh.db.destroy();
      await fresh.cleanup();
    }
    if (kind === 'sqlite') Object.assign(f, await benchStorageFloor(label, Number(process.env.BENCH_FLOOR_ITEMS ?? 1500)));
    // A whole three-step instance persisted per step: one registration and three completions.
    const perInstanceMs = 1000 / Number(f.register_per_s) + (3 * 1000) / Number(f.complete_per_s);
    f.instances_per_s = round(1000 / perInstanceMs, 1);
    f.peer_ratio = round(Number(f.instances_per_s) / Number(peer.peer_instances_per_s), 1);
    console.log(`[${label}] 三步实例全程持久化（登记 1 次 + 办理 3 次，每步一个事务写库）：${f.instances_per_s} 实例/秒，是 bpmn-engine 每步 getState/recover 的 ${f.peer_ratio} 倍`);
    // The ratios the targets are stated in: to the floor measured in this same run.
    const ratio = (x: unknown, y: unknown) => (typeof x === 'number' && typeof y === 'number' && y > 0 ? round(x / y, 2) : null);
    if (kind === 'sqlite') {
      f.complete_concurrent_to_floor = ratio(f.complete_concurrent_per_s, f.floor_per_s);
      console.log(`[${label}] 比值：${CONCURRENCY} 人同时办理是存储下限的 ${f.complete_concurrent_to_floor}（目标 ≥ 0.4）`);
    } else {
      f.complete_to_pgbench_1 = ratio(f.complete_per_s, f.pgbench_tps_1);
      f.complete_concurrent_to_pgbench = ratio(f.complete_concurrent_per_s, f.pgbench_tps_concurrent);
      console.log(
        `[${label}] 比值：1 人办理是 pgbench 1 个客户端的 ${f.complete_to_pgbench_1}（目标 ≥ 0.5）；${CONCURRENCY} 人同时办理是 pgbench ${CONCURRENCY} 个客户端的 ${f.complete_concurrent_to_pgbench}（目标 ≥ 0.5）`,
      );
    }
  }
  if (ONLY.has('http')) Object.assign(f, await benchHttp(kind, label, Number(process.env.BENCH_HTTP_ITEMS ?? 12000)));
  if (ONLY.has('ledger')) Object.assign(f, await benchLedger(kind, label, Number(process.env.BENCH_LEDGER_ITEMS ?? 100_000)));
  return prefixed(kind, f);
}

const prefixed = (kind: string, f: Figures): Figures => Object.fromEntries(Object.entries(f).map(([k, v]) => [`${kind}_${k}`, v]));

async function main(): Promise<void> {
  const figures: Figures = { load_average_1m: round(loadavg()[0], 2), seconds_per_phase: SECONDS };
  console.log(`机器负载（1 分钟平均）：${figures.load_average_1m}；每个计时阶段 ${SECONDS} 秒`);
  const peer = ONLY.has('complete') ? await benchPeer(2000) : {};
  Object.assign(figures, peer);
  Object.assign(figures, await runDatabase('sqlite', peer));
  const unreachable = await postgresReachable();
  if (!unreachable) {
    Object.assign(figures, await runDatabase('postgres', peer));
    if (ONLY.has('scaleout')) Object.assign(figures, prefixed('postgres', await benchScaleOut(Number(process.env.BENCH_SCALEOUT_ITEMS ?? 12000), 300)));
    if (ONLY.has('large') && LARGE) Object.assign(figures, prefixed('postgres', await benchProvince()));
    else if (ONLY.has('large') || !LARGE) console.log('[PostgreSQL] 全省规模（100 万件）阶段需要几分钟，只在 BENCH_LARGE=1 时运行，本次跳过');
  } else {
    figures.postgres = `skipped: ${unreachable}`;
    console.log(`PostgreSQL：${unreachable}，跳过 PostgreSQL 的各个阶段（pgbench 对照、办理、HTTP、台账、横向扩展、全省规模）`);
  }
  console.log(JSON.stringify(figures));
}

if (process.env.BENCH_CHILD === '1') {
  serveChild().catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
