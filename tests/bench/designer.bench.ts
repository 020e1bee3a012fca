/**
 * Form designer benchmark: with a 100-field form open in 表单设计 (headless Chromium, the real
 * server and build), the time from adding a field (a palette click) or moving one (Alt+↓ on
 * the selected field) until the canvas shows the change and the browser has painted that frame.
 * Target ≤ 100 ms each; printed against the same operations on a 10-field form (the ratio
 * shows how the cost grows with the form). Run: npx tsx tests/bench/designer.bench.ts (or
 * npm run bench). The last line is one JSON object.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM, ensureBuilt, launchBrowser, loginAs, startServer } from '../browser/harness';

const ADMIN = 'gaoyuan';
const RUNS = Number(process.env.BENCH_DESIGNER_RUNS ?? 15);
const BOUND_MS = 100;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];

/** A form of n fields of the kinds people use most. */
function form(key: string, n: number) {
  const kinds = [
    { type: 'string', 'x-component': 'Input' },
    { type: 'string', 'x-component': 'Input.TextArea' },
    { type: 'number', 'x-component': 'NumberPicker' },
    { type: 'string', 'x-component': 'DatePicker' },
    { type: 'string', 'x-component': 'Select', enum: [{ label: '是', value: '是' }, { label: '否', value: '否' }] },
  ];
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) properties[`f${i}`] = { title: `字段${i + 1}`, 'x-decorator': 'FormItem', ...kinds[i % kinds.length] };
  return { key, name: `${n}个字段的表单`, version: 1, schema: { type: 'object', properties } };
}

// Page-side code as a string: functions compiled by tsx carry helpers the page lacks.
/** Resolves with the ms from `act` until `done()` holds and that frame has been painted. */
const MEASURE = `(async ({ act, done }) => {
  const actFn = new Function(act);
  const doneFn = new Function(done);
  const t0 = performance.now();
  actFn();
  await new Promise((resolve) => {
    const check = () => (doneFn() ? resolve(null) : requestAnimationFrame(check));
    check();
  });
  // The frame that showed the change has been painted once the next frame begins.
  await new Promise((r) => requestAnimationFrame(r));
  return performance.now() - t0;
})`;

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`designer benchmark skipped: Chromium is not installed at ${CHROMIUM}`);
    console.log(JSON.stringify({ skipped: `Chromium not installed at ${CHROMIUM}` }));
    return;
  }
  await ensureBuilt();
  const server = await startServer();
  const browser = await launchBrowser({ width: 1600, height: 1000 });
  try {
    const login = await fetch(`${server.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: ADMIN }) });
    const { token } = (await login.json()) as { token: string };
    for (const n of [10, 100]) {
      const res = await fetch(`${server.baseUrl}/api/forms`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(form(`bench-${n}`, n)) });
      if (res.status !== 201) throw new Error(`deploying the ${n}-field form failed: ${res.status} ${await res.text()}`);
    }
    const { page } = browser;
    await loginAs(page, server.baseUrl, ADMIN);
    const figures: Record<string, number> = {};
    for (const n of [10, 100]) {
      await page.goto(`${server.baseUrl}/#/admin/forms?key=bench-${n}`);
      const canvas = page.getByTestId('designer-canvas');
      await canvas.locator(`[data-node="f${n - 1}"]`).waitFor({ timeout: 60_000 });
      const adds: number[] = [];
      const moves: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Add: a palette click; done when the canvas holds one more field.
        const count = await canvas.locator('[data-node]').count();
        adds.push(
          await page.evaluate(`${MEASURE}(${JSON.stringify({
            act: `document.querySelector('[data-testid="designer-palette"] [data-kind="input"]').click();`,
            done: `return document.querySelectorAll('[data-testid="designer-canvas"] [data-node]').length === ${count + 1};`,
          })})`) as number,
        );
        // Move: the field in the middle goes one place down with Alt+↓.
        const name = `f${Math.floor(n / 2)}`;
        await canvas.locator(`[data-node="${name}"]`).click({ position: { x: 4, y: 4 } });
        moves.push(
          await page.evaluate(`${MEASURE}(${JSON.stringify({
            act: `const el = document.querySelector('[data-node="${name}"]'); window.__before = [...el.parentElement.children].indexOf(el); el.focus(); el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true, bubbles: true }));`,
            done: `const el = document.querySelector('[data-node="${name}"]'); return [...el.parentElement.children].indexOf(el) === window.__before + 1;`,
          })})`) as number,
        );
      }
      figures[`add${n}MedianMs`] = Math.round(median(adds) * 10) / 10;
      figures[`add${n}P90Ms`] = Math.round(p90(adds) * 10) / 10;
      figures[`move${n}MedianMs`] = Math.round(median(moves) * 10) / 10;
      figures[`move${n}P90Ms`] = Math.round(p90(moves) * 10) / 10;
      console.log(`${n} fields: add median ${figures[`add${n}MedianMs`]} ms (p90 ${figures[`add${n}P90Ms`]}), move median ${figures[`move${n}MedianMs`]} ms (p90 ${figures[`move${n}P90Ms`]}) over ${RUNS} runs`);
    }
    const result = {
      ...figures,
      boundMs: BOUND_MS,
      addRatioToBound: Math.round((figures.add100MedianMs / BOUND_MS) * 100) / 100,
      moveRatioToBound: Math.round((figures.move100MedianMs / BOUND_MS) * 100) / 100,
      add100vs10: Math.round((figures.add100MedianMs / figures.add10MedianMs) * 100) / 100,
      move100vs10: Math.round((figures.move100MedianMs / figures.move10MedianMs) * 100) / 100,
      errors: browser.errors.length,
    };
    console.log(`with 100 fields: add ${result.addRatioToBound}× and move ${result.moveRatioToBound}× the ${BOUND_MS} ms bound; ${result.add100vs10}× and ${result.move100vs10}× the 10-field form`);
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
