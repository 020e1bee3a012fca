/** The small part of lunar-javascript (shipped without types) that the calendar uses. */
declare module 'lunar-javascript' {
  /** A Gregorian date. */
  export class Solar {
    static fromYmd(year: number, month: number, day: number): Solar;
    static fromJulianDay(julianDay: number): Solar;
    getLunar(): Lunar;
    toYmd(): string;
  }
  /** A date of the Chinese lunisolar calendar. */
  export class Lunar {
    static fromYmd(lunarYear: number, lunarMonth: number, lunarDay: number): Lunar;
    getSolar(): Solar;
    next(days: number): Lunar;
    getJieQiTable(): Record<string, Solar>;
  }
  /** One month of a lunar year; leap months have negative numbers. */
  export class LunarMonth {
    getFirstJulianDay(): number;
    getDayCount(): number;
  }
  /** One lunar year with its months and solar terms. */
  export class LunarYear {
    static fromYear(lunarYear: number): LunarYear;
    getMonth(lunarMonth: number): LunarMonth | null;
    getLeapMonth(): number;
    getJieQiJulianDays(): number[];
  }
  export const LunarUtil: {
    JIE_QI_IN_USE: string[];
  };
}
