import { describe, expect, it } from 'vitest';
import { addDays, endOfDay, parseDateOrDateTime, startOfDay, toLocalDate, weekday } from '../../../src/engine/calendar';

describe('China Standard Time helpers', () => {
  it('a local day starts at 16:00 UTC the day before and ends one millisecond before the next', () => {
    expect(startOfDay('2026-10-01')).toBe(Date.UTC(2026, 8, 30, 16));
    expect(endOfDay('2026-10-01')).toBe(Date.UTC(2026, 9, 1, 15, 59, 59, 999));
  });

  it('maps instants to the local date at the +08:00 boundary', () => {
    expect(toLocalDate(Date.UTC(2026, 8, 30, 15, 59, 59, 999))).toBe('2026-09-30');
    expect(toLocalDate(Date.UTC(2026, 8, 30, 16))).toBe('2026-10-01');
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
