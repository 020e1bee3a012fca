/** The working-day hint shown under a date field. */
import type { DayInfo } from '@/services/calendar';

/** The hint text for a date. */
export function workdayHint(info: DayInfo): { text: string; warn: boolean } {
  const n = info.workdaysFromToday;
  const distance = n > 0 ? `距今 ${n} 个工作日` : n === 0 ? '今日' : `已过 ${-n} 个工作日`;
  const name = info.name ? `${info.name}，` : '';
  const provisional = info.provisional ? '（该年放假安排尚未公布）' : '';
  if (!info.workday) return { text: `${name}非工作日，${distance}${provisional}`, warn: true };
  return { text: `${name}工作日，${distance}${provisional}`, warn: false };
}
