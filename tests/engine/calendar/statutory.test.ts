import { Lunar } from 'lunar-javascript';
import { describe, expect, it } from 'vitest';
import { LUNAR_TABLE, LUNAR_TABLE_FIRST_YEAR, computeMovableDates, encodeLunarTable, movableDates } from '../../../src/engine/calendar/statutory';
import { fromEpochDay } from '../../../src/engine/calendar/time';

describe('statutory movable holidays', () => {
  it('the precomputed table equals what lunar-javascript computes for every year it holds', () => {
    const lastYear = LUNAR_TABLE_FIRST_YEAR + LUNAR_TABLE.length / 4 - 1;
    expect(lastYear).toBeGreaterThanOrEqual(2600);
    expect(encodeLunarTable(LUNAR_TABLE_FIRST_YEAR, lastYear)).toBe(LUNAR_TABLE);
  });

  it('decodes 2027: 春节 2027-02-06, 清明 2027-04-05, 端午 2027-06-09, 中秋 2027-09-15', () => {
    const d = movableDates(2027);
    expect([d.springFestival, d.qingming, d.dragonBoat, d.midAutumn].map(fromEpochDay)).toEqual([
      Lunar.fromYmd(2027, 1, 1).getSolar().toYmd(),
      '2027-04-05',
      Lunar.fromYmd(2027, 5, 5).getSolar().toYmd(),
      Lunar.fromYmd(2027, 8, 15).getSolar().toYmd(),
    ]);
    expect(fromEpochDay(d.springFestival)).toBe('2027-02-06');
  });

  it('computes years beyond the table with lunar-javascript', () => {
    const d = computeMovableDates(2900);
    expect(fromEpochDay(d.springFestival)).toBe(Lunar.fromYmd(2900, 1, 1).getSolar().toYmd());
    expect(movableDates(2900)).toEqual(d);
  });
});
