import { EngineError } from '../errors';
import { isExpression, evalFeel } from '../expressions/feel';
import { addDuration, parseDuration, subtractDuration, DURATION_HELP, type ParsedDuration } from '../calendar/duration';
import { endOfDay, isDateString, parseDateOrDateTime, toLocalDate } from '../calendar/time';
import type { Calendar, DueSpec, TimerModel } from '../types';

/** A computed deadline. */
export interface Due {
  dueAt: number;
  dueDate: string;
  provisional: boolean;
}

function parsed(spec: string): ParsedDuration {
  const p = parseDuration(spec);
  if (!p) throw new EngineError('BAD_DURATION', `无法识别的期限“${spec}”。${DURATION_HELP}`, { spec });
  return p;
}

function safeParse(text: string): number {
  try {
    return parseDateOrDateTime(text);
  } catch {
    return NaN; // reported by the caller with the variable's name
  }
}

function startFrom(from: string | undefined, now: number, vars: Record<string, unknown>): number {
  if (!from) return now;
  const v = Object.prototype.hasOwnProperty.call(vars, from) ? vars[from] : undefined;
  // Nobody filled the date in (e.g. 收件日期 left empty): count from when the step starts.
  if (v === undefined || v === null || v === '') return now;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v) {
    const ms = safeParse(v);
    if (Number.isFinite(ms)) return ms;
  }
  throw new EngineError('BAD_DUE_FROM', `期限起算变量“${from}”没有有效日期`, { variable: from });
}

/** The deadline of a step: a duration from its start (or a named date variable), a FEEL date, or N working days. */
export function computeDue(spec: DueSpec, now: number, vars: Record<string, unknown>, calendar: Calendar): Due {
  const start = startFrom(spec.from, now, vars);
  let value: unknown = spec.due;
  if (isExpression(spec.due)) value = evalFeel(spec.due, vars);
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) value = `${Math.floor(value)}WD`;
  if (typeof value !== 'string' || !value) {
    throw new EngineError('BAD_DUE', `期限“${spec.due}”没有得到日期或时长`, { spec: spec.due });
  }
  if (isDateString(value)) return { dueAt: endOfDay(value), dueDate: value, provisional: calendar.isProvisional(value) };
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const at = safeParse(value);
    if (!Number.isFinite(at)) throw new EngineError('BAD_DUE', `期限“${value}”不是有效的日期时间`, { spec: value });
    return { dueAt: at, dueDate: toLocalDate(at), provisional: false };
  }
  const r = addDuration(start, parsed(value), calendar);
  return { dueAt: r.at, dueDate: r.date, provisional: r.provisional };
}

/** The instant a duration before a due date (start of that day for day-based durations). */
export function shiftBefore(dueDate: string, spec: string, calendar: Calendar): number {
  return subtractDuration(endOfDay(dueDate), parsed(spec), calendar).at;
}

/** The instant a duration after another instant. */
export function shiftAfter(ms: number, spec: string, calendar: Calendar): number {
  return addDuration(ms, parsed(spec), calendar).at;
}

/** When a timer event first fires, and how it repeats (cycles `R/…`, `R3/…`). */
export function timerSchedule(
  timer: TimerModel,
  now: number,
  vars: Record<string, unknown>,
  calendar: Calendar,
): { at: number; repeat?: number; interval?: string } {
  let value = timer.value;
  if (isExpression(value)) value = String(evalFeel(value, vars) ?? '');
  if (timer.kind === 'date') {
    const at = safeParse(value);
    if (!Number.isFinite(at)) throw new EngineError('BAD_TIMER', `定时器日期“${value}”无效`, { value });
    return { at };
  }
  if (timer.kind === 'cycle') {
    const m = /^R(\d*)\/(.+)$/.exec(value.trim());
    if (!m) throw new EngineError('BAD_TIMER', `循环定时器“${value}”无效，应为“R/P3WD”或“R3/P1D”的形式`, { value });
    const total = m[1] === '' ? -1 : Number(m[1]);
    const interval = m[2].trim();
    return { at: shiftAfter(now, interval, calendar), repeat: total < 0 ? -1 : total - 1, interval };
  }
  return { at: shiftAfter(now, value, calendar) };
}
