/**
 * The ledger (台账) at 100 000 items: every filter combination answers within a
 * budget through the real HTTP route, on each database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { maintainDb } from '../../src/server/db/database';
import { searchTextOf } from '../../src/server/items/item.factory';
import type { ItemTable } from '../../src/server/items/item.table';
import { databases, startServer, type TestServer } from './helpers';

const N = 100_000;
/** Median time budget per query (ms); generous for slow CI machines, far below a missing index. */
const BUDGET_MS = 500;

const UNITS = ['fgj', 'czj', 'jyj', 'wjj', 'zjj', 'jtj', 'nyj', 'zrj', 'sthj', 'scj', 'yjj', 'mzj', 'wlj', 'cgz', 'hxz', 'qtx', 'llx'];
const TOPICS = ['老旧小区改造', '农村公路建设', '校舍安全排查', '秸秆禁烧', '河道清淤', '招商引资项目落地', '食品安全检查', '防汛物资储备', '养老服务中心建设', '文旅项目推进'];
const PROCS = [
  ['p1-decision', '决策督查', 'P1'],
  ['p2-special-case', '专项查办', 'P2'],
  ['p5-order', '县长督办令', 'P5'],
  ['p6-meeting', '常务会议议定事项督办', 'P6'],
];

/** A deterministic pseudo-random sequence. */
function rng(seed: number) {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
}

async function seed(s: TestServer) {
  const r = rng(42);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const start = Date.parse('2025-01-01T00:00:00+08:00');
  const batch = 800;
  for (let off = 0; off < N; off += batch) {
    const items: ItemTable[] = [];
    const units: { itemId: string; unitId: string; isLead: number }[] = [];
    const parts: { itemId: string; personId: string }[] = [];
    for (let i = off; i < Math.min(N, off + batch); i++) {
      const [key, name, cat] = pick(PROCS);
      const createdAt = start + Math.floor(r() * 700 * 86_400_000);
      const due = new Date(createdAt + 8 * 3_600_000 + Math.floor(r() * 60) * 86_400_000).toISOString().slice(0, 10);
      const roll = r();
      const status = roll < 0.7 ? 'completed' : roll < 0.95 ? 'running' : 'terminated';
      const light = status !== 'running' ? 'green' : pick(['green', 'green', 'green', 'yellow', 'red'] as const);
      const lead = pick(UNITS);
      const us = r() < 0.3 ? [lead, pick(UNITS.filter((u) => u !== lead))] : [lead];
      const id = `item-${String(i).padStart(6, '0')}`;
      const code = `${cat}-2025-${String(i).padStart(6, '0')}`;
      const title = `${pick(TOPICS)}（第${i}号）`;
      const row: ItemTable = {
        id,
        code,
        procedureKey: key,
        procedureName: name,
        category: cat,
        title,
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
      row.searchText = searchTextOf(row, us.map((u) => s.ctx.dir.unitName(u)));
      items.push(row);
      us.forEach((u) => units.push({ itemId: id, unitId: u, isLead: u === lead ? 1 : 0 }));
      parts.push({ itemId: id, personId: 'fengxl' });
    }
    await s.ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values(items).execute();
      await trx.insertInto('itemUnits').values(units).execute();
      await trx.insertInto('itemParticipants').values(parts).execute();
    });
  }
}

describe.each(databases())('ledger at 100k items on $name', (database) => {
  let s: TestServer;
  let seedMs = 0;
  beforeAll(async () => {
    s = await startServer(database);
    const t0 = performance.now();
    await seed(s);
    seedMs = performance.now() - t0;
    // What the running server's scheduler does hourly (SQLite) and autovacuum does (PostgreSQL).
    await maintainDb(s.ctx.db);
    if (database.name === 'postgres') await sql`analyze`.execute(s.ctx.db);
  }, 600_000);
  afterAll(async () => {
    await s?.close();
  });

  const queries: [string, string, string][] = [
    ['督查室：默认第一页', 'fengxl', '/api/items'],
    ['督查室：在办红灯按期限', 'fengxl', '/api/items?status=running&light=red&sort=dueDate&order=asc'],
    ['督查室：按单位', 'fengxl', '/api/items?unit=jyj&pageSize=50'],
    ['督查室：关键字', 'fengxl', `/api/items?q=${encodeURIComponent('秸秆禁烧')}`],
    ['督查室：期限区间+流程', 'fengxl', '/api/items?procedure=p5-order&dueFrom=2025-06-01&dueTo=2025-06-30&sort=dueDate'],
    ['督查室：深分页', 'fengxl', '/api/items?page=200&pageSize=50&sort=title&order=asc'],
    ['承办单位：本单位事项', 'jyj01', '/api/items?status=running'],
    ['联系副主任：联系单位黄灯', 'zhenght', '/api/items?light=yellow'],
  ];

  it('answers every filter combination within the budget', async () => {
    const figures: Record<string, number> = {};
    for (const [label, user, url] of queries) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const r = await s.call(user, 'GET', url);
        times.push(performance.now() - t0);
        expect(r.status, `${label} ${JSON.stringify(r.body).slice(0, 200)}`).toBe(200);
        total = r.body.total;
      }
      times.sort((a, b) => a - b);
      figures[label] = Math.round(times[2] * 10) / 10;
      expect(total, label).toBeGreaterThan(0);
      expect(times[2], `${label}: median ${times[2].toFixed(1)} ms`).toBeLessThan(BUDGET_MS);
    }
    console.info(`[duban ledger ${database.name}] seeded ${N} items in ${Math.round(seedMs)} ms; median ms per query: ${JSON.stringify(figures)}`);
  }, 300_000);

  it('filters correctly: counts match the seeded data', async () => {
    const all = await s.call('fengxl', 'GET', '/api/items?pageSize=1');
    expect(all.body.total).toBe(N);
    const red = await s.call('fengxl', 'GET', '/api/items?status=running&light=red&pageSize=200');
    expect(red.body.rows.every((r: any) => r.status === 'running' && r.light === 'red')).toBe(true);
    const unit = await s.call('jyj01', 'GET', '/api/items?pageSize=200');
    expect(unit.body.rows.every((r: any) => r.units.some((u: any) => u.id === 'jyj'))).toBe(true);
    const byDue = await s.call('fengxl', 'GET', '/api/items?sort=dueDate&order=asc&pageSize=100');
    const dues = byDue.body.rows.map((r: any) => r.dueDate);
    expect(dues).toEqual([...dues].sort());
  }, 120_000);
});
