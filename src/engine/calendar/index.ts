/** The working-day calendar: China Standard Time helpers, durations, the calendar and schedule import. */
export {
  DAY_MS,
  CST_OFFSET_MS,
  addDays,
  daysInMonth,
  endOfDay,
  formatDate,
  fromEpochDay,
  isDateString,
  isLeapYear,
  localYear,
  parseDateOrDateTime,
  startOfDay,
  toEpochDay,
  toLocalDate,
  toLocalDateTime,
  weekday,
  yearRange,
} from './time';
export { DURATION_HELP, addDuration, addDurationSpec, describeDuration, parseDuration, subtractDuration } from './duration';
export type { DurationResult, ParsedDuration } from './duration';
export { MAX_YEAR, MIN_YEAR, WorkCalendar } from './WorkCalendar';
export type { CalendarDay, DayKind, ImportedSchedule, Override, WorkCalendarOptions } from './WorkCalendar';
export { SCHEDULE_EXAMPLE, parseSchedule } from './schedule';
export type { ParsedSchedule, ScheduleError } from './schedule';
export { statutoryHolidays } from './statutory';
export type { StatutoryDay } from './statutory';
