import type { Conn } from '../db/database';
import type { CalendarOverrideTable } from './calendar.table';

/** Every stored calendar entry. */
export async function listCalendarEntries(db: Conn): Promise<CalendarOverrideTable[]> {
  return db.selectFrom('calendarOverrides').selectAll().orderBy('date').execute();
}

/** Replace a year's imported schedule with new entries. */
export async function replaceYearSchedule(db: Conn, year: number, rows: CalendarOverrideTable[]): Promise<void> {
  await db.deleteFrom('calendarOverrides').where('year', '=', year).where('source', '=', 'schedule').execute();
  // A single-date override of the same day is superseded by the schedule.
  if (rows.length) {
    await db.deleteFrom('calendarOverrides').where('date', 'in', rows.map((r) => r.date)).execute();
    await db.insertInto('calendarOverrides').values(rows).execute();
  }
}

/** Set or replace one date's override. */
export async function upsertOverride(db: Conn, row: CalendarOverrideTable): Promise<void> {
  await db.deleteFrom('calendarOverrides').where('date', '=', row.date).execute();
  await db.insertInto('calendarOverrides').values(row).execute();
}

/** Remove one date's override. */
export async function deleteOverride(db: Conn, date: string): Promise<number> {
  const r = await db.deleteFrom('calendarOverrides').where('date', '=', date).executeTakeFirst();
  return Number(r.numDeletedRows);
}
