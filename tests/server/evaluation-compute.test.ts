/**
 * The year's computation as a pure function (src/server/evaluation/compute.ts): rules, caps and
 * floors, rate bands, shared ranks, the commendation rule, voided events, and no I/O.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeStandings } from '../../src/server/evaluation/compute';
import type { Scheme, ScoreEvent } from '../../src/shared/evaluation';

const scheme = (over: Partial<Scheme> = {}): Scheme => ({
  year: 2026,
  title: '测试方案',
  categories: [{ id: 'a', name: '县直部门', units: ['u1', 'u2', 'u3'] }],
  indicators: [
    { id: 'rate', name: '按期办结', type: 'quantitative', weight: 60, rule: { kind: 'onTimeRate', bands: [{ minRate: 0.9, points: 60 }, { minRate: 0.5, points: 40 }], noTasks: 50 } },
    { id: 'urge', name: '被催办', type: 'quantitative', weight: 40, rule: { kind: 'perEvent', events: ['urge'], points: -0.1, base: 40, floor: 39.5 } },
  ],
  commendation: { topN: 2 },
  appealDays: 10,
  ...over,
});

let n = 0;
const ev = (unitId: string, kind: ScoreEvent['kind'], times = 1, month = 1, voided = false): ScoreEvent[] => Array.from({ length: times }, () => ({ id: `e${n++}`, unitId, kind, month, voided }));

describe('computeStandings', () => {
  it('scores bands, floors and decimals exactly; equal totals share a rank; the top N are proposed', () => {
    const events = [...ev('u1', 'task.onTime', 9), ...ev('u1', 'task.overdue', 1), ...ev('u1', 'urge', 3), ...ev('u2', 'task.onTime', 1), ...ev('u2', 'task.overdue', 1), ...ev('u3', 'urge', 20)];
    const r = computeStandings({ scheme: scheme(), schemeVersion: 3, events, qualitative: [] });
    const by = Object.fromEntries(r.units.map((u) => [u.unitId, u]));
    // u1: 9/10 = 90% → 60; 40 − 0.3 = 39.7 (no binary fraction) → 99.7.
    expect(by.u1.total).toBe(99.7);
    // u2: 50% → 40; urge 40 → 80.  u3: no task → 50; 40 − 2 → floor 39.5 → 89.5.
    expect([by.u2.total, by.u3.total]).toEqual([80, 89.5]);
    expect([by.u1.rank, by.u3.rank, by.u2.rank]).toEqual([1, 2, 3]);
    expect(r.commended).toEqual(['u1', 'u3']);
    expect(r.schemeVersion).toBe(3);
  });

  it('gives equal totals the same rank and proposes both when both are within the top N', () => {
    const r = computeStandings({ scheme: scheme({ commendation: { topN: 1 } }), schemeVersion: 1, events: ev('u3', 'task.overdue'), qualitative: [] });
    // u3: 0% reaches no band → 0, plus 40.
    expect(r.units.map((u) => [u.unitId, u.total, u.rank])).toEqual([['u1', 90, 1], ['u2', 90, 1], ['u3', 40, 3]]);
    expect(r.commended).toEqual(['u1', 'u2']);
  });

  it('ignores voided events and events of units outside the scheme; a unit with an excluded kind is not proposed', () => {
    const events = [...ev('u1', 'urge', 5, 1, true), ...ev('zz', 'urge', 5), ...ev('u2', 'accountability')];
    const r = computeStandings({ scheme: scheme({ commendation: { minScore: 0, excludeKinds: ['accountability'] } }), schemeVersion: 1, events, qualitative: [] });
    expect(r.units.map((u) => u.total)).toEqual([90, 90, 90]);
    expect(r.commended).toEqual(['u1', 'u3']);
  });

  it('averages the evaluators of a qualitative indicator and counts the months cumulatively', () => {
    const s = scheme({
      indicators: [
        { id: 'urge', name: '被催办', type: 'quantitative', weight: 50, rule: { kind: 'perEvent', events: ['urge'], points: -1, base: 50 } },
        { id: 'q', name: '定性', type: 'qualitative', weight: 50, evaluators: ['p1', 'p2'], min: 0, max: 50 },
      ],
    });
    const r = computeStandings({ scheme: s, schemeVersion: 1, events: [...ev('u1', 'urge', 1, 2), ...ev('u1', 'urge', 2, 5)], qualitative: [{ indicatorId: 'q', unitId: 'u1', evaluatorId: 'p1', score: 45 }, { indicatorId: 'q', unitId: 'u1', evaluatorId: 'p2', score: 40 }] });
    const u1 = r.units.find((u) => u.unitId === 'u1')!;
    expect(u1.indicators).toEqual([{ indicatorId: 'urge', score: 47, lost: 3, events: 3 }, { indicatorId: 'q', score: 42.5, lost: 7.5, events: 0 }]);
    expect(u1.monthly).toEqual([50, 49, 49, 49, 47, 47, 47, 47, 47, 47, 47, 47]);
  });

  it('reads nothing but its input: the module imports only the shared types', () => {
    const src = readFileSync(new URL('../../src/server/evaluation/compute.ts', import.meta.url), 'utf8');
    expect([...src.matchAll(/from '([^']+)'/g)].map((m) => m[1])).toEqual(['../../shared/evaluation']);
  });
});
