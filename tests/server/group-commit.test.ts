/**
 * Group commit on SQLite: concurrent actions share one commit, each stays atomic, a
 * failing one leaves no trace and the others still land; nobody is answered before the
 * commit; the WAL is checkpointed by the background thread.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/server/db/database';
import { GroupCommit } from '../../src/server/db/group-commit';

describe('group commit on SQLite', () => {
  let dir: string;
  let file: string;
  let db: Db;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duban-gc-'));
    file = join(dir, 'duban.sqlite');
    db = await createDb({ url: file, migrate: false });
    await sql`create table t (id integer primary key, v text not null unique)`.execute(db);
  });

  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What another process sees: only committed rows. */
  const committed = () => {
    const other = new BetterSqlite3(file, { readonly: true });
    try {
      return (other.prepare('select v from t order by id').all() as { v: string }[]).map((r) => r.v);
    } finally {
      other.close();
    }
  };

  const insert = (writer: GroupCommit, v: string, fail = false) =>
    writer.run(async (trx) => {
      await sql`insert into t (v) values (${v})`.execute(trx);
      await sql`insert into t (v) values (${`${v}-second`})`.execute(trx);
      if (fail) throw new Error(`action ${v} refused`);
      return v;
    });

  it('commits concurrent actions together and keeps a failing one out, whole', async () => {
    const writer = new GroupCommit(db);
    const results = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map((v) => insert(writer, v, v === 'c')));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason.message).toBe('action c refused');
    // Neither of c's two rows is there; every other action has both.
    expect(committed()).toEqual(['a', 'a-second', 'b', 'b-second', 'd', 'd-second', 'e', 'e-second']);
    // Fewer commits than actions: they were grouped.
    expect(writer.stats.actions).toBe(4);
    expect(writer.stats.batches).toBeLessThan(4);
  });

  it('answers an action only once its commit is durable', async () => {
    const writer = new GroupCommit(db);
    const seenAtAnswer: string[][] = [];
    await Promise.all(
      ['x', 'y', 'z'].map((v) =>
        insert(writer, v).then(() => {
          seenAtAnswer.push(committed());
        }),
      ),
    );
    // Every answer came after its own rows were visible to another connection.
    for (const [i, v] of ['x', 'y', 'z'].entries()) expect(seenAtAnswer[i]).toContain(v);
  });

  it('a lone failing action rolls back and the next one runs on a clean transaction', async () => {
    const writer = new GroupCommit(db);
    await expect(insert(writer, 'alone', true)).rejects.toThrow('refused');
    await expect(insert(writer, 'next')).resolves.toBe('next');
    // A constraint error inside a grouped action is contained the same way.
    const dup = await Promise.allSettled([insert(writer, 'p'), insert(writer, 'next'), insert(writer, 'q')]);
    expect(dup.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(committed()).toEqual(['next', 'next-second', 'p', 'p-second', 'q', 'q-second']);
  });

  it('keeps the WAL small without the writer checkpointing', async () => {
    // The writer itself checkpoints only past its (fallback) limit, far above what is written here.
    const limit = (await sql<{ walAutocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0].walAutocheckpoint;
    expect(limit * 4096).toBeGreaterThan(16_000_000);
    const writer = new GroupCommit(db);
    const big = 'x'.repeat(2000);
    for (let round = 0; round < 20; round++) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => writer.run((trx) => sql`insert into t (v) values (${`${round}-${i}-${big}`})`.execute(trx))));
    }
    // ~2 MB written to the WAL: the database file grows only through the background thread's checkpoints.
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && statSync(file).size < 2_000_000) await new Promise((res) => setTimeout(res, 50));
    expect(statSync(file).size).toBeGreaterThan(2_000_000);
    expect(committed()).toHaveLength(1000);
  });
});
