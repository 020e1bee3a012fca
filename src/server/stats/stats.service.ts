import type { AppContext } from '../context';
import type { Principal } from '../directory/directory.service';
import { endOfDay, startOfDay } from '../../engine';
import { listItemsForStats } from '../items/item.repository';

/** Counts of one unit or procedure. */
export interface StatRow {
  key: string;
  name: string;
  total: number;
  onTime: number;
  late: number;
  running: number;
  overdue: number;
}

const empty = (key: string, name: string): StatRow => ({ key, name, total: 0, onTime: 0, late: 0, running: 0, overdue: 0 });

/** On-time statistics of the items registered in a period (each item counted once per unit it involves). */
export async function punctuality(ctx: AppContext, user: Principal, q: { from?: string; to?: string; procedure?: string }) {
  const rows = await listItemsForStats(ctx.db, user, {
    from: q.from ? startOfDay(q.from) : undefined,
    to: q.to ? endOfDay(q.to) : undefined,
    procedure: q.procedure,
  });
  const totals = empty('all', '合计');
  const units = new Map<string, StatRow>();
  const procedures = new Map<string, StatRow>();
  for (const it of rows) {
    const s =
      it.status === 'running'
        ? it.light === 'red'
          ? 'overdue'
          : 'running'
        : !it.dueDate || !it.completedAt || it.completedAt <= endOfDay(it.dueDate)
          ? 'onTime'
          : 'late';
    const add = (r: StatRow) => {
      r.total += 1;
      r[s] += 1;
    };
    add(totals);
    if (!procedures.has(it.procedureKey)) procedures.set(it.procedureKey, empty(it.procedureKey, it.procedureName));
    add(procedures.get(it.procedureKey)!);
    for (const u of JSON.parse(it.units) as string[]) {
      if (!units.has(u)) units.set(u, empty(u, ctx.dir.unitName(u)));
      add(units.get(u)!);
    }
  }
  const byOverdue = (a: StatRow, b: StatRow) => b.overdue + b.late - (a.overdue + a.late) || b.total - a.total;
  return { totals, byUnit: [...units.values()].sort(byOverdue), byProcedure: [...procedures.values()].sort(byOverdue) };
}
