/**
 * Which open deadlines a calendar change would move: each deadline counted in
 * working days is recounted on the changed calendar from the day its step
 * started, with the same number of working days.
 */
import { toLocalDate } from '../../../engine/calendar/time';
import type { WorkCalendar } from '../../../engine/calendar/WorkCalendar';

/** An open deadline as the server lists it (the fields this module needs). */
export interface DeadlineRow {
  taskId: string;
  itemTitle: string;
  itemCode: string;
  name: string;
  /** Null when the start is not recorded (waiting activities): derived from a working-day setting. */
  createdAt: number | null;
  dueDate: string;
  due?: string;
}

/** A deadline that moves, with its new date. */
export interface MovedDeadline extends DeadlineRow {
  newDueDate: string;
}

/** Whether a due setting counts working days (literal `NWD`, or an expression whose result we cannot know: counted as working days). */
function countsWorkdays(due: string | undefined): boolean {
  if (!due) return true;
  return /^\s*P?\d+\s*WD\s*$/i.test(due) || due.trim().startsWith('=');
}

/** N of a literal `NWD` setting, else null. */
function workdaysOf(due: string | undefined): number | null {
  const m = due ? /^\s*P?(\d+)\s*WD\s*$/i.exec(due) : null;
  return m ? Number(m[1]) : null;
}

/** The deadlines that fall on another date under `next` than under `current`. */
export function movedDeadlines(rows: DeadlineRow[], current: WorkCalendar, next: WorkCalendar): MovedDeadline[] {
  const out: MovedDeadline[] = [];
  for (const r of rows) {
    if (!countsWorkdays(r.due)) continue;
    let start: string;
    if (r.createdAt !== null) start = toLocalDate(r.createdAt);
    else {
      // Without a recorded start, a literal N working days is counted back from the deadline.
      const n = workdaysOf(r.due);
      if (n === null) continue;
      start = current.subtractWorkdays(r.dueDate, n);
    }
    if (r.dueDate <= start) continue;
    const n = current.workdaysBetween(start, r.dueDate);
    if (n <= 0) continue;
    const moved = next.addWorkdays(start, n);
    if (moved !== r.dueDate) out.push({ ...r, newDueDate: moved });
  }
  return out;
}
