/**
 * The ledger (台账): every filter, sort and page returns exactly the rows a plain
 * in-memory filter of the seeded items gives, for leaders, units and liaisons; the
 * query plans use an index for the main filters. Speed is measured in
 * tests/bench/server.bench.ts, not here.
 */
import { CompiledQuery, sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { maintainDb } from '../../src/server/db/database';
import { flushSearchIndex } from '../../src/server/db/search-index';
import { searchTextOf } from '../../src/server/items/item.factory';
import { ledgerCount, ledgerCountCap, ledgerPage, ledgerScope, queryLedger, unitsVisibleTo, type LedgerFilter, type LedgerSort } from '../../src/server/items/item.repository';
import type { ItemTable } from '../../src/server/items/item.table';
import { databases, registrationData, startServer, type TestServer } from './helpers';

const N = 3000;
const UNITS = ['fgj', 'czj', 'jyj', 'wjj', 'zjj', 'jtj', 'nyj', 'zrj', 'cgz'];
const PROCS = [
  ['p1-decision', '决策督查', 'P1'],
  ['p2-special-case', '专项查办', 'P2'],
  ['p5-order', '县长督办令', 'P5'],
];

interface Seeded extends ItemTable {
  unitIds: string[];
  people: string[];
}

/** A deterministic pseudo-random sequence. */
function rng(seed: number) {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/**
 * Items with ASCII-ordered titles (duplicates on purpose, so the id tie-breaker matters),
 * missing deadlines, equal timestamps, child items, several units and participants.
 */
async function seed(s: TestServer): Promise<Seeded[]> {
  const r = rng(7);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const start = Date.parse('2025-01-01T00:00:00+08:00');
  const all: Seeded[] = [];
  for (let i = 0; i < N; i++) {
    const [key, name, cat] = pick(PROCS);
    // Minutes, not milliseconds: many items share a creation time.
    const createdAt = start + Math.floor(r() * 2000) * 60_000;
    const roll = r();
    const status = roll < 0.6 ? 'completed' : roll < 0.9 ? 'running' : 'terminated';
    const lead = pick(UNITS);
    const unitIds = r() < 0.3 ? [lead, pick(UNITS.filter((u) => u !== lead))] : [lead];
    const id = `item-${String(i).padStart(5, '0')}`;
    const parent = i > 100 && r() < 0.15 ? all[Math.floor(r() * 100)] : undefined;
    const row: Seeded = {
      id,
      code: `${cat}-2025-${String(i).padStart(5, '0')}`,
      procedureKey: key,
      procedureName: name,
      category: cat,
      title: `Q${String(Math.floor(r() * 400)).padStart(3, '0')} 督办事项`,
      source: '领导批示交办',
      status: status as ItemTable['status'],
      light: status !== 'running' ? 'green' : pick(['green', 'yellow', 'red'] as const),
      dueDate: r() < 0.1 ? null : `2025-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`,
      originalDueDate: null,
      leadUnitId: lead,
      units: JSON.stringify(unitIds),
      createdBy: 'fengxl',
      createdAt,
      updatedAt: createdAt + Math.floor(r() * 50) * 60_000,
      completedAt: status === 'completed' ? createdAt + 86_400_000 : null,
      parentItemId: parent?.id ?? null,
      searchText: '',
      auditSeq: 0,
      auditHash: '',
      unitIds,
      people: r() < 0.1 ? ['fengxl', 'jyj01'] : ['fengxl'],
    };
    row.searchText = searchTextOf(row, unitIds.map((u) => s.ctx.dir.unitName(u)));
    all.push(row);
  }
  for (let off = 0; off < N; off += 250) {
    const chunk = all.slice(off, off + 250);
    await s.ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values(chunk.map(({ unitIds: _u, people: _p, ...row }) => row)).execute();
      await trx.insertInto('itemUnits').values(chunk.flatMap((it) => it.unitIds.map((unitId) => ({ itemId: it.id, unitId, isLead: unitId === it.leadUnitId ? 1 : 0 })))).execute();
      await trx.insertInto('itemParticipants').values(chunk.flatMap((it) => it.people.map((personId) => ({ itemId: it.id, personId })))).execute();
    });
  }
  return all;
}

/** The ledger as a plain filter and sort over the seeded rows. */
function expected(s: TestServer, all: Seeded[], userId: string, f: LedgerFilter, sort: LedgerSort, order: 'asc' | 'desc') {
  const p = s.ctx.dir.principal(userId)!;
  const units = unitsVisibleTo(p);
  const rows = all.filter(
    (it) =>
      (p.seesAllItems || it.people.includes(p.id) || it.unitIds.some((u) => units.includes(u))) &&
      (!f.procedure || it.procedureKey === f.procedure) &&
      (!f.status || it.status === f.status) &&
      (!f.light || it.light === f.light) &&
      (!f.dueFrom || (it.dueDate !== null && it.dueDate >= f.dueFrom)) &&
      (!f.dueTo || (it.dueDate !== null && it.dueDate <= f.dueTo)) &&
      (f.parent === 'all' || it.parentItemId === null) &&
      (!f.unit || it.unitIds.includes(f.unit)) &&
      (!f.q || it.searchText.includes(f.q.toLowerCase())),
  );
  const dir = order === 'asc' ? 1 : -1;
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => {
    if (sort === 'dueDate') {
      if ((a.dueDate === null) !== (b.dueDate === null)) return a.dueDate === null ? 1 : -1;
      const c = cmp(a.dueDate ?? '', b.dueDate ?? '');
      if (c) return c * dir;
    } else {
      const c = cmp(a[sort], b[sort]);
      if (c) return c * dir;
    }
    return cmp(a.id, b.id) * dir;
  });
  return rows.map((r) => r.id);
}

const FILTERS: LedgerFilter[] = [
  {},
  { status: 'running' },
  { status: 'running', light: 'red' },
  { light: 'yellow' },
  { procedure: 'p5-order' },
  { procedure: 'p2-special-case', status: 'completed' },
  { unit: 'jyj' },
  { unit: 'zjj', status: 'running' },
  { dueFrom: '2025-03-01', dueTo: '2025-05-31' },
  { procedure: 'p1-decision', dueFrom: '2025-06-01' },
  { q: 'q01' },
  { q: '住房', light: 'green' },
  { parent: 'all' },
  { parent: 'all', unit: 'nyj', status: 'running' },
];
const SORTS: [LedgerSort, 'asc' | 'desc'][] = [
  ['createdAt', 'desc'],
  ['createdAt', 'asc'],
  ['dueDate', 'asc'],
  ['dueDate', 'desc'],
  ['title', 'asc'],
  ['title', 'desc'],
  ['updatedAt', 'desc'],
  ['updatedAt', 'asc'],
];
const USERS = ['fengxl', 'jyj01', 'zhenght'];

const query = (f: LedgerFilter, sort: LedgerSort, order: string, page: number, pageSize: number) => {
  const params = new URLSearchParams({ ...(f as Record<string, string>), sort, order, page: String(page), pageSize: String(pageSize) });
  return `/api/items?${params}`;
};

describe.each(databases())('ledger on $name', (database) => {
  let s: TestServer;
  let all: Seeded[];
  beforeAll(async () => {
    s = await startServer(database);
    all = await seed(s);
    // What the running server's scheduler does hourly (and autovacuum, later, on PostgreSQL).
    await maintainDb(s.ctx.db);
    if (database.name === 'postgres') await sql`analyze`.execute(s.ctx.db);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('returns exactly the visible, filtered, sorted rows and totals, page by page', async () => {
    let checked = 0;
    let capped = 0;
    for (const user of USERS) {
      for (const [fi, f] of FILTERS.entries()) {
        // Every sort for the office; for the others a rotating half, to stay quick.
        const sorts = user === 'fengxl' ? SORTS : SORTS.filter((_, i) => (i + fi) % 2 === 0);
        for (const [sort, order] of sorts) {
          const want = expected(s, all, user, f, sort, order);
          for (const [page, pageSize] of [[1, 50], [3, 17]] as const) {
            const r = await s.call(user, 'GET', query(f, sort, order, page, pageSize));
            const label = `${user} ${JSON.stringify(f)} ${sort} ${order} page ${page}`;
            expect(r.status, label).toBe(200);
            const cap = ledgerCountCap(s.ctx.dir.principal(user)!, f);
            expect(r.body.total, label).toBe(Math.min(want.length, cap));
            expect(r.body.totalCapped, label).toBe(want.length > cap);
            expect(r.body.rows.map((x: { id: string }) => x.id), label).toEqual(want.slice((page - 1) * pageSize, page * pageSize));
            checked++;
            if (want.length > cap) capped++;
          }
        }
      }
    }
    // The seed makes each user see something, and units see less than the office.
    expect(expected(s, all, 'jyj01', {}, 'createdAt', 'desc').length).toBeGreaterThan(0);
    expect(expected(s, all, 'zhenght', {}, 'createdAt', 'desc').length).toBeLessThan(expected(s, all, 'fengxl', {}, 'createdAt', 'desc').length);
    expect(checked).toBeGreaterThan(400);
    // Units and liaisons count up to LEDGER_JOINED_COUNT_CAP: some of these views go past it.
    expect(capped).toBeGreaterThan(0);
  }, 120_000);

  it('finds the same rows whichever way the query is written, and counts up to the cap', async () => {
    const db = s.ctx.db;
    let checked = 0;
    for (const user of USERS) {
      const scope = await ledgerScope(db, s.ctx.dir.principal(user)!);
      // Every viewer both ways: their items gathered first, and checked row by row (as if they reached many).
      for (const reach of user === 'fengxl' ? [0] : [0, 1e9]) {
        const sc = { ...scope, reach };
        for (const [fi, f] of FILTERS.entries()) {
          for (const [sort, order] of SORTS.filter((_, i) => (i + fi) % 3 === 0)) {
            const want = expected(s, all, user, f, sort, order);
            const label = `${user} reach=${reach} ${JSON.stringify(f)} ${sort} ${order}`;
            for (const mode of ['search', 'walk'] as const) {
              const rows = await ledgerPage(db, sc, f, sort, order, 2, 30, mode).execute();
              expect(rows.map((r) => r.id), `${label} ${mode}`).toEqual(want.slice(30, 60));
            }
            const n = Number((await ledgerCount(db, sc, f, 100).executeTakeFirst())?.n);
            expect(n, label).toBe(Math.min(want.length, 101));
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(80);
  }, 120_000);

  it('reports a capped total and still serves the pages past the cap', async () => {
    for (const [user, f] of [['fengxl', {}], ['fengxl', { status: 'completed' }], ['jyj01', {}], ['zhenght', { unit: 'nyj' }]] as [string, LedgerFilter][]) {
      const want = expected(s, all, user, f, 'createdAt', 'desc');
      expect(want.length, user).toBeGreaterThan(200);
      for (const page of [1, 8, 12]) {
        const r = await queryLedger(s.ctx.db, s.ctx.dir.principal(user)!, f, 'createdAt', 'desc', page, 20, 100);
        expect({ total: r.total, capped: r.capped }, `${user} page ${page}`).toEqual({ total: 100, capped: true });
        expect(r.rows.map((x) => x.id), `${user} page ${page}`).toEqual(want.slice((page - 1) * 20, page * 20));
      }
    }
  });

  it('pages past the end are empty and keep the total', async () => {
    const want = expected(s, all, 'fengxl', { status: 'running' }, 'title', 'asc');
    const r = await s.call('fengxl', 'GET', query({ status: 'running' }, 'title', 'asc', 200, 200));
    expect(r.body.total).toBe(want.length);
    expect(r.body.rows).toEqual([]);
  });

  it('serves the main filters from an index, not a scan of every item', async () => {
    const db = s.ctx.db;
    const plan = async (userId: string, f: LedgerFilter, sort: LedgerSort = 'createdAt', order: 'asc' | 'desc' = 'desc'): Promise<string> => {
      const scope = await ledgerScope(db, s.ctx.dir.principal(userId)!);
      const out: string[] = [];
      const queries = [ledgerPage(db, scope, f, sort, order, 1, 20), ledgerPage(db, scope, f, sort, order, 1, 20, 'walk'), ledgerCount(db, scope, f, 1000)];
      for (const c of queries.map((q) => q.compile())) {
        if (database.name === 'sqlite') {
          const r = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]));
          out.push(...r.rows.map((x) => x.detail));
        } else {
          // Seq scans off: a sequential scan that remains means no index can serve the filter.
          const r = await db.connection().execute(async (conn) => {
            await sql`set enable_seqscan = off`.execute(conn);
            try {
              return await conn.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${c.sql}`, [...c.parameters]));
            } finally {
              await sql`reset enable_seqscan`.execute(conn);
            }
          });
          out.push(...r.rows.map((x) => x['QUERY PLAN']));
        }
      }
      return out.join('\n');
    };
    const fullScan = database.name === 'sqlite' ? /^SCAN items$/m : /Seq Scan on items\b/;
    const cases: [string, LedgerFilter, LedgerSort?, ('asc' | 'desc')?][] = [
      ['fengxl', {}],
      ['fengxl', { status: 'running', light: 'red' }, 'dueDate', 'asc'],
      ['fengxl', { procedure: 'p5-order' }],
      ['fengxl', { light: 'yellow' }],
      ['fengxl', { unit: 'jyj' }],
      ['fengxl', {}, 'title', 'asc'],
      ['fengxl', {}, 'updatedAt', 'desc'],
      ['jyj01', { status: 'running' }],
      ['zhenght', { light: 'yellow' }],
    ];
    for (const [user, f, sort, order] of cases) {
      const text = await plan(user, f, sort, order);
      expect(text, `${user} ${JSON.stringify(f)} ${sort ?? ''}\n${text}`).not.toMatch(fullScan);
      if (f.unit || user !== 'fengxl') expect(text, text).toMatch(database.name === 'sqlite' ? /(SEARCH|SCAN) (fu|iu|ip) USING (COVERING )?INDEX/ : /(Index (Only )?Scan using|Bitmap Index Scan on) (item_units|item_participants)/);
    }
  });
});

describe.each(databases())('ledger search on $name', (database) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn'] });
  });
  afterEach(async () => {
    await s.close();
  });

  /** Register an item through the API (its search text and index entries are the app's own). */
  const register = async (title: string, unit: string) => {
    const r = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'supervise', title, source: 'P2.S1', units: [unit], leadUnit: unit });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { itemId: string; code: string };
  };
  const found = async (user: string, q: string) => {
    const r = await s.call(user, 'GET', `/api/items?q=${encodeURIComponent(q)}`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(r.body.rows.length);
    return r.body.rows.map((x: { title: string }) => x.title).sort();
  };

  it('finds words of one, two and more characters, codes in any case, and the new title once it changes', async () => {
    const a = await register('秸秆禁烧专项督查', 'zjj');
    await register('河道清淤工程推进', 'jyj');
    await register('完成率100%_的事项', 'wjj');
    // New texts are found before SQLite's index takes them in (the scheduler does it each poll), and after.
    expect(await found('fengxl', '秸秆禁烧')).toEqual(['秸秆禁烧专项督查']);
    expect(await flushSearchIndex(s.ctx.db)).toBe(database.name === 'sqlite' ? 3 : 0);
    expect(await found('fengxl', '秸秆禁烧')).toEqual(['秸秆禁烧专项督查']);
    expect(await found('fengxl', '禁烧')).toEqual(['秸秆禁烧专项督查']);
    expect(await found('fengxl', '淤')).toEqual(['河道清淤工程推进']);
    expect(await found('fengxl', '工程推进')).toEqual(['河道清淤工程推进']);
    expect(await found('fengxl', '住房和城乡')).toEqual(['秸秆禁烧专项督查']);
    expect(await found('fengxl', a.code.toUpperCase())).toEqual(['秸秆禁烧专项督查']);
    // Pattern characters are plain text, through the index as well as without it.
    expect(await found('fengxl', '100%_')).toEqual(['完成率100%_的事项']);
    expect(await found('fengxl', '%_')).toEqual(['完成率100%_的事项']);
    expect(await found('fengxl', '0%x')).toEqual([]);
    expect(await found('fengxl', '"秸秆')).toEqual([]);

    // The registration form renames the item: the search follows.
    const task = (await s.call('fengxl', 'GET', '/api/tasks/todo')).body.rows.find((t: { itemId: string }) => t.itemId === a.itemId);
    const done = await s.call('fengxl', 'POST', `/api/tasks/${task.id}/complete`, { data: registrationData({ title: '农村公路建设督查' }) });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    for (const flushed of [false, true]) {
      if (flushed) expect(await flushSearchIndex(s.ctx.db)).toBe(database.name === 'sqlite' ? 1 : 0);
      expect(await found('fengxl', '秸秆禁烧'), `flushed ${flushed}`).toEqual([]);
      expect(await found('fengxl', '秸秆')).toEqual([]);
      expect(await found('fengxl', '农村公路建设'), `flushed ${flushed}`).toEqual(['农村公路建设督查']);
      expect(await found('fengxl', '公路')).toEqual(['农村公路建设督查']);
    }

    // Text of three characters or more is looked up in the trigram index.
    const db = s.ctx.db;
    const scope = await ledgerScope(db, s.ctx.dir.principal('fengxl')!);
    if (database.name === 'sqlite') {
      const c = ledgerCount(db, scope, { q: '农村公路' }, 1000).compile();
      const plan = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${c.sql}`, [...c.parameters]));
      expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(/VIRTUAL TABLE/);
    } else {
      // With three items any plan is cheap: plain scans off, the like can only use the trigram index.
      const plan = await db.connection().execute(async (conn) => {
        await sql`set enable_seqscan = off`.execute(conn);
        await sql`set enable_indexscan = off`.execute(conn);
        try {
          return await conn.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain select count(*) from items where search_text like $1 escape '\\'`, ['%农村公路%']));
        } finally {
          await sql`reset enable_seqscan`.execute(conn);
          await sql`reset enable_indexscan`.execute(conn);
        }
      });
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/items_search_trgm/);
    }
  });

  it('keeps each unit to its own items when searching', async () => {
    await register('春季校园安全检查', 'jyj');
    await register('春季河道安全检查', 'zjj');
    await register('春季道路安全检查', 'nyj');
    expect(await found('fengxl', '安全检查')).toEqual(['春季校园安全检查', '春季河道安全检查', '春季道路安全检查'].sort());
    expect(await found('jyj01', '安全检查')).toEqual(['春季校园安全检查']);
    expect(await found('jyj01', '春')).toEqual(['春季校园安全检查']);
    expect(await found('jyj01', '河道')).toEqual([]);
    expect(await found('zjj01', '春季河道安全')).toEqual(['春季河道安全检查']);
    expect(await found('zhenght', '安全检查')).toEqual(['春季道路安全检查']);
    // The same when the viewer's items are checked row by row (as for those who read many).
    for (const [user, title] of [['jyj01', '春季校园安全检查'], ['zhenght', '春季道路安全检查']]) {
      const scope = { ...(await ledgerScope(s.ctx.db, s.ctx.dir.principal(user)!)), reach: 1e9 };
      for (const mode of ['search', 'walk'] as const) {
        const rows = await ledgerPage(s.ctx.db, scope, { q: '安全检查' }, 'createdAt', 'desc', 1, 20, mode).execute();
        expect(rows.map((r) => r.title), `${user} ${mode}`).toEqual([title]);
      }
      expect(Number((await ledgerCount(s.ctx.db, scope, { q: '安全检查' }, 1000).executeTakeFirst())?.n)).toBe(1);
    }
  });
});
