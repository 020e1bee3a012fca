/**
 * Lint and compile benchmark: generated diagrams of 500, 5,000 and 20,000 user
 * tasks (with a branch every ten tasks and diagram layout), parsed once, then
 * linted and compiled; the best of five runs each. The ratio to the 500-task
 * time against the ratio of sizes shows whether the cost grows linearly.
 * Run: npm run bench (BENCH_FILES=lint). The last line is one JSON object.
 */
import { compileProcess, readDefinitions } from '../../src/engine/definition';
import { lintDefinitions } from '../../src/engine/lint';
import { taskChain } from '../engine/hostile/generate';

const SIZES = [500, 5000, 20000];
const BOUNDS: Record<number, number> = { 5000: 1000, 20000: 5000 };

async function measure(tasks: number): Promise<{ tasks: number; elements: number; megabytes: number; parseMs: number; lintCompileMs: number }> {
  const xml = taskChain(tasks, { layout: true });
  let t = performance.now();
  const { definitions, problems } = await readDefinitions(xml);
  const parseMs = performance.now() - t;
  if (!definitions) throw new Error(`diagram refused: ${problems.map((p) => p.message).join('; ')}`);
  const proc = (definitions.rootElements as any[])[0];
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    globalThis.gc?.();
    t = performance.now();
    const linted = await lintDefinitions(definitions as never, { formKeys: ['approval'] });
    const model = compileProcess(proc, 1, []);
    best = Math.min(best, performance.now() - t);
    const errors = linted.filter((p) => p.severity === 'error');
    if (errors.length || !model.start) throw new Error(`unexpected problems: ${errors.slice(0, 3).map((p) => p.message).join('; ')}`);
  }
  return { tasks, elements: proc.flowElements.length, megabytes: Number((xml.length / 1e6).toFixed(1)), parseMs: Math.round(parseMs), lintCompileMs: Math.round(best) };
}

async function main(): Promise<void> {
  await measure(200); // warm up
  const rows = [];
  for (const n of SIZES) rows.push(await measure(n));
  const base = rows[0];
  let ok = true;
  for (const r of rows) {
    const sizeRatio = r.tasks / base.tasks;
    const timeRatio = r.lintCompileMs / Math.max(1, base.lintCompileMs);
    const bound = BOUNDS[r.tasks];
    const within = bound === undefined || r.lintCompileMs <= bound;
    if (!within) ok = false;
    console.log(
      `${r.tasks} 个任务（${r.elements} 个流程元素，${r.megabytes} MB）：解析 ${r.parseMs} ms，校验+编译 ${r.lintCompileMs} ms；` +
        `规模 ${sizeRatio}×，耗时 ${timeRatio.toFixed(1)}×（每规模倍 ${(timeRatio / sizeRatio).toFixed(2)}）${bound ? `，上限 ${bound} ms ${within ? '达标' : '超出'}` : ''}`,
    );
  }
  const perTask = rows.map((r) => r.lintCompileMs / r.tasks);
  const growth = perTask[perTask.length - 1] / perTask[0];
  console.log(`每个任务的耗时，20000 比 500：${growth.toFixed(2)}×（1 为严格线性）`);
  console.log(JSON.stringify({ rows, perTaskGrowth: Number(growth.toFixed(2)), withinBounds: ok }));
  if (!ok) process.exitCode = 1;
}

await main();
