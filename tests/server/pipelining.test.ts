/**
 * Writes that travel together: on PostgreSQL an action's writes wait and go to the server
 * with its next query or its commit, with their values written into the SQL text. Whatever
 * a person types comes back exactly as typed, a failing write still fails its action whole,
 * and the connection is fine afterwards. On SQLite the same actions run as before.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/server/audit/audit.service';
import { createDb, type Db } from '../../src/server/db/database';
import { insertRows, updateById } from '../../src/server/db/prepared';
import { databases, PG_URL, registrationData, startServer, type FreshDb, type TestServer } from './helpers';

/** Text that means something to SQL, to the driver's placeholders or to JSON. */
const AWKWARD = [
  "O'Brien ''引号'' 与 \\反斜杠\\ 与 E'转义' 与 $1 $2 $$美元$$",
  '-- 不是注释 /* 也不是 */ ; drop table items; --',
  '换行\n制表\t回车\r 表情 🧾 全角　空格 “中文引号”',
  '{"json": "像 JSON 的文字", "n": [1, 2]}',
].join(' | ');

describe.each(databases())('writes of an action on $name', (database) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn'] });
  });
  afterEach(async () => {
    await s.close();
  });

  it('keeps what a person typed exactly, in the task, the item and the verified record', async () => {
    const title = `督办 ${AWKWARD}`.slice(0, 180);
    const r = await s.call('fengxl', 'POST', '/api/items', {
      procedureKey: 'supervise',
      title,
      source: 'P2.S1',
      units: ['zjj'],
      leadUnit: 'zjj',
      vars: { content: AWKWARD },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const itemId = r.body.itemId as string;
    const todo = await s.call('fengxl', 'GET', '/api/tasks/todo');
    const task = todo.body.rows.find((t: any) => t.itemId === itemId);
    const done = await s.call('fengxl', 'POST', `/api/tasks/${task.id}/complete`, { opinion: AWKWARD, data: registrationData({ title, content: AWKWARD }) });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    const row = await s.ctx.db.selectFrom('tasks').select(['opinion', 'formData', 'status']).where('id', '=', task.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('completed');
    expect(row.opinion).toBe(AWKWARD);
    expect(JSON.parse(row.formData!).content).toBe(AWKWARD);
    const item = await s.call('fengxl', 'GET', `/api/items/${itemId}`);
    expect(item.status).toBe(200);
    expect(item.body.title ?? item.body.item?.title).toBe(title.trim());
    const audit = await s.ctx.db.selectFrom('auditLog').select(['opinion']).where('itemId', '=', itemId).where('opinion', 'is not', null).execute();
    expect(audit.map((a) => a.opinion)).toContain(AWKWARD);
    expect((await verifyAudit(s.ctx.db, itemId)).ok).toBe(true);
  });
});

describe.skipIf(!PG_URL)('waiting writes on PostgreSQL', () => {
  let fresh: FreshDb;
  let db: Db;
  beforeEach(async () => {
    const pgdb = databases().find((d) => d.name === 'postgres')!;
    fresh = await pgdb.fresh({ migrate: false });
    db = fresh.db;
    await sql`create table t (id text primary key, v text, n integer, at bigint)`.execute(db);
  });
  afterEach(async () => {
    await fresh.cleanup();
  });

  const rows = async () => (await sql<{ id: string; v: string | null; n: number | null }>`select id, v, n from t order by id`.execute(db)).rows;

  it('runs waiting writes in order before the query that follows them', async () => {
    const seen = await db.transaction().execute(async (trx) => {
      await insertRows(trx, 't' as never, ['id', 'v', 'n', 'at'], [{ id: 'a', v: AWKWARD, n: 1, at: 1_767_225_600_000 }]);
      await updateById(trx, 't', 'a', { n: 2 }, undefined, true);
      await insertRows(trx, 't' as never, ['id', 'v', 'n', 'at'], [{ id: 'b', v: null, n: null, at: null }]);
      return (await sql<{ id: string; v: string | null; n: number | null; at: number | null }>`select id, v, n, at from t order by id`.execute(trx)).rows;
    });
    expect(seen).toEqual([
      { id: 'a', v: AWKWARD, n: 2, at: 1_767_225_600_000 },
      { id: 'b', v: null, n: null, at: null },
    ]);
    expect(await rows()).toEqual([
      { id: 'a', v: AWKWARD, n: 2 },
      { id: 'b', v: null, n: null },
    ]);
  });

  it('fails the whole transaction when a waiting write fails, and the connection serves the next one', async () => {
    await insertRows(db, 't' as never, ['id', 'v'], [{ id: 'a', v: '已有' }]);
    const failed = db.transaction().execute(async (trx) => {
      await insertRows(trx, 't' as never, ['id', 'v'], [{ id: 'b', v: '新的' }]);
      // Same key as a committed row: fails on the server, with the commit it travels with.
      await insertRows(trx, 't' as never, ['id', 'v'], [{ id: 'a', v: '重复' }]);
    });
    await expect(failed).rejects.toMatchObject({ code: '23505' });
    expect(await rows()).toEqual([{ id: 'a', v: '已有', n: null }]);
    // Every pooled connection still works, inside and outside transactions.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await insertRows(trx, 't' as never, ['id', 'v'], [{ id: `c${i}`, v: String(i) }]);
        }),
      ),
    );
    expect((await rows()).length).toBe(11);
  });

  it('sends nothing for a transaction that wrote nothing, and rolls back what waited when the action throws', async () => {
    await db.transaction().execute(async () => undefined);
    const thrown = db.transaction().execute(async (trx) => {
      await insertRows(trx, 't' as never, ['id', 'v'], [{ id: 'x', v: '不该留下' }]);
      throw new Error('动作被拒绝');
    });
    await expect(thrown).rejects.toThrow('动作被拒绝');
    expect(await rows()).toEqual([]);
  });

  it('opens a second handle on the same schema as a second server process would', async () => {
    const other = await createDb({ url: PG_URL!, schema: fresh.schema, migrate: false });
    try {
      await other.transaction().execute(async (trx) => {
        await insertRows(trx, 't' as never, ['id', 'v'], [{ id: 'p2', v: '另一进程' }]);
      });
      expect(await rows()).toEqual([{ id: 'p2', v: '另一进程', n: null }]);
    } finally {
      await other.destroy();
    }
  });
});
