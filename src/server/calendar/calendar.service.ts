import { parseSchedule, WorkCalendar, type ImportedSchedule, type Override } from '../../engine';
import type { Db } from '../db/database';
import { invalid } from '../errors';
import { deleteOverride, listCalendarEntries, replaceYearSchedule, upsertOverride } from './calendar.repository';

/** The working-day calendar built from the bundled data plus the administrator's entries in the database. */
export class CalendarService {
  #calendar: WorkCalendar = new WorkCalendar();
  #loadedAt = 0;

  constructor(private readonly db: Db) {}

  /** The calendar the engine uses now. */
  get calendar(): WorkCalendar {
    return this.#calendar;
  }

  /** Rebuild from the database. */
  async load(): Promise<void> {
    const rows = await listCalendarEntries(this.db);
    const schedules = new Map<number, Override[]>();
    const overrides: Override[] = [];
    for (const r of rows) {
      const entry: Override = { date: r.date, kind: r.workday ? 'workday' : 'holiday', ...(r.note ? { name: r.note } : {}) };
      if (r.source === 'schedule') {
        const list = schedules.get(r.year) ?? [];
        list.push(entry);
        schedules.set(r.year, list);
      } else overrides.push(entry);
    }
    const imported: ImportedSchedule[] = [...schedules].map(([year, entries]) => ({ year, entries }));
    this.#calendar = new WorkCalendar({ schedules: imported, overrides });
    this.#loadedAt = Date.now();
  }

  /** Reload when another node may have changed the calendar. */
  async refreshIfStale(maxAgeMs = 60_000): Promise<void> {
    if (Date.now() - this.#loadedAt > maxAgeMs) await this.load();
  }

  /** Import one year's published schedule (放假安排) from pasted text; replaces that year. */
  async importSchedule(year: number, text: string, actorId: string, now: number): Promise<{ entries: number }> {
    const parsed = parseSchedule(text);
    if (parsed.errors.length) {
      throw invalid('年度安排有误，请修改后重新导入', parsed.errors.map((e) => ({ field: `line ${e.line}`, message: e.message })), 'SCHEDULE_INVALID');
    }
    const foreign = parsed.entries.filter((e) => Number(e.date.slice(0, 4)) !== year);
    if (foreign.length) {
      throw invalid(`导入内容含有不属于 ${year} 年的日期：${foreign.slice(0, 3).map((e) => e.date).join('、')}`, undefined, 'SCHEDULE_WRONG_YEAR');
    }
    if (!parsed.entries.length) throw invalid('年度安排为空', undefined, 'SCHEDULE_EMPTY');
    const rows = parsed.entries.map((e) => ({
      date: e.date,
      year,
      workday: e.kind === 'workday' ? 1 : 0,
      source: 'schedule',
      note: e.name ?? null,
      createdBy: actorId,
      createdAt: now,
    }));
    // Validate by building a calendar before storing anything.
    new WorkCalendar({ schedules: [{ year, entries: parsed.entries }] });
    await this.db.transaction().execute((trx) => replaceYearSchedule(trx, year, rows));
    await this.load();
    return { entries: rows.length };
  }

  /** Set one date as a working day or a day off. */
  async setOverride(date: string, workday: boolean, note: string | null, actorId: string, now: number): Promise<void> {
    await upsertOverride(this.db, { date, year: Number(date.slice(0, 4)), workday: workday ? 1 : 0, source: 'override', note, createdBy: actorId, createdAt: now });
    await this.load();
  }

  /** Remove one date's override. */
  async removeOverride(date: string): Promise<boolean> {
    const n = await deleteOverride(this.db, date);
    await this.load();
    return n > 0;
  }

  /** Stored administrator entries (for the admin page). */
  async entries() {
    return listCalendarEntries(this.db);
  }
}
