/**
 * Evaluation benchmark (P4), on a SQLite file and (when DUBAN_TEST_PG_URL is set) PostgreSQL:
 * a year of 300 units in two categories and 200,000 scoring events of every kind.
 * - computing the year (count the valid events per unit, kind and month, read the qualitative
 *   scores, score, rank, propose): the bound is 1 s; printed against the floor of the
 *   counting query alone;
 * - opening one unit's breakdown (its events with item and step, its indicators), during the
 *   year and once published: the bound is 100 ms.
 * Medians of repeated runs; the ratios are bound ÷ measured (above 1 is within the bound).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EmbeddedHost } from '../../src/host/EmbeddedHost';
import { buildApp } from '../../src/server/app';
import { createDb, type Db } from '../../src/server/db/database';
import { computeYear, breakdown, publishYear } from '../../src/server/evaluation/evaluation.service';
import { eventRows, type EventFact } from '../../src/server/evaluation/evaluation.events';
import { countYearEvents, insertEvents, insertScheme, saveQualitative } from '../../src/server/evaluation/evaluation.repository';
import { createItem } from '../../src/server/items/item.factory';
import { EVENT_KINDS, type EventKind, type Scheme } from '../../src/shared/evaluation';

const PG_URL = process.env.DUBAN_TEST_PG_URL;
const UNITS = Number(process.env.BENCH_EVAL_UNITS ?? 300);
const EVENTS = Number(process.env.BENCH_EVAL_EVENTS ?? 200_000);
const RUNS = Number(process.env.BENCH_EVAL_RUNS ?? 7);
const YEAR = 2026;

type Figures = Record<string, number | string>;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(runs: number, f: () => Promise<unknown>): Promise<number> {
  await f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

async function freshDb(kind: 'sqlite' | 'postgres'): Promise<{ db: Db; cleanup(): Promise<void> }> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'duban-eval-bench-'));
    const db = await createDb({ url: join(dir, 'bench.sqlite') });
    return { db, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `eval_bench_${process.pid}_${Date.now().toString(36)}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`create schema ${schema}`);
  await c.end();
  const db = await createDb({ url: PG_URL!, schema });
  return {
    db,
    async cleanup() {
      const d = new pg.Client({ connectionString: PG_URL });
      await d.connect();
      await d.query(`drop schema if exists ${schema} cascade`);
      await d.end();
    },
  };
}

async function run(kind: 'sqlite' | 'postgres'): Promise<Figures> {
  const label = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const fresh = await freshDb(kind);
  const host = new EmbeddedHost();
  const b = await buildApp({ db: fresh.db, host });
  try {
    const { ctx } = b;
    const real = ctx.dir.snapshot.units.filter((u) => u.kind !== 'office').map((u) => u.id);
    const units = [...real, ...Array.from({ length: UNITS - real.length }, (_, i) => `bench-unit-${i}`)];
    const scheme: Scheme = {
      year: YEAR,
      title: '基准方案',
      categories: [
        { id: 'a', name: '县直部门', units: units.filter((_, i) => i % 2 === 0) },
        { id: 'b', name: '乡镇', units: units.filter((_, i) => i % 2 === 1) },
      ],
      indicators: [
        { id: 'rate', name: '按期办结', type: 'quantitative', weight: 30, rule: { kind: 'onTimeRate', bands: [{ minRate: 0.95, points: 30 }, { minRate: 0.8, points: 24 }, { minRate: 0, points: 10 }] } },
        { id: 'urge', name: '被催办', type: 'quantitative', weight: 10, rule: { kind: 'perEvent', events: ['urge'], points: -0.5, base: 10 } },
        { id: 'praise', name: '表扬', type: 'quantitative', weight: 10, rule: { kind: 'perEvent', events: ['circular.praise', 'rectification.done'], points: 1, base: 5 } },
        { id: 'critic', name: '批评', type: 'quantitative', weight: 10, rule: { kind: 'perEvent', events: ['circular.criticism', 'rectification.failed', 'extension'], points: -1, base: 10 } },
        { id: 'order', name: '督办令', type: 'quantitative', weight: 20, rule: { kind: 'perEvent', events: ['order.missed', 'interview', 'accountability'], points: -5, base: 20 } },
        { id: 'q', name: '定性', type: 'qualitative', weight: 20, evaluators: ['linsf', 'qianzy'], min: 0, max: 20 },
      ],
      commendation: { topN: 5, excludeKinds: ['accountability'] },
      appealDays: 10,
    };
    await insertScheme(ctx.db, { year: YEAR, version: 1, data: JSON.stringify(scheme), createdBy: 'linsf', createdAt: Date.now() });
    const items: Awaited<ReturnType<typeof createItem>>[] = [];
    for (let i = 0; i < 200; i++) {
      items.push(await createItem(ctx.db, ctx.dir, { procedureKey: 'p2-special-case', procedureName: '专项查办', category: 'P2', title: `基准事项${i}`, source: null, units: [], leadUnitId: null, dueDate: null, createdBy: 'fengxl', code: `B-${i}` }, Date.now()));
    }
    const kinds = Object.keys(EVENT_KINDS) as EventKind[];
    // Mostly task outcomes and urges, some of every other kind.
    const weighted: EventKind[] = [...Array(8).fill('task.onTime'), 'task.overdue', 'task.overdue', 'urge', 'urge', 'urge', ...kinds];
    const loadStart = performance.now();
    for (let start = 0; start < EVENTS; start += 2000) {
      const batch: ReturnType<typeof eventRows> = [];
      for (let i = start; i < Math.min(EVENTS, start + 2000); i++) {
        const fact: EventFact = { kind: weighted[i % weighted.length], unitId: units[(i * 7919) % units.length], itemId: items[i % items.length].id, key: `b${i}` };
        batch.push(...eventRows([fact], Date.UTC(YEAR, i % 12, 1 + (i % 27), 2)));
      }
      await insertEvents(ctx.db, batch);
    }
    for (const u of units) for (const p of ['linsf', 'qianzy']) await saveQualitative(ctx.db, { year: YEAR, indicatorId: 'q', unitId: u, evaluatorId: p, score: 10 + (u.length % 10), updatedAt: Date.now() });
    console.log(`[${label}] 载入 ${units.length} 个单位、${EVENTS} 条考核事件：${round((performance.now() - loadStart) / 1000)} 秒`);

    const floorMs = await time(RUNS, () => countYearEvents(ctx.db, YEAR));
    const yearMs = await time(RUNS, () => computeYear(ctx.db, YEAR, scheme, 1));
    const check = await computeYear(ctx.db, YEAR, scheme, 1);
    if (check.units.length !== units.length) throw new Error(`expected ${units.length} units, got ${check.units.length}`);
    console.log(`[${label}] 计算全年（${units.length} 个单位、${EVENTS} 条事件）：${round(yearMs)} ms，上限 1000 ms 的 ${round(1000 / yearMs)} 倍余量；其中只在数据库中按单位、类型、月份计数的下限 ${round(floorMs)} ms（计算/读取 ${round(yearMs / floorMs, 2)}）`);

    const r15 = ctx.dir.principal('linsf')!;
    const unitId = real[0];
    const liveMs = await time(RUNS * 3, () => breakdown(ctx, r15, YEAR, unitId));
    await b.instances.transact(null, async (s) => publishYear(s.trx, YEAR, items[0].id, Date.now()));
    const publishedMs = await time(RUNS * 3, () => breakdown(ctx, r15, YEAR, unitId));
    const shown = await breakdown(ctx, r15, YEAR, unitId);
    console.log(`[${label}] 打开一个单位的明细（${shown.events.length} 条事件）：年内 ${round(liveMs)} ms、公布后 ${round(publishedMs)} ms，上限 100 ms 的 ${round(100 / Math.max(liveMs, publishedMs))} 倍余量`);
    return {
      [`${kind}_units`]: units.length,
      [`${kind}_events`]: EVENTS,
      [`${kind}_year_ms`]: round(yearMs),
      [`${kind}_year_read_floor_ms`]: round(floorMs),
      [`${kind}_year_bound_ratio`]: round(1000 / yearMs, 2),
      [`${kind}_breakdown_live_ms`]: round(liveMs, 2),
      [`${kind}_breakdown_published_ms`]: round(publishedMs, 2),
      [`${kind}_breakdown_events`]: shown.events.length,
      [`${kind}_breakdown_bound_ratio`]: round(100 / Math.max(liveMs, publishedMs), 2),
    };
  } finally {
    await b.scheduler.stop();
    await b.app.close();
    await fresh.db.destroy();
    await fresh.cleanup();
  }
}

async function main(): Promise<void> {
  const figures: Figures = { load_average_1m: round(loadavg()[0], 2) };
  console.log(`机器负载（1 分钟平均）：${figures.load_average_1m}`);
  Object.assign(figures, await run('sqlite'));
  if (PG_URL) Object.assign(figures, await run('postgres'));
  else {
    figures.postgres = 'skipped: DUBAN_TEST_PG_URL not set';
    console.log('PostgreSQL：未设置 DUBAN_TEST_PG_URL，跳过');
  }
  console.log(JSON.stringify(figures));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
