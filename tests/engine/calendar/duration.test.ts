import { describe, expect, it } from 'vitest';
import {
  DURATION_HELP,
  WorkCalendar,
  addDuration,
  addDurationSpec,
  endOfDay,
  parseDateOrDateTime,
  parseDuration,
  startOfDay,
  subtractDuration,
} from '../../../src/engine/calendar';

const calendar = WorkCalendar.default();
const at = (s: string) => parseDateOrDateTime(s);
const add = (start: string, spec: string) => {
  const parsed = parseDuration(spec);
  if (!parsed) throw new Error(`test setup: ${spec}`);
  return addDuration(at(start), parsed, calendar);
};

describe('parseDuration', () => {
  it('accepts working days with any N, and ISO 8601 durations', () => {
    expect(parseDuration('15WD')).toEqual({ kind: 'workdays', workdays: 15 });
    expect(parseDuration('0WD')).toEqual({ kind: 'workdays', workdays: 0 });
    expect(parseDuration('100000WD')).toEqual({ kind: 'workdays', workdays: 100_000 });
    expect(parseDuration(' 3wd ')).toEqual({ kind: 'workdays', workdays: 3 });
    for (const spec of ['P7D', 'P1W', 'P2M', 'P1Y', 'PT4H', 'P1DT2H30M', 'P0D', 'PT30M', 'PT45S', 'P1Y2M3W4D']) {
      expect(parseDuration(spec), spec).not.toBeNull();
    }
    expect(parseDuration('P1DT2H30M')).toMatchObject({ days: 1, hours: 2, minutes: 30, hasTime: true });
    expect(parseDuration('P2M')).toMatchObject({ months: 2, minutes: 0, hasTime: false });
  });

  it('returns null for malformed text', () => {
    for (const spec of ['', 'P', 'PT', 'P1DT', '15', 'WD', '-3WD', '1.5WD', 'P-1D', 'P1.5D', 'PT1.5H', '7D', 'P1H', 'P1D2Y', 'abc', '15 个工作日']) {
      expect(parseDuration(spec), spec).toBeNull();
    }
  });

  it('offers a Chinese help text naming the formats', () => {
    expect(DURATION_HELP).toContain('15WD');
    expect(DURATION_HELP).toContain('工作日');
    expect(DURATION_HELP).toContain('P2M');
  });
});

describe('addDuration', () => {
  it('given 15WD from a moment on 2026-09-29, then due at the end of 2026-10-26, not provisional', () => {
    expect(add('2026-09-29T15:20:00+08:00', '15WD')).toEqual({
      at: endOfDay('2026-10-26'),
      date: '2026-10-26',
      provisional: false,
    });
  });

  it('uses the local (UTC+8) date of the start: 16:30 UTC on 09-28 is already 09-29 in China', () => {
    expect(add('2026-09-28T16:30:00Z', '15WD').date).toBe('2026-10-26');
  });

  it('given a working-day deadline reaching into 2027, then it is provisional', () => {
    const result = add('2026-12-20', '15WD');
    expect(result.date.startsWith('2027-01')).toBe(true);
    expect(result.provisional).toBe(true);
  });

  it('given P7D and P1W, then calendar days ignoring holidays, due at the end of the day', () => {
    expect(add('2026-09-29T10:00:00+08:00', 'P7D')).toEqual({ at: endOfDay('2026-10-06'), date: '2026-10-06', provisional: false });
    expect(add('2026-09-29', 'P1W').date).toBe('2026-10-06');
    expect(add('2026-09-29T10:00:00+08:00', 'P0D').at).toBe(endOfDay('2026-09-29'));
  });

  it('clamps months to the month end', () => {
    expect(add('2026-01-31', 'P1M').date).toBe('2026-02-28');
    expect(add('2028-01-31', 'P1M').date).toBe('2028-02-29');
    expect(add('2026-12-31', 'P2M').date).toBe('2027-02-28');
    expect(add('2026-03-15', 'P2M').date).toBe('2026-05-15');
    expect(add('2024-02-29', 'P1Y').date).toBe('2025-02-28');
  });

  it('given PT4H, then exactly four hours later', () => {
    const start = at('2026-10-08T22:30:00+08:00');
    const result = addDuration(start, parseDuration('PT4H')!, calendar);
    expect(result.at).toBe(start + 4 * 3_600_000);
    expect(result.date).toBe('2026-10-09');
  });

  it('given P1DT2H30M, then the next day at the same local time plus 2h30m', () => {
    expect(add('2026-10-08T09:00:00+08:00', 'P1DT2H30M').at).toBe(at('2026-10-09T11:30:00+08:00'));
  });

  it('given 100000WD, then there is no upper limit', () => {
    const result = add('2026-01-05', '100000WD');
    expect(result.date > '2400-01-01').toBe(true);
    expect(result.provisional).toBe(true);
  });

  it('throws with the help text when a spec cannot be parsed', () => {
    expect(() => addDurationSpec(at('2026-01-05'), '15天', calendar)).toThrow(/15天/);
  });
});

describe('subtractDuration (warning thresholds)', () => {
  it('given a due date 2026-10-26 and 3WD, then the warning starts on the 3rd working day before: 2026-10-21', () => {
    const due = endOfDay('2026-10-26');
    expect(subtractDuration(due, parseDuration('3WD')!, calendar)).toEqual({
      at: startOfDay('2026-10-21'),
      date: '2026-10-21',
      provisional: false,
    });
  });

  it('given a due date right after 国庆 and 2WD, then the holiday week is skipped', () => {
    expect(subtractDuration(endOfDay('2026-10-09'), parseDuration('2WD')!, calendar).date).toBe('2026-09-30');
  });

  it('subtracts months with clamping and time parts exactly', () => {
    expect(subtractDuration(endOfDay('2026-03-31'), parseDuration('P1M')!, calendar).date).toBe('2026-02-28');
    const due = endOfDay('2026-10-26');
    expect(subtractDuration(due, parseDuration('PT4H')!, calendar).at).toBe(due - 4 * 3_600_000);
  });
});
