/**
 * `npm run bench`: runs every benchmark (tests/**\/*.bench.ts) in its own process,
 * shows its output, and ends with one JSON object holding every benchmark's figures.
 * BENCH_FILES=engine,server runs a subset of the files (BENCH_PHASES chooses the phases of the
 * server benchmark, see server.bench.ts).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

function find(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.bench.ts')) out.push(p);
  }
  return out.sort();
}

if (process.env.BENCH_ONLY !== undefined) {
  // It used to mean the files here and the phases in server.bench.ts: each now has its own name.
  console.error('BENCH_ONLY 已不再使用：选择要运行的基准文件请用 BENCH_FILES（如 BENCH_FILES=server），选择 server 基准的阶段请用 BENCH_PHASES（如 BENCH_PHASES=complete,http）。');
  process.exit(2);
}
const only = process.env.BENCH_FILES?.split(',').map((s) => s.trim()).filter(Boolean);
const results: Record<string, unknown> = {};
let failed = false;
for (const file of find(join(root, 'tests'))) {
  const name = file.split('/').pop()!.replace('.bench.ts', '');
  if (only && !only.includes(name)) continue;
  console.log(`\n=== ${relative(root, file)} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', file], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  const lines = (r.stdout ?? '').trim().split('\n');
  process.stdout.write((r.stdout ?? '').replace(/\n?[^\n]*$/, '\n'));
  try {
    results[name] = JSON.parse(lines[lines.length - 1]);
  } catch {
    results[name] = { error: `没有得到结果（退出码 ${r.status}）` };
    failed = true;
  }
  if (r.status !== 0) failed = true;
}
console.log(JSON.stringify(results));
process.exit(failed ? 1 : 0);
