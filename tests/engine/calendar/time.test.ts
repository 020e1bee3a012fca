import { describe, expect, it } from 'vitest';
import { addDays, endOfDay, localYear, parseDateOrDateTime, startOfDay, toLocalDate, toLocalDateTime, weekday } from '../../../src/engine/calendar';

describe('China Standard Time helpers', () => {
  it('a local day starts at 16:00 UTC the day before and ends one millisecond before the next', () => {
    expect(startOfDay('2026-10-01')).toBe(Date.UTC(2026, 8, 30, 16));
    expect(endOfDay('2026-10-01')).toBe(Date.UTC(2026, 9, 1, 15, 59, 59, 999));
  });

  it('maps instants to the local date at the +08:00 boundary', () => {
    expect(toLocalDate(Date.UTC(2026, 8, 30, 15, 59, 59, 999))).toBe('2026-09-30');
    expect(toLocalDate(Date.UTC(2026, 8, 30, 16))).toBe('2026-10-01');
  });

  it('gives the local year and date-time of an instant, the year turning at 16:00 UTC on 31 December', () => {
    expect(localYear(Date.UTC(2026, 11, 31, 15, 59, 59, 999))).toBe(2026);
    expect(localYear(Date.UTC(2026, 11, 31, 16))).toBe(2027);
    expect(toLocalDateTime(Date.UTC(2026, 11, 31, 15, 59, 59, 999))).toBe('2026-12-31 23:59:59');
    expect(toLocalDateTime(Date.UTC(2026, 11, 31, 16))).toBe('2027-01-01 00:00:00');
    expect(toLocalDateTime(Date.UTC(2026, 2, 2, 1, 5, 9))).toBe('2026-03-02 09:05:09');
    // Before 1970 as well: the day is floored, not truncated.
    expect(toLocalDateTime(Date.UTC(1969, 11, 31, 15, 30))).toBe('1969-12-31 23:30:00');
    // The same as the platform's own Asia/Shanghai time (since 1992: China kept daylight saving until 1991).
    const beijing = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    for (let ms = Date.UTC(1992, 0, 1); ms < Date.UTC(2100, 0, 1); ms += 7_777_777_777) {
      expect(toLocalDateTime(ms)).toBe(beijing.format(ms));
      expect(localYear(ms)).toBe(Number(beijing.format(ms).slice(0, 4)));
    }
  });

  it('adds days across months, leap days and years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('gives the weekday with 0 = Sunday', () => {
    expect(weekday('2026-10-01')).toBe(4);
    expect(weekday('2026-02-28')).toBe(6);
    expect(weekday('2026-03-08')).toBe(0);
  });

  it('parses a date as the start of that day in China, and ISO date-times with or without an offset', () => {
    expect(parseDateOrDateTime('2026-10-08')).toBe(startOfDay('2026-10-08'));
    expect(parseDateOrDateTime('2026-10-08T09:30:00+08:00')).toBe(Date.UTC(2026, 9, 8, 1, 30));
    expect(parseDateOrDateTime('2026-10-08T01:30:00.250Z')).toBe(Date.UTC(2026, 9, 8, 1, 30, 0, 250));
    expect(parseDateOrDateTime('2026-10-08T09:30')).toBe(Date.UTC(2026, 9, 8, 1, 30));
  });

  it('rejects malformed dates with a Chinese message naming the input', () => {
    expect(() => parseDateOrDateTime('2026-02-30')).toThrow(/<2026-02-30>/);
    expect(() => parseDateOrDateTime('明天')).toThrow(/日期/);
    expect(() => parseDateOrDateTime('2026-10-08T25:00:00Z')).toThrow(RangeError);
  });
});
