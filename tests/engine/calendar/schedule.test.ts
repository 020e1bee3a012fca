import { describe, expect, it } from 'vitest';
import { WorkCalendar, parseSchedule } from '../../../src/engine/calendar';

describe('parseSchedule', () => {
  it('given a pasted table with a header, ranges and make-up days, then it lists every date', () => {
    const { entries, years, errors } = parseSchedule(
      ['日期,类型,名称', '2027-01-01,休,元旦', '', '2027-02-05~2027-02-11,休,春节', '2027-02-14,班,春节调休'].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(years).toEqual([2027]);
    expect(entries).toHaveLength(9);
    expect(entries[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: '元旦' });
    expect(entries.filter((e) => e.name === '春节').map((e) => e.date)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ]);
    expect(entries.at(-1)).toEqual({ date: '2027-02-14', kind: 'workday', name: '春节调休' });
  });

  it('accepts tabs and spaces, English and long Chinese kinds, 至 ranges and no name', () => {
    const { entries, errors } = parseSchedule(
      '2027-10-01 至 2027-10-07\t放假\t国庆节\n2027-09-26 上班\n2027/10/09,workday\n2027-06-09 holiday 端午节\r\n',
    );
    expect(errors).toEqual([]);
    expect(entries.filter((e) => e.kind === 'holiday')).toHaveLength(8);
    expect(entries.find((e) => e.date === '2027-09-26')).toEqual({ date: '2027-09-26', kind: 'workday' });
    expect(entries.find((e) => e.date === '2027-10-09')?.kind).toBe('workday');
  });

  it('reports bad lines in Chinese with their line numbers and keeps the good ones', () => {
    const { entries, errors } = parseSchedule(
      [
        '2027-01-01,休,元旦',
        '2027-13-01,休,元旦',
        '2027-02-11~2027-02-05,休,春节',
        '2027-05-01,歇,劳动节',
        '2027-05-06',
        '2027-01-01,班,元旦',
        '2027-03-03,班',
        '2027-01-01~2027-03-01,休',
      ].join('\n'),
    );
    expect(entries).toEqual([{ date: '2027-01-01', kind: 'holiday', name: '元旦' }]);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(errors[0].message).toMatch(/^第 2 行：.*2027-13-01/);
    expect(errors[1].message).toContain('早于');
    expect(errors[2].message).toContain('歇');
    expect(errors[3].message).toContain('缺少类型');
    expect(errors[4].message).toContain('第 1 行');
    expect(errors[5].message).toContain('本来就是工作日');
    expect(errors[6].message).toContain('超过');
  });

  it('given the parsed entries imported as the 2027 schedule, then the calendar follows them and 2027 is no longer provisional', () => {
    const { entries } = parseSchedule('2027-02-05~2027-02-11,休,春节\n2027-02-14,班,春节调休');
    const cal = new WorkCalendar({ schedules: [{ year: 2027, entries }] });
    expect(cal.isProvisional('2027-02-14')).toBe(false);
    expect(cal.addWorkdays('2027-02-04', 1)).toBe('2027-02-12');
    expect(cal.addWorkdays('2027-02-12', 1)).toBe('2027-02-14');
  });
});
