/**
 * `npm run bench`: runs every benchmark (tests/**\/*.bench.ts) in its own process,
 * shows its output, and ends with one JSON object holding every benchmark's figures.
 * BENCH_ONLY=engine,server runs a subset.
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

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
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
