/** Data of 统计分析: on-time rate and overdue items by unit and by procedure. */
import { request } from '@/services/request';

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

/** The statistics of a period (items registered from `from` to `to`). */
export function fetchStats(q: StatsQuery): Promise<Stats> {
  return request<Stats>('/api/stats/punctuality', { query: { ...q } });
}
