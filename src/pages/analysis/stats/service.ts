/**
 * Data of 统计分析: on-time rate and overdue items by unit and by procedure. Asks the
 * server's statistics route; while a server has none, computes the same from the ledger.
 */
import dayjs from 'dayjs';
import { ApiError, request } from '@/services/request';
import type { ItemSummary, Page } from '@/services/types';

/** Counts of one unit or procedure. */
export interface StatRow {
  key: string;
  name: string;
  /** Items registered in the period. */
  total: number;
  /** Completed by their deadline (or without one). */
  onTime: number;
  /** Completed after their deadline. */
  late: number;
  /** Still running, within their deadline. */
  running: number;
  /** Still running, past their deadline. */
  overdue: number;
}

/** The statistics of a period. */
export interface Stats {
  totals: StatRow;
  byUnit: StatRow[];
  byProcedure: StatRow[];
  /** True when computed in the browser from the ledger. */
  derived?: boolean;
}

/** Filters of the statistics. */
export interface StatsQuery {
  from?: string;
  to?: string;
  procedure?: string;
}

/** The on-time rate of a row in percent (completed on time among completed), or null when none completed. */
export function onTimeRate(r: StatRow): number | null {
  const done = r.onTime + r.late;
  return done ? Math.round((r.onTime / done) * 1000) / 10 : null;
}

const empty = (key: string, name: string): StatRow => ({ key, name, total: 0, onTime: 0, late: 0, running: 0, overdue: 0 });

/** Where an item stands: on time, late, running or overdue. */
export function standing(item: ItemSummary): 'onTime' | 'late' | 'running' | 'overdue' {
  if (item.status === 'running') return item.light === 'red' ? 'overdue' : 'running';
  if (!item.dueDate || !item.completedAt) return 'onTime';
  // Deadlines are whole days in China Standard Time.
  const end = dayjs(`${item.dueDate}T23:59:59.999+08:00`).valueOf();
  return item.completedAt <= end ? 'onTime' : 'late';
}

/**
 * Statistics of items and their child items: procedures count the main items; units count
 * what each unit handled — its child item when the case was handed to units, else the item.
 */
export function aggregate(items: ItemSummary[]): Stats {
  const totals = empty('all', '合计');
  const units = new Map<string, StatRow>();
  const procedures = new Map<string, StatRow>();
  const add = (row: StatRow, s: ReturnType<typeof standing>) => {
    row.total += 1;
    row[s] += 1;
  };
  const addUnit = (u: { id: string; name: string }, s: ReturnType<typeof standing>) => {
    if (!units.has(u.id)) units.set(u.id, empty(u.id, u.name));
    add(units.get(u.id)!, s);
  };
  const handledByChild = new Set(items.filter((it) => it.parentItemId).flatMap((c) => c.units.map((u) => `${c.parentItemId}:${u.id}`)));
  for (const it of items) {
    const s = standing(it);
    if (it.parentItemId) {
      it.units.forEach((u) => addUnit(u, s));
      continue;
    }
    add(totals, s);
    if (!procedures.has(it.procedureKey)) procedures.set(it.procedureKey, empty(it.procedureKey, it.procedureName));
    add(procedures.get(it.procedureKey)!, s);
    it.units.filter((u) => !handledByChild.has(`${it.id}:${u.id}`)).forEach((u) => addUnit(u, s));
  }
  const byOverdue = (a: StatRow, b: StatRow) => b.overdue + b.late - (a.overdue + a.late) || b.total - a.total;
  return { totals, byUnit: [...units.values()].sort(byOverdue), byProcedure: [...procedures.values()].sort(byOverdue) };
}

/** Items registered in the period, read page by page from the ledger. */
async function ledgerItems(q: StatsQuery, onProgress?: (done: number, total: number) => void): Promise<ItemSummary[]> {
  const from = q.from ? dayjs(`${q.from}T00:00:00+08:00`).valueOf() : undefined;
  const to = q.to ? dayjs(`${q.to}T23:59:59.999+08:00`).valueOf() : undefined;
  const out: ItemSummary[] = [];
  for (let page = 1; ; page++) {
    const res = await request<Page<ItemSummary>>('/api/items', { query: { procedure: q.procedure, parent: 'all', sort: 'createdAt', order: 'desc', page, pageSize: 200 } });
    for (const it of res.rows) if ((from === undefined || it.createdAt >= from) && (to === undefined || it.createdAt <= to)) out.push(it);
    onProgress?.(Math.min(page * 200, res.total), res.total);
    const oldest = res.rows[res.rows.length - 1]?.createdAt;
    // Rows come newest first: stop once past the start of the period.
    if (page * 200 >= res.total || res.rows.length === 0 || (from !== undefined && oldest !== undefined && oldest < from)) return out;
  }
}

/** The statistics of a period from the server, or computed from the ledger when the server has no statistics route. */
export async function fetchStats(q: StatsQuery, onProgress?: (done: number, total: number) => void): Promise<Stats> {
  try {
    return await request<Stats>('/api/stats/punctuality', { query: { ...q } });
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 404)) throw err;
  }
  return { ...aggregate(await ledgerItems(q, onProgress)), derived: true };
}
