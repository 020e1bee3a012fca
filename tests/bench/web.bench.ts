/**
 * Web benchmark: the gzip size of the JavaScript the 工作台 loads (target ≤ 350 KB; the
 * diagram viewer, the form renderer and the charts must stay out of it) and the 工作台's
 * time-to-interactive in headless Chromium with 10,000 items in the database (target ≤ 1.5 s).
 * Run: npx tsx tests/bench/web.bench.ts (or npm run bench). The last line is one JSON object.
 *
 * Time-to-interactive here: from navigation start until the to-do list is on screen and the
 * main thread has had no long task (> 50 ms) for 500 ms — the end of the last long task, or the
 * moment the list appeared, whichever is later. Each run uses a fresh profile (cold cache).
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, ensureBuilt, launchBrowser, startServer } from '../browser/harness';

const ITEMS = Number(process.env.BENCH_WEB_ITEMS ?? 10_000);
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 5);
const USER = 'fengxl';
/** Procedures whose first step falls to the 督查室 (R8): every item lands on the bench user's to-do list. */
const PROCEDURES = [
  ['p1-decision', 'P1.S1', '关于全县重点项目建设推进情况的督查'],
  ['p2-special-case', 'P2.S1', '关于群众反映道路破损问题的查办'],
  ['p5-order', 'P5.S2', '县长督办令：农村人居环境整治'],
] as const;

interface Run {
  readyMs: number;
  ttiMs: number;
  fcpMs: number;
  jsGzipBytes: number;
  jsFiles: number;
  lazyOk: boolean;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function seed(baseUrl: string): Promise<{ token: string; seconds: number }> {
  const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: USER }) });
  const { token } = (await login.json()) as { token: string };
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ITEMS; i = next++) {
      const [procedureKey, source, title] = PROCEDURES[i % PROCEDURES.length];
      const res = await fetch(`${baseUrl}/api/items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ procedureKey, source, title: `${title}（第${i + 1}号）` }),
      });
      if (res.status !== 201) throw new Error(`seeding item ${i} failed: ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { token, seconds: (performance.now() - t0) / 1000 };
}

// Page-side code is kept as plain strings: functions compiled by tsx carry helpers the page lacks.

/** Installed before any page script: records long tasks and when the to-do list first shows. */
const PROBE = `
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (err) {
    console.error('long-task observer unavailable', err);
  }
  (function check() {
    if (document.querySelector('[data-testid="todo-item"]')) window.__ready = performance.now();
    else requestAnimationFrame(check);
  })();
`;

/** Resolves once the main thread has been free of long tasks for 500 ms after the list appeared. */
const QUIET = `new Promise((resolve) => {
  const lastEnd = () => Math.max(0, ...window.__longTasks.map((t) => t.end));
  const tick = () => {
    const quietSince = Math.max(window.__ready, lastEnd());
    if (performance.now() - quietSince >= 500) {
      const paint = performance.getEntriesByName('first-contentful-paint')[0];
      resolve({ ready: window.__ready, tti: quietSince, fcp: paint ? paint.startTime : NaN });
    } else setTimeout(tick, 50);
  };
  tick();
})`;

async function measure(baseUrl: string, token: string): Promise<Run> {
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    const js: Buffer[] = [];
    const bodies: Promise<void>[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') bodies.push(r.body().then((b) => void js.push(b)).catch(() => undefined));
    });
    await page.addInitScript(PROBE);
    await page.addInitScript(`localStorage.setItem('duban.token', ${JSON.stringify(token)})`);
    await page.goto(`${baseUrl}/#/workbench`);
    await page
      .waitForFunction('window.__ready !== undefined', null, { timeout: 30_000 })
      .catch(async (err) => {
        throw new Error(`the 工作台 did not show the to-do list at ${page.url()}: ${(await page.textContent('body'))?.slice(0, 300)} ${browser.errors.join(' ')}`, { cause: err });
      });
    // Wait for a quiet main thread: 500 ms without a long task after the list appeared.
    const { ready, tti, fcp } = (await page.evaluate(QUIET)) as { ready: number; tti: number; fcp: number };
    await Promise.all(bodies);
    const all = Buffer.concat(js).toString('utf8');
    return {
      readyMs: ready,
      ttiMs: tti,
      fcpMs: fcp,
      jsGzipBytes: js.reduce((n, b) => n + gzipSync(b).length, 0),
      jsFiles: js.length,
      // The heavy parts must not be in what the 工作台 loads.
      lazyOk: !all.includes('djs-container') && !all.includes('ant-formily') && !/echarts/i.test(all),
    };
  } finally {
    await browser.close();
  }
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.log(`web benchmark skipped: Chromium is not installed at ${CHROMIUM}`);
    console.log(JSON.stringify({ skipped: `Chromium not installed at ${CHROMIUM}` }));
    return;
  }
  await ensureBuilt();
  const server = await startServer({ DUBAN_SCHEDULER: 'off' });
  try {
    const { token, seconds } = await seed(server.baseUrl);
    console.log(`seeded ${ITEMS} items (each on ${USER}'s to-do list) in ${seconds.toFixed(1)} s`);
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await measure(server.baseUrl, token);
      console.log(
        `run ${i + 1}: list shown ${r.readyMs.toFixed(0)} ms, interactive ${r.ttiMs.toFixed(0)} ms, first paint ${r.fcpMs.toFixed(0)} ms, JS ${(r.jsGzipBytes / 1024).toFixed(1)} KB gzip in ${r.jsFiles} files`,
      );
      runs.push(r);
    }
    const figures = {
      items: ITEMS,
      runs: RUNS,
      workbench_js_gzip_kb: Math.round((median(runs.map((r) => r.jsGzipBytes)) / 1024) * 10) / 10,
      workbench_js_files: median(runs.map((r) => r.jsFiles)),
      workbench_js_target_kb: 350,
      workbench_heavy_parts_lazy: runs.every((r) => r.lazyOk),
      workbench_fcp_ms: Math.round(median(runs.map((r) => r.fcpMs))),
      workbench_ready_ms: Math.round(median(runs.map((r) => r.readyMs))),
      workbench_tti_ms: Math.round(median(runs.map((r) => r.ttiMs))),
      workbench_tti_target_ms: 1500,
      seed_seconds: Math.round(seconds),
      // Other work on the machine slows a cold load down: read the timings with this in mind.
      load_average_1m: Math.round(loadavg()[0] * 100) / 100,
    };
    console.log(
      `工作台: JS ${figures.workbench_js_gzip_kb} KB gzip (target ≤ 350), time-to-interactive ${figures.workbench_tti_ms} ms median of ${RUNS} cold loads (target ≤ 1500)`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await server.stop();
  }
}

await main();
