/**
 * The working-day calendar: the published State Council schedules, schedules an
 * administrator imported, per-date overrides, and for unpublished years the
 * statutory holidays derived from the law (flagged provisional).
 */
import type { Calendar } from '../types';
import { BUILTIN_SCHEDULES } from './builtin';
import { statutoryHolidays } from './statutory';
import { civilOf, epochDayOf, fromEpochDay, isDateString, isLeapYear, toEpochDay, weekdayOfEpochDay } from './time';

/** Whether a listed date is a working day or a day off. */
export type DayKind = 'workday' | 'holiday';

/** One dated entry of a schedule or an administrator override. */
export interface Override {
  date: string;
  kind: DayKind;
  name?: string;
}

/** The official schedule of one year, imported by an administrator; the year then counts as published. */
export interface ImportedSchedule {
  year: number;
  entries: Override[];
}

/** What a calendar is built from besides the bundled data. */
export interface WorkCalendarOptions {
  /** Per-date corrections; an override wins over everything else. */
  overrides?: Override[];
  /** Year schedules imported by an administrator; an imported year replaces the bundled data of that year. */
  schedules?: ImportedSchedule[];
}

/** One day as shown in a calendar view. */
export interface CalendarDay {
  date: string;
  workday: boolean;
  /** Holiday name, or '调休上班' for a make-up working day. */
  name?: string;
  /** True when the year's schedule is not published and holidays come from the law. */
  provisional: boolean;
}

/** First year the calendar answers for. */
export const MIN_YEAR = 1900;
/** Last year the calendar answers for. */
export const MAX_YEAR = 9999;

const MAKE_UP_DAY = '调休上班';

interface YearTable {
  year: number;
  /** Day number of 1 January. */
  first: number;
  /** 1 = working day, per day of the year. */
  work: Uint8Array;
  names: Map<number, string>;
  /** Number of working days in the year. */
  count: number;
  provisional: boolean;
}

let defaultCalendar: WorkCalendar | undefined;

/** Working days on the official Chinese calendar; implements the engine's Calendar. */
export class WorkCalendar implements Calendar {
  /** Imported schedule entries, then overrides, grouped by the year of their date. */
  private readonly imported = new Map<number, Map<number, Override>>();
  private readonly overrides = new Map<number, Map<number, Override>>();
  private readonly importedYears = new Set<number>();
  private readonly published: Set<number>;
  private readonly years = new Map<number, YearTable>();
  private readonly counts = new Map<number, number>();

  constructor(options: WorkCalendarOptions = {}) {
    for (const schedule of options.schedules ?? []) {
      if (!Number.isInteger(schedule.year) || schedule.year < MIN_YEAR || schedule.year > MAX_YEAR) {
        throw new RangeError(`导入的年度安排年份无效 <${String(schedule.year)}>`);
      }
      this.importedYears.add(schedule.year);
      for (const entry of schedule.entries) byYear(this.imported, entry);
    }
    for (const entry of options.overrides ?? []) byYear(this.overrides, entry);
    this.published = new Set([...BUILTIN_SCHEDULES.keys(), ...this.importedYears]);
  }

  /** The shared calendar with the bundled data only (no overrides, no imports). */
  static default(): WorkCalendar {
    defaultCalendar ??= new WorkCalendar();
    return defaultCalendar;
  }

  /** Whether a date ('YYYY-MM-DD') is a working day. */
  isWorkday(date: string): boolean {
    const day = toEpochDay(date);
    const table = this.table(civilOf(day).year);
    return table.work[day - table.first] === 1;
  }

  /** True when the date's year has no published schedule and its holidays were derived from the law. */
  isProvisional(date: string): boolean {
    return !this.published.has(civilOf(toEpochDay(date)).year);
  }

  /** The holiday name of a date, '调休上班' (or the given name) for a make-up working day, otherwise null. */
  holidayName(date: string): string | null {
    const day = toEpochDay(date);
    const table = this.table(civilOf(day).year);
    return table.names.get(day - table.first) ?? null;
  }

  /** Everything the calendar knows about one date. */
  dayInfo(date: string): CalendarDay {
    const day = toEpochDay(date);
    const table = this.table(civilOf(day).year);
    return describe(table, day - table.first);
  }

  /** Every day of a year, in order, for a calendar view. */
  yearDays(year: number): CalendarDay[] {
    const table = this.table(year);
    return Array.from(table.work, (_, i) => describe(table, i));
  }

  /** Years with an official schedule (bundled or imported), ascending. */
  publishedYears(): number[] {
    return [...this.published].sort((a, b) => a - b);
  }

  /** The N-th working day after `date` (N ≥ 0; 0 = `date` itself if it is a working day, else the next one). */
  addWorkdays(date: string, n: number): string {
    checkCount(n);
    return fromEpochDay(this.walk(toEpochDay(date), n, 1));
  }

  /** The N-th working day before `date` (N ≥ 0; 0 = `date` itself if it is a working day, else the previous one). */
  subtractWorkdays(date: string, n: number): string {
    checkCount(n);
    return fromEpochDay(this.walk(toEpochDay(date), n, -1));
  }

  /** Working days after `from` up to and including `to`; negative when `to` is before `from`. */
  workdaysBetween(from: string, to: string): number {
    const a = toEpochDay(from);
    const b = toEpochDay(to);
    if (b < a) return -this.workdaysBetween(to, from);
    let total = 0;
    for (let year = civilOf(a).year; ; year++) {
      const first = epochDayOf(year, 1, 1);
      const last = epochDayOf(year, 12, 31);
      const lo = Math.max(a + 1, first);
      const hi = Math.min(b, last);
      if (lo === first && hi === last) total += this.count(year);
      else if (lo <= hi) {
        const table = this.table(year);
        for (let day = lo; day <= hi; day++) total += table.work[day - first];
      }
      if (b <= last) return total;
    }
  }

  /**
   * Steps `n` working days from `start` in `direction` (1 or -1), not counting the start day;
   * n = 0 returns the start day when it is a working day, else the nearest one in that direction.
   * Whole years are skipped by their working-day counts.
   */
  private walk(start: number, n: number, direction: 1 | -1): number {
    let remaining = n === 0 ? 1 : n;
    let year = civilOf(start).year;
    let table = this.table(year);
    let i = start - table.first + (n === 0 ? 0 : direction);
    for (;;) {
      for (; i >= 0 && i < table.work.length; i += direction) {
        if (table.work[i] === 1 && --remaining === 0) return table.first + i;
      }
      year += direction;
      for (let count = this.count(year); count < remaining; count = this.count(year)) {
        remaining -= count;
        year += direction;
      }
      table = this.table(year);
      i = direction === 1 ? 0 : table.work.length - 1;
    }
  }

  /** Working days in a year; a provisional year without entries is counted without building its table. */
  private count(year: number): number {
    const known = this.years.get(year)?.count ?? this.counts.get(year);
    if (known !== undefined) return known;
    let count: number;
    if (!this.published.has(year) && !this.imported.has(year) && !this.overrides.has(year)) {
      checkYear(year);
      count = weekdaysIn(year);
      for (const { day } of statutoryHolidays(year)) if (!isWeekend(day)) count--;
    } else {
      count = this.table(year).count;
    }
    this.counts.set(year, count);
    return count;
  }

  /** The day table of a year, built on first use. */
  private table(year: number): YearTable {
    let table = this.years.get(year);
    if (!table) {
      table = this.buildYear(year);
      this.years.set(year, table);
    }
    return table;
  }

  private buildYear(year: number): YearTable {
    checkYear(year);
    const first = epochDayOf(year, 1, 1);
    const length = isLeapYear(year) ? 366 : 365;
    const work = new Uint8Array(length);
    const names = new Map<number, string>();
    for (let i = 0; i < length; i++) {
      work[i] = isWeekend(first + i) ? 0 : 1;
    }
    const apply = (day: number, entry: Override) => {
      const i = day - first;
      if (i < 0 || i >= length) return;
      work[i] = entry.kind === 'workday' ? 1 : 0;
      const name = entryName(entry, isWeekend(day));
      if (name) names.set(i, name);
      else names.delete(i);
    };
    const provisional = !this.published.has(year);
    if (provisional) {
      for (const { day, name } of statutoryHolidays(year)) apply(day, { date: '', kind: 'holiday', name });
    } else if (!this.importedYears.has(year)) {
      for (const entry of BUILTIN_SCHEDULES.get(year) ?? []) apply(toEpochDay(entry.date), entry);
    }
    for (const [day, entry] of this.imported.get(year) ?? []) apply(day, entry);
    for (const [day, entry] of this.overrides.get(year) ?? []) apply(day, entry);
    let count = 0;
    for (let i = 0; i < length; i++) count += work[i];
    return { year, first, work, names, count, provisional };
  }
}

/** The name shown for a listed day: holidays keep theirs, make-up days say they are make-up days. */
function entryName(entry: Override, weekend: boolean): string | undefined {
  const name = entry.name?.trim();
  if (entry.kind === 'holiday') return name || '放假';
  if (!name) return weekend ? MAKE_UP_DAY : undefined;
  return /班|调休/.test(name) ? name : `${name}${MAKE_UP_DAY}`;
}

function describe(table: YearTable, i: number): CalendarDay {
  const day: CalendarDay = { date: fromEpochDay(table.first + i), workday: table.work[i] === 1, provisional: table.provisional };
  const name = table.names.get(i);
  if (name) day.name = name;
  return day;
}

/** Files an entry under the year of its date; a later entry for the same date wins. */
function byYear(index: Map<number, Map<number, Override>>, entry: Override): void {
  if (!isDateString(entry?.date)) throw new RangeError(`日历条目的日期无效 <${String(entry?.date)}>`);
  if (entry.kind !== 'workday' && entry.kind !== 'holiday') {
    throw new RangeError(`日历条目的类型无效 <${String(entry.kind)}>，应为 workday 或 holiday`);
  }
  const day = toEpochDay(entry.date);
  const year = civilOf(day).year;
  const days = index.get(year) ?? new Map<number, Override>();
  days.set(day, entry);
  index.set(year, days);
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`日期超出工作日历支持的范围（${MIN_YEAR}–${MAX_YEAR} 年） <${year}>`);
  }
}

function isWeekend(day: number): boolean {
  const wd = weekdayOfEpochDay(day);
  return wd === 0 || wd === 6;
}

/** Monday-to-Friday days in a year: 52 whole weeks plus the one or two days left over. */
function weekdaysIn(year: number): number {
  const first = epochDayOf(year, 1, 1);
  const extra = isLeapYear(year) ? 2 : 1;
  let count = 260;
  for (let k = 0; k < extra; k++) if (!isWeekend(first + 364 + k)) count++;
  return count;
}

function checkCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`工作日天数应为非负整数 <${String(n)}>`);
}
