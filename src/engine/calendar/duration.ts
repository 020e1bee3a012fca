/**
 * Deadline durations as written in diagrams: `15WD` (working days on the official
 * calendar) or an ISO 8601 duration (`P7D`, `P1W`, `P2M`, `P1Y`, `PT4H`, `P1DT2H30M`).
 */
import type { Calendar } from '../types';
import { DAY_MS, CST_OFFSET_MS, civilOf, daysInMonth, endOfDay, epochDayOf, fromEpochDay, startOfDay, toLocalDate } from './time';

/** A parsed duration: N working days, or the parts of an ISO 8601 duration. */
export type ParsedDuration =
  | { kind: 'workdays'; workdays: number }
  | {
      kind: 'iso';
      years: number;
      months: number;
      weeks: number;
      days: number;
      hours: number;
      minutes: number;
      seconds: number;
      /** True when the duration has a time part (`T…`): it is then exact to the millisecond. */
      hasTime: boolean;
    };

/** A deadline or threshold computed from a duration. */
export interface DurationResult {
  /** The instant (epoch ms). */
  at: number;
  /** The local date ('YYYY-MM-DD') of that instant. */
  date: string;
  /** True when a working-day count crossed a year whose schedule is not yet published. */
  provisional: boolean;
}

/** Accepted duration formats, for messages to people. */
export const DURATION_HELP =
  '期限格式：“15WD”表示 15 个工作日（按官方节假日与调休安排计算，不含起算当天，截止到当天结束）；' +
  '或 ISO 8601 时长：“P7D”（7 天）、“P1W”（1 周）、“P2M”（2 个月，日期不存在时取当月最后一天）、' +
  '“P1Y”（1 年）、“PT4H”（4 小时）、“P1DT2H30M”（1 天 2 小时 30 分）。数字须为非负整数。';

const WORKDAYS_RE = /^P?(\d+)\s*WD$/i;
const ISO_RE = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

/** Parses `15WD` or an ISO 8601 duration; returns null when the text is malformed. */
export function parseDuration(spec: string): ParsedDuration | null {
  if (typeof spec !== 'string') return null;
  const text = spec.trim();
  const wd = WORKDAYS_RE.exec(text);
  if (wd) {
    const workdays = Number(wd[1]);
    return Number.isSafeInteger(workdays) ? { kind: 'workdays', workdays } : null;
  }
  const m = ISO_RE.exec(text);
  if (!m) return null;
  const tIndex = text.toUpperCase().indexOf('T');
  const hasTime = tIndex >= 0;
  // 'P' alone and a dangling 'T' are not durations.
  if (m.slice(1).every((part) => part === undefined)) return null;
  if (hasTime && m.slice(5).every((part) => part === undefined)) return null;
  const parts = m.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  if (!parts.every(Number.isSafeInteger)) return null;
  const [years, months, weeks, days, hours, minutes, seconds] = parts;
  return { kind: 'iso', years, months, weeks, days, hours, minutes, seconds, hasTime };
}

/** A short Chinese description of a duration, e.g. '15 个工作日', '2 个月'. */
export function describeDuration(parsed: ParsedDuration): string {
  if (parsed.kind === 'workdays') return `${parsed.workdays} 个工作日`;
  const units: [number, string][] = [
    [parsed.years, '年'],
    [parsed.months, '个月'],
    [parsed.weeks, '周'],
    [parsed.days, '天'],
    [parsed.hours, '小时'],
    [parsed.minutes, '分钟'],
    [parsed.seconds, '秒'],
  ];
  const text = units.filter(([n]) => n > 0).map(([n, unit]) => `${n} ${unit}`).join(' ');
  return text || (parsed.hasTime ? '0 秒' : '0 天');
}

/**
 * The deadline `parsed` after `startMs`. Working days: the N-th working day after the
 * start's local date (the start day is not counted), due at the end of that day.
 * Days, weeks, months, years: calendar arithmetic on the local date (months clamp to
 * the month's end), due at the end of that day. With a time part: exact instant.
 */
export function addDuration(startMs: number, parsed: ParsedDuration, calendar: Calendar): DurationResult {
  return shift(startMs, parsed, calendar, 1);
}

/**
 * The instant `parsed` before `endMs`, for warning and reminder thresholds: '3WD' before a
 * due date is the start of the 3rd working day before it (so the whole day is "due soon");
 * day, week, month and year durations likewise give the start of the resulting day;
 * a duration with a time part is exact.
 */
export function subtractDuration(endMs: number, parsed: ParsedDuration, calendar: Calendar): DurationResult {
  return shift(endMs, parsed, calendar, -1);
}

function shift(ms: number, parsed: ParsedDuration, calendar: Calendar, direction: 1 | -1): DurationResult {
  if (!Number.isFinite(ms)) throw new RangeError(`起算时间无效 <${String(ms)}>`);
  const from = toLocalDate(ms);
  const dayEdge = direction === 1 ? endOfDay : startOfDay;
  if (parsed.kind === 'workdays') {
    const date =
      direction === 1 ? calendar.addWorkdays(from, parsed.workdays) : calendar.subtractWorkdays(from, parsed.workdays);
    return { at: dayEdge(date), date, provisional: spansProvisional(calendar, from, date) };
  }
  const day = Math.floor((ms + CST_OFFSET_MS) / DAY_MS);
  const months = (parsed.years * 12 + parsed.months) * direction;
  const target = addMonthsClamped(day, months) + (parsed.weeks * 7 + parsed.days) * direction;
  if (!parsed.hasTime) {
    const date = fromEpochDay(target);
    return { at: dayEdge(date), date, provisional: false };
  }
  // Keep the local time of day across the calendar part, then add the exact time part.
  const timeOfDay = ms + CST_OFFSET_MS - day * DAY_MS;
  const exact = (parsed.hours * 3600 + parsed.minutes * 60 + parsed.seconds) * 1000 * direction;
  const at = target * DAY_MS + timeOfDay - CST_OFFSET_MS + exact;
  return { at, date: toLocalDate(at), provisional: false };
}

/** Day number `months` calendar months after `day`, clamped to the end of a shorter month. */
function addMonthsClamped(day: number, months: number): number {
  if (months === 0) return day;
  const { year, month, day: dom } = civilOf(day);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return epochDayOf(y, m, Math.min(dom, daysInMonth(y, m)));
}

/** Whether any year touched between two dates (either order) has a provisional schedule. */
function spansProvisional(calendar: Calendar, a: string, b: string): boolean {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  if (calendar.isProvisional(lo) || calendar.isProvisional(hi)) return true;
  for (let year = Number(lo.slice(0, 4)) + 1; year < Number(hi.slice(0, 4)); year++) {
    if (calendar.isProvisional(`${String(year).padStart(4, '0')}-01-01`)) return true;
  }
  return false;
}

/** Parses and adds in one step; throws a RangeError with DURATION_HELP when `spec` is malformed. */
export function addDurationSpec(startMs: number, spec: string, calendar: Calendar): DurationResult {
  const parsed = parseDuration(spec);
  if (!parsed) throw new RangeError(`无法识别的期限 <${spec}>。${DURATION_HELP}`);
  return addDuration(startMs, parsed, calendar);
}
