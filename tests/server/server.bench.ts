/**
 * Server benchmark: registering items (one action = one transaction) and reading
 * the to-do list over real HTTP with autocannon, on SQLite and (when
 * DUBAN_TEST_PG_URL is set) PostgreSQL. Run: npx tsx tests/server/server.bench.ts
 * The last line is one JSON object with every figure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { EmbeddedHost } from '../../src/host/EmbeddedHost';
import { buildApp } from '../../src/server/app';
import { createDb, type Db } from '../../src/server/db/database';
import { deployBundled } from '../../src/server/seed';
import { fixture } from './helpers';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);

async function run(name: string, db: Db) {
  const host = new EmbeddedHost({ secret: 'bench' });
  const { app, ctx } = await buildApp({ db, host });
  await deployBundled(ctx, { forms: 'forms', processes: '/nonexistent' });
  await ctx.definitions.deploy(fixture('supervise.bpmn'), 'system', Date.now());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const auth = `Bearer ${host.issueToken('fengxl').token}`;
  let n = 0;
  const start = await autocannon({
    url,
    connections: 10,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        path: '/api/items',
        headers: { authorization: auth, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ procedureKey: 'supervise', title: `压测事项${n++}`, source: 'P2.S1', units: ['jyj'], leadUnit: 'jyj' }) }),
      },
    ],
  });
  const todo = await autocannon({ url: `${url}/api/tasks/todo?pageSize=20`, connections: 10, duration: DURATION, headers: { authorization: auth } });
  const items = await db.selectFrom('items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  await app.close();
  return {
    [`${name}_start_item_rps`]: Math.round(start.requests.average),
    [`${name}_start_item_p50_ms`]: start.latency.p50,
    [`${name}_start_item_p99_ms`]: start.latency.p99,
    [`${name}_start_item_errors`]: start.errors + start.non2xx,
    [`${name}_todo_rps`]: Math.round(todo.requests.average),
    [`${name}_todo_p50_ms`]: todo.latency.p50,
    [`${name}_todo_p99_ms`]: todo.latency.p99,
    [`${name}_items_created`]: Number(items?.n ?? 0),
  };
}

const figures: Record<string, number | string> = { load_average_1m: Math.round(loadavg()[0] * 100) / 100, seconds_per_run: DURATION };
const dir = mkdtempSync(join(tmpdir(), 'duban-bench-'));
const sqlite = await createDb({ url: join(dir, 'bench.sqlite') });
Object.assign(figures, await run('sqlite', sqlite));
await sqlite.destroy();
rmSync(dir, { recursive: true, force: true });

const pgUrl = process.env.DUBAN_TEST_PG_URL;
if (pgUrl) {
  const schema = `bench_${Date.now().toString(36)}`;
  const c = new pg.Client({ connectionString: pgUrl });
  await c.connect();
  await c.query(`create schema ${schema}`);
  const db = await createDb({ url: pgUrl, schema });
  Object.assign(figures, await run('postgres', db));
  await db.destroy();
  await c.query(`drop schema ${schema} cascade`);
  await c.end();
} else {
  figures.postgres = 'skipped: DUBAN_TEST_PG_URL not set';
}
console.log(JSON.stringify(figures));
