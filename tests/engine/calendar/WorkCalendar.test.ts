import { Lunar } from 'lunar-javascript';
import { describe, expect, it } from 'vitest';
import { WorkCalendar, addDays } from '../../../src/engine/calendar';

const calendar = WorkCalendar.default();

describe('WorkCalendar on the published 2026 schedule', () => {
  it('given 2026-09-29, when adding 15 working days, then the 国庆 week is skipped and 10-10 (make-up Saturday) counts: 2026-10-26', () => {
    expect(calendar.addWorkdays('2026-09-29', 15)).toBe('2026-10-26');
  });

  it('given 2026-02-12, when adding 7 working days, then 春节 is skipped and the 7th is the make-up Saturday 2026-02-28', () => {
    expect(calendar.addWorkdays('2026-02-12', 7)).toBe('2026-02-28');
    expect(calendar.isWorkday('2026-02-28')).toBe(true);
    expect(calendar.holidayName('2026-02-28')).toBe('调休上班');
  });

  it('given ordinary weekends, then they are off and unnamed', () => {
    expect(calendar.isWorkday('2026-03-07')).toBe(false); // Saturday
    expect(calendar.isWorkday('2026-03-08')).toBe(false); // Sunday
    expect(calendar.isWorkday('2026-03-09')).toBe(true); // Monday
    expect(calendar.holidayName('2026-03-07')).toBeNull();
  });

  it('given the 2026 holidays and 调休 days, then holidays are off with their names and make-up days are working days', () => {
    expect(calendar.isWorkday('2026-10-05')).toBe(false);
    expect(calendar.holidayName('2026-10-05')).toBe('国庆节');
    expect(calendar.holidayName('2026-02-16')).toBe('春节');
    expect(calendar.holidayName('2026-04-05')).toBe('清明节');
    expect(calendar.isWorkday('2026-01-02')).toBe(false); // Friday, 元旦
    for (const makeUp of ['2026-01-04', '2026-02-14', '2026-05-09', '2026-09-20', '2026-10-10']) {
      expect(calendar.isWorkday(makeUp)).toBe(true);
      expect(calendar.holidayName(makeUp)).toBe('调休上班');
    }
    expect(calendar.isProvisional('2026-06-01')).toBe(false);
  });

  it('given a working day, when adding 0, then it is returned; given a holiday, then the next working day', () => {
    expect(calendar.addWorkdays('2026-09-30', 0)).toBe('2026-09-30');
    expect(calendar.addWorkdays('2026-10-01', 0)).toBe('2026-10-08');
    expect(calendar.subtractWorkdays('2026-10-01', 0)).toBe('2026-09-30');
  });

  it('given 2026-10-26, when subtracting 15 working days, then it comes back to 2026-09-29', () => {
    expect(calendar.subtractWorkdays('2026-10-26', 15)).toBe('2026-09-29');
    expect(calendar.subtractWorkdays('2026-10-08', 1)).toBe('2026-09-30');
  });

  it('counts the working days between two dates, excluding the first', () => {
    expect(calendar.workdaysBetween('2026-09-29', '2026-10-26')).toBe(15);
    expect(calendar.workdaysBetween('2026-10-26', '2026-09-29')).toBe(-15);
    expect(calendar.workdaysBetween('2026-10-01', '2026-10-01')).toBe(0);
  });

  it('lists every day of 2026 for a calendar view, with 248 working days', () => {
    const days = calendar.yearDays(2026);
    expect(days).toHaveLength(365);
    expect(days[0]).toEqual({ date: '2026-01-01', workday: false, name: '元旦', provisional: false });
    // 261 weekdays − 19 weekday holidays + 6 make-up days.
    expect(days.filter((d) => d.workday)).toHaveLength(248);
  });

  it('reports the bundled years 2004–2026 as published', () => {
    const years = calendar.publishedYears();
    expect(years[0]).toBe(2004);
    expect(years).toContain(2026);
    expect(years).not.toContain(2027);
  });
});

describe('WorkCalendar overrides and imported schedules', () => {
  it('given overrides, then they beat the published data in both directions', () => {
    const cal = new WorkCalendar({
      overrides: [
        { date: '2026-10-05', kind: 'workday', name: '县政府值班' },
        { date: '2026-09-30', kind: 'holiday', name: '县防汛停工' },
        { date: '2026-09-19', kind: 'workday' },
      ],
    });
    expect(cal.isWorkday('2026-10-05')).toBe(true);
    expect(cal.isWorkday('2026-09-30')).toBe(false);
    expect(cal.holidayName('2026-09-30')).toBe('县防汛停工');
    expect(cal.holidayName('2026-09-19')).toBe('调休上班');
    // 9-30 off, 10-05 on: the 1st working day after 9-29 is 10-05.
    expect(cal.addWorkdays('2026-09-29', 1)).toBe('2026-10-05');
    // The default calendar is untouched.
    expect(calendar.isWorkday('2026-10-05')).toBe(false);
  });

  it('given an override in a provisional year, then it beats the law-derived holiday', () => {
    const cal = new WorkCalendar({ overrides: [{ date: '2027-10-01', kind: 'workday' }] });
    expect(cal.isWorkday('2027-10-01')).toBe(true);
    expect(cal.addWorkdays('2027-09-30', 1)).toBe('2027-10-01');
  });

  it('given an imported 2027 schedule, then 2027 is published and follows the schedule only', () => {
    const cal = new WorkCalendar({
      schedules: [
        {
          year: 2027,
          entries: [
            ...['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'].map(
              (date) => ({ date, kind: 'holiday' as const, name: '春节' }),
            ),
            { date: '2027-02-14', kind: 'workday', name: '春节调休' },
          ],
        },
      ],
    });
    expect(cal.isProvisional('2027-03-01')).toBe(false);
    expect(cal.publishedYears()).toContain(2027);
    expect(cal.isWorkday('2027-02-11')).toBe(false);
    expect(cal.isWorkday('2027-02-14')).toBe(true);
    expect(cal.holidayName('2027-02-14')).toBe('春节调休');
    // Not listed in the imported schedule, so an ordinary Friday.
    expect(cal.isWorkday('2027-10-01')).toBe(true);
  });

  it('given an imported schedule for a bundled year, then it replaces the bundled data of that year', () => {
    const cal = new WorkCalendar({ schedules: [{ year: 2026, entries: [{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }] }] });
    expect(cal.isWorkday('2026-10-01')).toBe(false);
    expect(cal.isWorkday('2026-10-05')).toBe(true);
    expect(cal.isWorkday('2026-10-10')).toBe(false);
  });

  it('rejects an override with an invalid date, naming it', () => {
    expect(() => new WorkCalendar({ overrides: [{ date: '2026-02-30', kind: 'holiday' }] })).toThrow(/<2026-02-30>/);
  });
});

describe('WorkCalendar for years without a published schedule', () => {
  it('given 2027, then the 除夕 computed by lunar-javascript (2027-02-05) and 正月初一–初三 are 春节 holidays', () => {
    const chuxi = Lunar.fromYmd(2027, 1, 1).next(-1).getSolar().toYmd();
    expect(chuxi).toBe('2027-02-05');
    for (let i = 0; i < 4; i++) {
      const date = addDays(chuxi, i);
      expect(calendar.isWorkday(date)).toBe(false);
      expect(calendar.holidayName(date)).toBe('春节');
    }
    expect(calendar.isWorkday('2027-02-09')).toBe(true); // 初四, a Tuesday
    expect(calendar.isProvisional('2027-02-05')).toBe(true);
  });

  it('given 2027, then the other statutory days are off and nothing else on weekdays', () => {
    const off = calendar
      .yearDays(2027)
      .filter((d) => d.name)
      .map((d) => `${d.date} ${d.name}`);
    expect(off).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      `${Lunar.fromYmd(2027, 3, 1).getJieQiTable()['清明'].toYmd()} 清明节`,
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      `${Lunar.fromYmd(2027, 5, 5).getSolar().toYmd()} 端午节`,
      `${Lunar.fromYmd(2027, 8, 15).getSolar().toYmd()} 中秋节`,
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
    expect(calendar.yearDays(2027).every((d) => d.provisional)).toBe(true);
  });

  it('given 2028, then every date is provisional and 中秋 on 10-03 coincides with 国庆', () => {
    expect(Lunar.fromYmd(2028, 8, 15).getSolar().toYmd()).toBe('2028-10-03');
    expect(calendar.holidayName('2028-10-03')).toBe('中秋节、国庆节');
    expect(calendar.isProvisional('2028-01-01')).toBe(true);
    expect(calendar.isProvisional('2028-12-31')).toBe(true);
    expect(calendar.holidayName(Lunar.fromYmd(2028, 1, 1).getSolar().toYmd())).toBe('春节');
  });

  it('given 2026-12-30, when adding working days into 2027, then 元旦 2027 is skipped', () => {
    expect(calendar.addWorkdays('2026-12-30', 1)).toBe('2026-12-31');
    expect(calendar.addWorkdays('2026-12-30', 2)).toBe('2027-01-04');
  });
});

describe('WorkCalendar with huge counts', () => {
  // Its speed (well under 50 ms) is measured in the engine benchmark, not here.
  it('given N = 100,000, when adding and subtracting, then it round-trips', () => {
    const cal = new WorkCalendar();
    const far = cal.addWorkdays('2026-01-05', 100_000);
    expect(far > '2400-01-01').toBe(true);
    expect(cal.isWorkday(far)).toBe(true);
    expect(cal.workdaysBetween('2026-01-05', far)).toBe(100_000);
    expect(cal.subtractWorkdays(far, 100_000)).toBe('2026-01-05');
  });

  it('agrees with a day-by-day walk across a provisional year boundary', () => {
    let date = '2026-11-20';
    let steps = 0;
    while (steps < 300) {
      date = addDays(date, 1);
      if (calendar.isWorkday(date)) steps++;
    }
    expect(calendar.addWorkdays('2026-11-20', 300)).toBe(date);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => calendar.addWorkdays('2026-01-05', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkdays('2026-01-05', 1.5)).toThrow(RangeError);
  });
});
