/** The working-day calendar (X1) as the web app uses it: hints next to date fields. */
import dayjs from 'dayjs';
import { request } from './request';

/** One day of the official calendar. */
export interface CalendarDay {
  date: string;
  workday: boolean;
  /** Holiday or 调休 name, when the date is one. */
  name?: string;
  /** True when the year's schedule is not published yet (weekends only). */
  provisional?: boolean;
}

/** What the calendar says about a date relative to today. */
export interface DayInfo extends CalendarDay {
  /** Working days after today up to and including the date; negative for past dates. */
  workdaysFromToday: number;
}

/** Days of the official calendar from `from` to `to` (at most about a year). */
export async function fetchDays(from: string, to: string): Promise<CalendarDay[]> {
  return (await request<{ days: CalendarDay[] }>('/api/calendar/days', { query: { from, to } })).days;
}

/** Working-day facts of one date, counted from today. */
export async function fetchDayInfo(date: string): Promise<DayInfo> {
  const today = dayjs().format('YYYY-MM-DD');
  const [span, days] = await Promise.all([
    request<{ workdays: number }>('/api/calendar/workdays', { query: { date: today, to: date } }),
    fetchDays(date, date),
  ]);
  const day = days[0] ?? { date, workday: true };
  return { ...day, workdaysFromToday: span.workdays };
}
