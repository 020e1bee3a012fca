import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/server/audit/audit.service';
import { backupName, Backups } from '../../src/server/db/backup';
import { createDb, databaseFile } from '../../src/server/db/database';
import { databases, registrationData, startServer, type TestServer } from './helpers';

const ADMIN = 'gaoyuan';
const item = (title: string) => ({ procedureKey: 'supervise', title, source: 'P2.S1', units: ['zjj'], leadUnit: 'zjj' });

describe.each(databases())('database backups on $name', (database) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn'] });
  });
  afterEach(async () => {
    await s.close();
  });

  if (database.name === 'postgres') {
    it('leaves PostgreSQL to its administrator: the list says so and making one is refused with a reason', async () => {
      const list = await s.call(ADMIN, 'GET', '/api/admin/backups');
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ supported: false, rows: [] });
      const made = await s.call(ADMIN, 'POST', '/api/admin/backups');
      expect(made.status).toBe(409);
      expect(made.body.error).toEqual({ code: 'BACKUP_NOT_SUPPORTED', message: '当前使用 PostgreSQL 数据库，请由数据库管理员用 pg_dump 等工具备份' });
    });
    return;
  }

  it('makes a checked copy while the server runs, and a restored copy holds every item with its audit chain intact', async () => {
    const reg = await s.call('fengxl', 'POST', '/api/items', item('备份前登记的事项'));
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    const task = (await s.call('fengxl', 'GET', '/api/tasks/todo')).body.rows[0];
    expect((await s.call('fengxl', 'POST', `/api/tasks/${task.id}/complete`, { data: registrationData({ title: '备份前登记的事项' }) })).status).toBe(200);

    // Actions go on while the copy is made: they all succeed, and the copy is consistent.
    const [made] = await Promise.all([
      s.call(ADMIN, 'POST', '/api/admin/backups'),
      ...Array.from({ length: 5 }, (_, i) => s.call('fengxl', 'POST', '/api/items', item(`备份期间登记${i}`))),
    ]);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.name).toMatch(/^duban-\d{8}-\d{6}\.sqlite$/);
    expect(made.body.bytes).toBeGreaterThan(0);

    const list = await s.call(ADMIN, 'GET', '/api/admin/backups');
    expect(list.body).toMatchObject({ supported: true, keep: 14 });
    expect(list.body.rows.map((r: any) => r.name)).toEqual([made.body.name]);

    // Restore: put the backup in place of a database file and open it as the server would.
    const dir = mkdtempSync(join(tmpdir(), 'duban-restore-'));
    try {
      const restored = join(dir, 'duban.sqlite');
      copyFileSync(join(s.ctx.backups.dir, made.body.name), restored);
      const db = await createDb({ url: restored });
      try {
        const row = await db.selectFrom('items').selectAll().where('id', '=', reg.body.itemId).executeTakeFirstOrThrow();
        expect(row.title).toBe('备份前登记的事项');
        expect(await verifyAudit(db, row.id)).toMatchObject({ ok: true });
        const tasks = await db.selectFrom('tasks').select(['status']).where('itemId', '=', row.id).execute();
        expect(tasks.map((t) => t.status).sort()).toEqual(['completed', 'open']);
      } finally {
        await db.destroy();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets only administrators list, make or download backups, and downloads only its own files', async () => {
    for (const [method, url] of [
      ['GET', '/api/admin/backups'],
      ['POST', '/api/admin/backups'],
      ['GET', '/api/admin/backups/duban-20260302-090000.sqlite'],
    ] as const) {
      const r = await s.call('fengxl', method, url);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect((await s.call(null, 'GET', '/api/admin/backups')).status).toBe(401);

    const made = await s.call(ADMIN, 'POST', '/api/admin/backups');
    const file = await s.app.inject({ method: 'GET', url: `/api/admin/backups/${made.body.name}`, headers: s.auth(ADMIN) });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="${made.body.name}"`);
    expect(file.rawPayload.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    expect(file.rawPayload.length).toBe(made.body.bytes);

    // Nothing outside the backup folder, and nothing that is not a backup, can be fetched.
    writeFileSync(join(s.ctx.backups.dir, 'notes.txt'), 'x');
    for (const name of ['..%2Fduban.sqlite', 'notes.txt', 'duban-20990101-000000.sqlite']) {
      const r = await s.call(ADMIN, 'GET', `/api/admin/backups/${name}`);
      expect(r.status).toBe(404);
      expect(r.body.error).toEqual({ code: 'BACKUP_NOT_FOUND', message: '备份文件不存在' });
    }
  });

  it('keeps the newest backups only, clears a copy cut short, and makes a daily one only when the newest is a day old', async () => {
    const backups = new Backups({ file: databaseFile(s.ctx.db), dir: join(s.ctx.backups.dir, 'kept'), keep: 2 });
    const t0 = Date.parse('2026-03-02T09:00:00+08:00');
    const a = await backups.create(t0);
    // A backup stopped half-way (the server was stopped) leaves a partial file: never listed, removed next time.
    writeFileSync(join(backups.dir, `${backupName(t0 + 500)}.partial`), 'half');
    const b = await backups.create(t0 + 1000);
    const c = await backups.create(t0 + 1000);
    expect([a.name, b.name, c.name]).toEqual(['duban-20260302-090000.sqlite', 'duban-20260302-090001.sqlite', 'duban-20260302-090001-2.sqlite']);
    expect(backups.list().map((x) => x.name).sort()).toEqual([b.name, c.name].sort());
    expect(readdirSync(backups.dir).sort()).toEqual([b.name, c.name].sort());

    const newest = backups.list()[0].createdAt;
    expect(await backups.ensureRecent(newest + 3_600_000)).toBeUndefined();
    const daily = await backups.ensureRecent(newest + 86_400_000);
    expect(daily && existsSync(join(backups.dir, daily.name))).toBe(true);
    expect(backups.list()).toHaveLength(2);
    // A mistyped setting keeps the default rather than deleting every backup.
    expect(new Backups({ file: databaseFile(s.ctx.db), dir: backups.dir, keep: Number('十四') }).keep).toBe(14);
    expect(new Backups({ file: databaseFile(s.ctx.db), dir: backups.dir, keep: 0 }).keep).toBe(14);
  });

  it('refuses clearly when the copy cannot be made, and keeps the backups it had', async () => {
    await s.call(ADMIN, 'POST', '/api/admin/backups');
    // The folder is a file now: nothing can be written there.
    const blocked = new Backups({ file: databaseFile(s.ctx.db), dir: join(s.ctx.backups.dir, 'blocked') });
    writeFileSync(blocked.dir, 'not a folder');
    await expect(blocked.create()).rejects.toMatchObject({ code: 'BACKUP_FAILED', status: 500, message: '备份失败，请检查备份目录的磁盘空间和写入权限' });
    expect((await s.call(ADMIN, 'GET', '/api/admin/backups')).body.rows).toHaveLength(1);
  });
});
