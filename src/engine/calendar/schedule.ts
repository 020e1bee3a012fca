/**
 * Parses a year schedule pasted by an administrator (the State Council's 放假安排
 * typed as a table): one date or range per line with its kind and an optional name.
 */
import type { Override } from './WorkCalendar';
import { addDays, formatDate, isDateString, toEpochDay, weekday } from './time';

/** A problem on one line of a pasted schedule; `line` counts from 1. */
export interface ScheduleError {
  line: number;
  message: string;
}

/** The result of parsing a pasted schedule: entries in date order, the years they cover, and errors. */
export interface ParsedSchedule {
  entries: Override[];
  years: number[];
  errors: ScheduleError[];
}

/** Example text shown to administrators. */
export const SCHEDULE_EXAMPLE = ['日期,类型,名称', '2027-01-01,休,元旦', '2027-02-05~2027-02-11,休,春节', '2027-02-14,班,春节调休'].join('\n');

const KINDS: Record<string, Override['kind']> = {
  休: 'holiday',
  假: 'holiday',
  放假: 'holiday',
  休息: 'holiday',
  休假: 'holiday',
  holiday: 'holiday',
  off: 'holiday',
  班: 'workday',
  上班: 'workday',
  补班: 'workday',
  调休上班: 'workday',
  workday: 'workday',
  work: 'workday',
};

// A range longer than this is almost certainly a typo in the year or month.
const MAX_RANGE_DAYS = 31;

/** Parses one date written 'YYYY-MM-DD', 'YYYY/M/D', 'YYYY.M.D' or 'YYYY年M月D日'; null when invalid. */
function parseDay(text: string): string | null {
  const m = /^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$/.exec(text);
  if (!m) return null;
  const date = formatDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return isDateString(date) ? date : null;
}

/**
 * Parses a pasted schedule such as `2027-02-05~2027-02-11,休,春节`. Fields may be
 * separated by commas, tabs or spaces; ranges use `~` or `至`; kinds are 休/放假/holiday
 * or 班/上班/workday. Blank lines, `#` comments and a header line are skipped.
 */
export function parseSchedule(text: string): ParsedSchedule {
  const errors: ScheduleError[] = [];
  const byDate = new Map<string, { entry: Override; line: number }>();
  const lines = String(text ?? '').split(/\r\n|\r|\n/);
  let seenContent = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    const fail = (message: string) => errors.push({ line, message: `第 ${line} 行：${message}` });
    const trimmed = raw.replace(/^\uFEFF/, '').trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const first = !seenContent;
    seenContent = true;
    // A first line that does not start with a year is a header (日期,类型,名称).
    if (first && !/^\d{4}/.test(trimmed)) return;
    const normalized = trimmed.replace(/\s*(?:~|～|至|到)\s*/g, '~');
    const fields = normalized.split(/[,，;；\t ]+/).filter(Boolean);
    if (fields.length < 2) {
      fail(`缺少类型，应写成“日期,休,名称”或“日期,班,名称”，例如 2027-01-01,休,元旦`);
      return;
    }
    const [when, kindText, ...rest] = fields;
    const kind = KINDS[kindText.toLowerCase()];
    if (!kind) {
      fail(`无法识别类型“${kindText}”，应为 休（放假、holiday）或 班（上班、workday）`);
      return;
    }
    const bounds = when.split('~');
    const start = parseDay(bounds[0]);
    const end = bounds.length === 2 ? parseDay(bounds[1]) : bounds.length === 1 ? start : null;
    if (!start || !end) {
      fail(`无法识别日期“${when}”，应为 YYYY-MM-DD 或 YYYY-MM-DD~YYYY-MM-DD`);
      return;
    }
    const span = toEpochDay(end) - toEpochDay(start);
    if (span < 0) {
      fail(`结束日期 ${end} 早于开始日期 ${start}`);
      return;
    }
    if (span >= MAX_RANGE_DAYS) {
      fail(`日期范围 ${start}~${end} 超过 ${MAX_RANGE_DAYS} 天，请检查年份或月份`);
      return;
    }
    const dates = Array.from({ length: span + 1 }, (_, i) => addDays(start, i));
    const conflict = dates.map((date) => ({ date, prior: byDate.get(date) })).find((c) => c.prior && c.prior.entry.kind !== kind);
    if (conflict?.prior) {
      fail(`${conflict.date} 与第 ${conflict.prior.line} 行冲突：同一天不能既放假又上班`);
      return;
    }
    if (kind === 'workday' && span === 0 && weekday(start) !== 0 && weekday(start) !== 6) {
      // A make-up working day on a weekday changes nothing; it is most likely a wrong date.
      fail(`${start} 是星期${'日一二三四五六'[weekday(start)]}，本来就是工作日；调休上班日应为周六或周日`);
      return;
    }
    const name = rest.join(' ').trim() || undefined;
    for (const date of dates) {
      if (!byDate.has(date)) byDate.set(date, { entry: name ? { date, kind, name } : { date, kind }, line });
    }
  });
  const entries = [...byDate.values()].map((v) => v.entry).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const years = [...new Set(entries.map((e) => Number(e.date.slice(0, 4))))].sort((a, b) => a - b);
  return { entries, years, errors };
}
