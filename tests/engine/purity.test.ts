/**
 * The engine is a pure core that also runs in the browser: no Node modules, no I/O,
 * no clock of its own and no code evaluation, anywhere under src/engine.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', 'src', 'engine');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

const NODE_MODULES = /from\s+['"](node:|fs|path|os|crypto|child_process|http|https|net|url|util|stream|worker_threads|better-sqlite3|pg|kysely|fastify|react)['"/]/;
const CLOCK = /\bDate\.now\(|new Date\(\)|performance\.now\(|Math\.random\(/;
const EVAL = /\beval\(|new Function\(/;

describe('src/engine', () => {
  const files = sources(root);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s imports no Node or server module, reads no clock and evaluates no code', (_name, file) => {
    const text = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(text).not.toMatch(NODE_MODULES);
    expect(text).not.toMatch(CLOCK);
    expect(text).not.toMatch(EVAL);
  });
});
