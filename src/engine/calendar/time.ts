/**
 * China Standard Time helpers. China uses UTC+8 all year (no daylight saving),
 * so a local calendar date is a plain day number shifted by eight hours.
 * Dates are 'YYYY-MM-DD' strings; instants are epoch milliseconds.
 */

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** Offset of China Standard Time from UTC in milliseconds (+08:00). */
export const CST_OFFSET_MS = 8 * 3_600_000;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
export function epochDayOf(year: number, month: number, day: number): number {
  // Days-from-civil over 400-year eras, exact for any year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Year, month (1–12) and day of a day number counted from 1970-01-01. */
export function civilOf(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Formats year, month and day as 'YYYY-MM-DD'. */
export function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether `s` is a real calendar date written 'YYYY-MM-DD'. */
export function isDateString(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

/** Day number (days since 1970-01-01) of a 'YYYY-MM-DD' date; throws on a malformed date. */
export function toEpochDay(date: string): number {
  if (!isDateString(date)) throw new RangeError(`日期格式无效 <${String(date)}>，应为 YYYY-MM-DD`);
  return epochDayOf(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The 'YYYY-MM-DD' date of a day number counted from 1970-01-01. */
export function fromEpochDay(epochDay: number): string {
  const { year, month, day } = civilOf(epochDay);
  return formatDate(year, month, day);
}

/** The local (China Standard Time) date of an instant. */
export function toLocalDate(ms: number): string {
  return fromEpochDay(Math.floor((ms + CST_OFFSET_MS) / DAY_MS));
}

/** The local (China Standard Time) year of an instant. */
export function localYear(ms: number): number {
  return civilOf(Math.floor((ms + CST_OFFSET_MS) / DAY_MS)).year;
}

/** The local (China Standard Time) date and time of an instant, 'YYYY-MM-DD HH:mm:ss'. */
export function toLocalDateTime(ms: number): string {
  const local = ms + CST_OFFSET_MS;
  const day = Math.floor(local / DAY_MS);
  const seconds = Math.floor((local - day * DAY_MS) / 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${fromEpochDay(day)} ${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

/** The instants a local year begins and the next one begins. */
export function yearRange(year: number): [number, number] {
  return [Date.UTC(year, 0, 1) - CST_OFFSET_MS, Date.UTC(year + 1, 0, 1) - CST_OFFSET_MS];
}

/** The instant a local date begins (00:00:00.000 +08:00). */
export function startOfDay(date: string): number {
  return toEpochDay(date) * DAY_MS - CST_OFFSET_MS;
}

/** The last millisecond of a local date (23:59:59.999 +08:00). */
export function endOfDay(date: string): number {
  return startOfDay(date) + DAY_MS - 1;
}

/** The date `n` calendar days after `date` (negative `n` goes back). */
export function addDays(date: string, n: number): string {
  return fromEpochDay(toEpochDay(date) + n);
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return weekdayOfEpochDay(toEpochDay(date));
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfEpochDay(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/**
 * Parses 'YYYY-MM-DD' (the start of that day in China) or an ISO date-time such as
 * '2026-10-08T09:30:00+08:00' / '…Z'; a date-time without an offset is China time.
 * Throws a RangeError with a Chinese message when `s` is neither.
 */
export function parseDateOrDateTime(s: string): number {
  const text = typeof s === 'string' ? s.trim() : '';
  if (isDateString(text)) return startOfDay(text);
  const m = DATE_TIME_RE.exec(text);
  const date = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || !isDateString(date)) {
    throw new RangeError(`无法识别的日期或时间 <${String(s)}>，应为 YYYY-MM-DD 或 ISO 8601 日期时间`);
  }
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] ? Number(m[6]) : 0;
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute > 0 || second > 0 || millis > 0))) {
    throw new RangeError(`无法识别的日期或时间 <${s}>：时间超出范围`);
  }
  let offsetMs = CST_OFFSET_MS;
  const zone = m[8];
  if (zone && zone.toUpperCase() === 'Z') offsetMs = 0;
  else if (zone) {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 14 || om > 59) throw new RangeError(`无法识别的日期或时间 <${s}>：时区偏移无效`);
    offsetMs = sign * (oh * 3_600_000 + om * 60_000);
  }
  return toEpochDay(date) * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + millis - offsetMs;
}
