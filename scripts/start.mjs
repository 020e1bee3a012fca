#!/usr/bin/env node
/**
 * `npm start`: builds the web app with umi when dist/ is missing or older than its
 * sources, then runs the Duban server (API + web app) on http://localhost:8000
 * (PORT to change it). `--no-build` skips the check; `--build-only` only builds.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What the web bundle is built from: a change to any of these makes dist/ stale. */
const WEB_SOURCES = [
  // The engine runs in the browser too (the start page, the modeler's simulation, the calendar).
  'src/engine',
  'src/pages',
  'src/components',
  'src/services',
  'src/layouts',
  'src/locales',
  'src/forms',
  'src/app.tsx',
  'src/access.ts',
  'src/global.less',
  '.umirc.ts',
  'package-lock.json',
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    // Tests next to the sources are not part of the bundle.
    if (/\.test\.tsx?$/.test(entry)) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Whether dist/ is missing or older than the newest web source. */
export function webBuildIsStale(dir = root) {
  const index = join(dir, 'dist', 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return WEB_SOURCES.some((p) => newestMtime(join(dir, p)) > built);
}

/** Runs `umi build` (about half a minute); resolves when it succeeded. */
export function buildWeb(dir = root, { quiet = false } = {}) {
  const umi = join(dir, 'node_modules', '.bin', process.platform === 'win32' ? 'umi.cmd' : 'umi');
  return new Promise((ok, fail) => {
    const child = spawn(umi, ['build'], {
      cwd: dir,
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`umi build failed (exit ${code})\n${output.slice(-4000)}`))));
  });
}

/** Takes the build lock (a directory: atomic to create), waiting while another process builds. */
async function lockBuild(dir) {
  const lock = join(dir, '.tmp', 'web-build.lock');
  mkdirSync(join(dir, '.tmp'), { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      return () => rmSync(lock, { recursive: true, force: true });
    } catch {
      // A lock left behind by a killed build is older than any build takes.
      const st = statSync(lock, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > 10 * 60_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('waited too long for another web build to finish');
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** Builds when stale, one build at a time across processes (npm start, test suites); returns whether it built. */
export async function ensureWebBuild(dir = root, options = {}) {
  if (!webBuildIsStale(dir)) return false;
  const unlock = await lockBuild(dir);
  try {
    // Another process may have built while this one waited.
    if (!webBuildIsStale(dir)) return false;
    await buildWeb(dir, options);
    return true;
  } finally {
    unlock();
  }
}

async function main() {
  const args = new Set(process.argv.slice(2));
  if (!args.has('--no-build')) {
    if (webBuildIsStale()) console.log('督办：正在构建前端（约一分钟）…');
    if (!(await ensureWebBuild())) console.log('督办：前端已是最新，跳过构建');
  }
  if (args.has('--build-only')) return;
  process.env.PORT ??= '8000';
  console.log(`督办：启动服务 http://localhost:${process.env.PORT}`);
  // Run the TypeScript server in this process, so signals reach its shutdown handler directly.
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src/server/main.ts')).href);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error('督办：启动失败', err);
    process.exit(1);
  });
}
