/**
 * The fast path for common FEEL shapes must agree with feelin, the reference
 * interpreter, on every expression and context it accepts.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from 'feelin';
import { compileFast } from '../../src/engine/expressions/fast';
import { evalFeel, evalCondition } from '../../src/engine/expressions/feel';

const contexts: Record<string, unknown>[] = [
  {},
  { outcome: '重办', mode: '协办', upperLevel: true, n: 3, deadline: '2026-05-01', item: { deadline: '2026-04-30', units: ['u1'] } },
  { outcome: '通过', mode: null, upperLevel: false, n: 0, newDeadline: '2026-06-01', deadline: null, item: null },
  { outcome: 7, mode: '自办', upperLevel: 'yes', n: -1.5, item: { deadline: null } },
];

const expressions = [
  'outcome',
  'item.deadline',
  'item.units',
  'outcome = "重办"',
  'outcome != "重办"',
  'outcome = "重办" or outcome = "补办"',
  'upperLevel = true and mode = "协办"',
  'upperLevel and n = 3',
  'not(upperLevel)',
  'not(outcome = "通过")',
  'upperLevel = null', // (`mode` would name FEEL's built-in mode() when the variable is absent)
  'newDeadline != null',
  'n = 3',
  'n = -1.5',
  'if newDeadline != null then newDeadline else deadline',
  'if newDeadline != null then newDeadline else if item.deadline != null then item.deadline else if deadline != null then deadline else "15WD"',
  '(outcome = "重办" or outcome = "补办") and upperLevel = true',
  'true',
  'null',
  '"文本"',
];

describe('FEEL fast path', () => {
  it.each(expressions)('agrees with feelin on %s', (expr) => {
    expect(compileFast(expr), 'expression should be in the fast subset').not.toBeNull();
    for (const ctx of contexts) {
      const reference = evaluate(expr, ctx).value ?? null;
      expect(evalFeel(`=${expr}`, ctx), `${expr} with ${JSON.stringify(ctx)}`).toEqual(reference);
    }
  });

  it('leaves other FEEL to feelin', () => {
    expect(compileFast('count(units) > 1')).toBeNull();
    expect(evalCondition('=count(units) > 1', { units: ['a', 'b'] })).toBe(true);
    expect(evalFeel('=n + 1', { n: 2 })).toBe(3);
  });

  it('reports a syntax error with a Chinese message and code', () => {
    expect(() => evalFeel('=outcome = = "x" )', {})).toThrowError(expect.objectContaining({ code: 'FEEL_ERROR' }));
  });
});
