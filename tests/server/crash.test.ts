/**
 * Crash test: the real server process is killed with SIGKILL in the middle of a
 * burst of actions, restarted on the same database, and every acknowledged
 * action must be there exactly once, with nothing half-written.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toLocalDate } from '../../src/engine/calendar/time';
import { verifyAudit } from '../../src/server/audit/audit.service';
import { databases, fixture, type FreshDb } from './helpers';

// HS256 session secrets are at least 32 bytes.
const SECRET = 'crash-test-secret-of-thirty-two-b';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

interface Running {
  proc: ChildProcess;
  base: string;
  log: string[];
}

async function startProcess(fresh: FreshDb, port: number): Promise<Running> {
  const log: string[] = [];
  // One node process (not the tsx wrapper, which would outlive a SIGKILL of its parent).
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: fresh.url,
      ...(fresh.schema ? { DATABASE_SCHEMA: fresh.schema } : {}),
      DUBAN_SECRET: SECRET,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => log.push(String(d)));
  proc.stderr!.on('data', (d) => log.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server exited early (${proc.exitCode}): ${log.join('')}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return { proc, base, log };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  proc.kill('SIGKILL');
  throw new Error(`server did not start: ${log.join('')}`);
}

async function login(base: string, userId: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
  return (await r.json()).token;
}

async function post(base: string, token: string, path: string, body: unknown) {
  const r = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
}

function waitExit(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', () => resolve())));
}

const registration = (title: string) => ({
  title,
  source: 'P2.S1',
  content: '崩溃测试',
  receivedDate: toLocalDate(Date.now()),
  units: ['jtj'],
  leadUnit: 'jtj',
});

describe.each(databases())('crash and restart on $name', (database) => {
  let running: Running | undefined;
  let fresh: FreshDb | undefined;
  afterEach(async () => {
    if (running && running.proc.exitCode === null && running.proc.signalCode === null) {
      running.proc.kill('SIGKILL');
      await waitExit(running.proc);
    }
    running = undefined;
    await fresh?.cleanup();
    fresh = undefined;
  });

  it('keeps every acknowledged action exactly once after kill -9 mid-burst', async () => {
    fresh = await database.fresh();
    const port = await freePort();
    running = await startProcess(fresh, port);
    const { base } = running;
    const token = await login(base, 'fengxl');
    // Our own diagram, deployed through the API, keeps the test independent of edits to processes/.
    const deployed = await post(base, await login(base, 'gaoyuan'), '/api/definitions', { xml: fixture('supervise.bpmn') });
    expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);

    // Some items registered before the burst, so the burst mixes starts and completions.
    const seeded: { itemId: string; taskId: string; title: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const title = `崩溃前事项${i}`;
      const r = await post(base, token, '/api/items', { procedureKey: 'supervise', title, source: 'P2.S1', units: ['jtj'], leadUnit: 'jtj', vars: { content: '崩溃测试' } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      seeded.push({ itemId: r.body.itemId, taskId: '', title });
    }
    const todo = await (await fetch(`${base}/api/tasks/todo?pageSize=100`, { headers: { authorization: `Bearer ${token}` } })).json();
    for (const s of seeded) s.taskId = todo.rows.find((t: any) => t.itemId === s.itemId).id;

    // The burst: 200 starts and the 10 completions, 16 at a time; kill -9 after 60 acknowledgements.
    const ackedStarts = new Map<string, string>();
    const ackedCompletions = new Set<string>();
    let acks = 0;
    let killed = false;
    const jobs: (() => Promise<void>)[] = [];
    for (let i = 0; i < 200; i++) {
      const title = `爆发事项${String(i).padStart(3, '0')}`;
      jobs.push(async () => {
        const r = await post(base, token, '/api/items', { procedureKey: 'supervise', title, source: 'P2.S1', units: ['jtj'], leadUnit: 'jtj', vars: { content: '崩溃测试' } });
        if (r.status === 201) {
          ackedStarts.set(title, r.body.itemId);
          acks++;
        }
      });
      if (i % 20 === 0) {
        const s = seeded[i / 20];
        jobs.push(async () => {
          const r = await post(base, token, `/api/tasks/${encodeURIComponent(s.taskId)}/complete`, { opinion: '崩溃测试', data: registration(s.title) });
          if (r.status === 200) {
            ackedCompletions.add(s.taskId);
            acks++;
          }
        });
      }
    }
    const proc = running.proc;
    const workers = Array.from({ length: 16 }, async () => {
      while (jobs.length) {
        const job = jobs.shift()!;
        try {
          await job();
        } catch {
          // The connection died with the server: not acknowledged.
        }
        if (!killed && acks >= 60) {
          killed = true;
          proc.kill('SIGKILL');
        }
      }
    });
    await Promise.all(workers);
    await waitExit(proc);
    expect(killed).toBe(true);
    expect(proc.signalCode).toBe('SIGKILL');
    expect(ackedStarts.size).toBeGreaterThanOrEqual(40);
    expect(ackedStarts.size).toBeLessThan(200);
    expect(ackedCompletions.size).toBeGreaterThan(0);

    // Restart on the same database; the server recovers and serves again.
    running = await startProcess(fresh, port);
    const token2 = await login(running.base, 'fengxl');
    const ledger = await (await fetch(`${running.base}/api/items?pageSize=200&q=${encodeURIComponent('爆发事项')}`, { headers: { authorization: `Bearer ${token2}` } })).json();
    expect(ledger.total).toBeGreaterThanOrEqual(ackedStarts.size);
    running.proc.kill('SIGTERM');
    await waitExit(running.proc);

    const db = fresh.db;
    const items = await db.selectFrom('items').select(['id', 'title']).where('parentItemId', 'is', null).execute();
    const byTitle = new Map<string, string[]>();
    for (const it of items) byTitle.set(it.title, [...(byTitle.get(it.title) ?? []), it.id]);
    // Nothing duplicated.
    for (const [title, ids] of byTitle) expect(ids, title).toHaveLength(1);
    // Every acknowledged start is there with the id the client was given.
    for (const [title, id] of ackedStarts) expect(byTitle.get(title), title).toEqual([id]);
    // Every item that exists is whole: one instance, its first task, a verifying audit chain.
    for (const it of items) {
      const instances = await db.selectFrom('instances').select(['id', 'state']).where('itemId', '=', it.id).execute();
      expect(instances, it.title).toHaveLength(1);
      const tasks = await db.selectFrom('tasks').select(['id', 'status', 'elementId']).where('itemId', '=', it.id).execute();
      expect(tasks.length, it.title).toBeGreaterThanOrEqual(1);
      const state = JSON.parse(instances[0].state);
      const openRows = tasks.filter((t) => t.status === 'open').map((t) => t.id).sort();
      expect(openRows, it.title).toEqual(Object.keys(state.tasks).sort());
      expect((await verifyAudit(db, it.id)).ok, it.title).toBe(true);
    }
    console.info(
      `[duban crash ${database.name}] acknowledged starts ${ackedStarts.size}, completions ${ackedCompletions.size}; ` +
        `items after restart ${items.length - seeded.length} (committed but unacknowledged: ${items.length - seeded.length - ackedStarts.size})`,
    );
    // Every acknowledged completion is there, once.
    for (const taskId of ackedCompletions) {
      const t = await db.selectFrom('tasks').select(['status', 'itemId']).where('id', '=', taskId).executeTakeFirstOrThrow();
      expect(t.status).toBe('completed');
      const done = await db.selectFrom('auditLog').select('seq').where('itemId', '=', t.itemId).where('action', '=', 'task.completed').execute();
      expect(done).toHaveLength(1);
    }
  }, 240_000);
});
