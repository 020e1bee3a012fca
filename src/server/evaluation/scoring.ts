import { yearRange } from '../../engine';
import type { Conn } from '../db/database';
import type { DirectoryService } from '../directory/directory.service';
import { countUnitTasks } from './evaluation.repository';

/** One unit's line of the annual evaluation (P4) computed from the year's supervision record. */
export interface UnitScore {
  unitId: string;
  unitName: string;
  kind: string;
  /** Tasks assigned to the unit in the year. */
  tasks: number;
  onTime: number;
  overdue: number;
  urges: number;
  /** Order (督办令) tasks of the unit not finished by their deadline (P5.R). */
  ordersMissed: number;
  score: number;
  /** Rank within the unit's category (县直部门 / 乡镇). */
  rank: number;
}

/**
 * Score units from their tasks of the year: 100 points, minus 2 per overdue task,
 * 0.5 per urging and 5 per order not carried out on time; ranked within category.
 */
export async function scoreUnits(db: Conn, dir: DirectoryService, opts: { year: number; now: number; orderDocType: string | null }): Promise<UnitScore[]> {
  const [from, to] = yearRange(opts.year);
  const counts = await countUnitTasks(db, { from, to, now: opts.now, orderDocType: opts.orderDocType });
  const byUnit = new Map(counts.map((r) => [r.unitId, r]));
  const scores: UnitScore[] = dir.snapshot.units
    .filter((u) => u.kind === 'department' || u.kind === 'township')
    .map((u) => {
      const r = byUnit.get(u.id);
      const overdue = r?.overdue ?? 0;
      const urges = r?.urges ?? 0;
      const ordersMissed = r?.ordersMissed ?? 0;
      const score = Math.max(0, 100 - 2 * overdue - 0.5 * urges - 5 * ordersMissed);
      return { unitId: u.id, unitName: u.name, kind: u.kind, tasks: r?.tasks ?? 0, onTime: r?.onTime ?? 0, overdue, urges, ordersMissed, score, rank: 0 };
    });
  for (const kind of ['department', 'township']) {
    const group = scores.filter((s) => s.kind === kind).sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, 'zh'));
    group.forEach((s, i) => (s.rank = i > 0 && group[i - 1].score === s.score ? group[i - 1].rank : i + 1));
  }
  return scores;
}
