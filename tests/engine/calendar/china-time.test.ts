/**
 * China time is computed in one place, src/engine/calendar/time.ts: nowhere else in src/ is the
 * +08:00 offset written out as milliseconds (8 * 3_600_000, 28800000, 8 * 60 * 60 * 1000, …);
 * code takes toLocalDate, toLocalDateTime, localYear, startOfDay or CST_OFFSET_MS instead.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const HOME = 'src/engine/calendar/time.ts';
const OFFSET_MS = 8 * 3_600_000;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name.startsWith('.umi') ? [] : sources(p);
    return /\.(ts|tsx|js|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** A number literal: 8, 3_600_000, 36e5, 2.88e7. */
const NUMBER = String.raw`\d[\d_]*(?:\.\d+)?(?:e\d+)?`;
/** A product of number literals, possibly of one. */
const PRODUCT = new RegExp(String.raw`(?<![\w.])${NUMBER}(?:\s*\*\s*${NUMBER})*(?![\w.])`, 'gi');

/** Where a file writes the China-time offset in milliseconds, as `line: text`. */
function offsetsIn(text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    for (const m of code.matchAll(PRODUCT)) {
      const value = m[0].split('*').reduce((product, n) => product * Number(n.trim().replace(/_/g, '')), 1);
      if (value === OFFSET_MS) found.push(`${i + 1}: ${line.trim()}`);
    }
  });
  return found;
}

describe('the China-time offset', () => {
  const files = sources(join(ROOT, 'src')).map((f) => relative(ROOT, f).split('\\').join('/'));
  const hits = files.map((f) => ({ file: f, lines: offsetsIn(readFileSync(join(ROOT, f), 'utf8')) })).filter((h) => h.lines.length);

  it('is recognised however it is written, and not in other numbers', () => {
    for (const text of ['a + 8 * 3_600_000', 'x(8*3600000)', '28800000', '28_800_000', '8 * 60 * 60 * 1000', '3_600_000 * 8', '8 * 36e5', '2.88e7']) {
      expect(offsetsIn(text), text).toHaveLength(1);
    }
    for (const text of ['3_600_000', '18 * 3_600_000', '8 * 3_600_0001', 'x8 * 3_600_000', '17 * 3_600_000', '// 8 * 3_600_000 in a comment']) {
      expect(offsetsIn(text), text).toEqual([]);
    }
  });

  it(`is written only in ${HOME}`, () => {
    expect(files).toContain(HOME);
    expect(hits.find((h) => h.file === HOME)).toBeDefined();
    const elsewhere = hits.filter((h) => h.file !== HOME);
    expect(elsewhere, 'use the helpers of src/engine/calendar/time.ts').toEqual([]);
  });
});
