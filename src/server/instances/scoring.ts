import { sql } from 'kysely';
import type { Conn } from '../db/database';
import type { DirectoryService } from '../directory/directory.service';

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
  /** 督办令 items of the unit not finished by their deadline (P5.R). */
  ordersMissed: number;
  score: number;
  /** Rank within the unit's category (县直部门 / 乡镇). */
  rank: number;
}

const YEAR_MS = (year: number) => [Date.UTC(year, 0, 1) - 8 * 3_600_000, Date.UTC(year + 1, 0, 1) - 8 * 3_600_000];

/**
 * Score units from their tasks of the year: 100 points, minus 2 per overdue task,
 * 0.5 per urging and 5 per 督办令 not carried out on time; ranked within category.
 */
export async function scoreUnits(db: Conn, dir: DirectoryService, year: number, now: number): Promise<UnitScore[]> {
  const [from, to] = YEAR_MS(year);
  const rows = await db
    .selectFrom('tasks')
    .innerJoin('items', 'items.id', 'tasks.itemId')
    .select([
      'tasks.assignValue as unitId',
      (eb) => eb.fn.countAll().as('tasks'),
      sql<number>`sum(case when tasks.due_at is not null and ((tasks.completed_at is not null and tasks.completed_at > tasks.due_at) or (tasks.completed_at is null and tasks.status = 'open' and tasks.due_at < ${now})) then 1 else 0 end)`.as('overdue'),
      sql<number>`sum(case when tasks.status = 'completed' and (tasks.due_at is null or tasks.completed_at <= tasks.due_at) then 1 else 0 end)`.as('onTime'),
      sql<number>`sum(tasks.urges)`.as('urges'),
      sql<number>`sum(case when items.category = 'P5' and tasks.due_at is not null and (tasks.completed_at is null or tasks.completed_at > tasks.due_at) and tasks.due_at < ${now} then 1 else 0 end)`.as('ordersMissed'),
    ])
    .where('tasks.assignType', '=', 'unit')
    .where('tasks.createdAt', '>=', from)
    .where('tasks.createdAt', '<', to)
    .groupBy('tasks.assignValue')
    .execute();
  const byUnit = new Map(rows.map((r) => [r.unitId, r]));
  const scores: UnitScore[] = dir.snapshot.units
    .filter((u) => u.kind === 'department' || u.kind === 'township')
    .map((u) => {
      const r = byUnit.get(u.id);
      const overdue = Number(r?.overdue ?? 0);
      const urges = Number(r?.urges ?? 0);
      const ordersMissed = Number(r?.ordersMissed ?? 0);
      const score = Math.max(0, 100 - 2 * overdue - 0.5 * urges - 5 * ordersMissed);
      return { unitId: u.id, unitName: u.name, kind: u.kind, tasks: Number(r?.tasks ?? 0), onTime: Number(r?.onTime ?? 0), overdue, urges, ordersMissed, score, rank: 0 };
    });
  for (const kind of ['department', 'township']) {
    const group = scores.filter((s) => s.kind === kind).sort((a, b) => b.score - a.score || a.unitName.localeCompare(b.unitName, 'zh'));
    group.forEach((s, i) => (s.rank = i > 0 && group[i - 1].score === s.score ? group[i - 1].rank : i + 1));
  }
  return scores;
}
