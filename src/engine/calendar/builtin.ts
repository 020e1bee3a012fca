/**
 * The published State Council schedules bundled with chinese-days (2004 onwards):
 * holidays and 调休 make-up working days, read from its plain JSON data so the
 * calendar needs no Node modules and runs in the browser.
 */
import data from 'chinese-days/dist/chinese-days.json';
import type { Override } from './WorkCalendar';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// chinese-days names some holidays without the 节 we show to people.
const NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** Chinese holiday name from a chinese-days value such as "National Day,国庆节,3". */
function chineseName(value: string): string {
  const name = value.split(',')[1]?.trim() || '节假日';
  return NAMES[name] ?? name;
}

/** The bundled schedule of each published year, keyed by year. */
export const BUILTIN_SCHEDULES: ReadonlyMap<number, readonly Override[]> = (() => {
  const source = data as unknown as ChineseDaysData;
  const byYear = new Map<number, Override[]>();
  const add = (entry: Override) => {
    const year = Number(entry.date.slice(0, 4));
    const list = byYear.get(year) ?? [];
    list.push(entry);
    byYear.set(year, list);
  };
  for (const [date, value] of Object.entries(source.holidays)) add({ date, kind: 'holiday', name: chineseName(value) });
  for (const [date] of Object.entries(source.workdays)) add({ date, kind: 'workday', name: '调休上班' });
  return byYear;
})();
