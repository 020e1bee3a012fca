/**
 * Harness of the browser suites: build the web app once (or reuse a fresh dist/),
 * start the real server process on a temp SQLite file and a free port, drive a
 * headless Chromium, and sign in as the people of the mock county through the UI.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { ensureWebBuild } from '../../scripts/start.mjs';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** Where Chromium is expected (Debian's package); DUBAN_CHROMIUM overrides. */
export const CHROMIUM = process.env.DUBAN_CHROMIUM ?? '/usr/bin/chromium';

/** Flags headless Chromium needs on a build machine. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser suites cannot run here, or null when they can. */
export function skipReason(): string | null {
  return existsSync(CHROMIUM) ? null : `Chromium is not installed at ${CHROMIUM} (install the chromium package or set DUBAN_CHROMIUM)`;
}

/** Builds dist/ when stale (one build at a time across processes; see scripts/start.mjs). */
export async function ensureBuilt(): Promise<void> {
  await ensureWebBuild(ROOT, { quiet: true });
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
  });
}

/** A running server process. */
export interface RunningServer {
  baseUrl: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts `src/server/main.ts` as its own process on a temp SQLite file and a free port (or `port`, when a
 * peer must know the address first, e.g. a sign-in provider's redirect URI); resolves when healthy.
 */
export async function startServer(env: Record<string, string> = {}, options: { port?: number } = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-browser-'));
  let log = '';
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: join(dataDir, 'duban.sqlite'),
      DUBAN_SECRET_FILE: join(dataDir, 'secret.key'),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d) => (log += d));
  proc.stderr!.on('data', (d) => (log += d));
  // A run that crashes before stop() must not leave the server behind.
  const orphanGuard = () => proc.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    process.off('exit', orphanGuard);
    if (proc.exitCode === null) {
      proc.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          proc.kill('SIGKILL');
          r(null);
        }, 10_000);
        proc.once('exit', () => {
          clearTimeout(t);
          r(null);
        });
      });
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}):\n${log}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server did not become healthy:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, dataDir, stop };
}

/** A person's session token through the demo login (the embedded host). */
export function demoToken(baseUrl: string): (userId: string) => Promise<string> {
  return async (userId) => {
    const r = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId }) });
    return (await r.json()).token;
  };
}

/**
 * Calls the API as a person of the mock county (one token a person, by default from the demo login; with
 * single sign-on, `tokenFor` mints them as a host would, with the shared key); a non-JSON answer's body stays text.
 */
export function apiClient(baseUrl: string, tokenFor: (userId: string) => Promise<string> = demoToken(baseUrl)) {
  const tokens = new Map<string, string>();
  return async function api(userId: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    if (!tokens.has(userId)) tokens.set(userId, await tokenFor(userId));
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${tokens.get(userId)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // A non-JSON answer stays text.
    }
    return { status: res.status, body: parsed };
  };
}

/** What `apiClient` returns. */
export type Api = ReturnType<typeof apiClient>;

/** A headless Chromium with a fresh profile. */
export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh user-data-dir; page errors are collected in `errors`. */
export async function launchBrowser(viewport = { width: 1366, height: 900 }): Promise<Browser & { errors: string[] }> {
  const profile = mkdtempSync(join(tmpdir(), 'duban-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs out (through the user menu) if someone is signed in, then signs in as a person from the login page. */
export async function loginAs(page: Page, baseUrl: string, userId: string): Promise<void> {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/#/login`);
  const current = page.getByTestId('current-user');
  if (await current.isVisible().catch(() => false)) {
    await current.click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
  } else await page.goto(`${baseUrl}/#/login`);
  await page.getByTestId(`login-${userId}`).click();
  await page.getByTestId('workbench').waitFor();
}

/** Where screenshots go: docs/screenshots when DUBAN_SCREENSHOTS=1 (for the README), else a temp folder removed by `cleanup`. */
export function screenshotDir(): { dir: string; cleanup(): void } {
  if (process.env.DUBAN_SCREENSHOTS === '1') {
    const dir = join(ROOT, 'docs', 'screenshots');
    mkdirSync(dir, { recursive: true });
    return { dir, cleanup: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'duban-shots-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A screenshot of the whole page without the sticky header repeating: the viewport grows to the content first. */
export async function screenshot(page: Page, path: string, width = 1366): Promise<void> {
  // Toasts fade after three seconds; they do not belong in a picture of the page.
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 6000 }).catch(() => undefined);
  const height = await page.evaluate(() => Math.max(document.documentElement.scrollHeight, document.body.scrollHeight));
  const before = page.viewportSize();
  await page.setViewportSize({ width, height: Math.min(Math.max(height, 700), 4000) });
  await page.waitForTimeout(300);
  await page.screenshot({ path });
  if (before) await page.setViewportSize(before);
}
