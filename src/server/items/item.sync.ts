import { isDateString, type InstanceState } from '../../engine';
import type { Conn } from '../db/database';
import { updateById } from '../db/prepared';
import type { DirectoryService } from '../directory/directory.service';
import { progressOf, rootVars } from '../workflow/state';
import { searchTextOf, unitsOfVars } from './item.factory';
import { addItemUnits } from './item.repository';
import type { ItemTable } from './item.table';

const date = (v: unknown) => (typeof v === 'string' && isDateString(v) ? v : null);

/**
 * Bring an item's ledger fields in line with its instance after an action:
 * status, light, the deadline (`newDeadline`, else `deadline`, else the earliest
 * open one; the first deadline is kept when it moves later), and for top-level
 * items the title and units the forms may have changed. `extra` columns (the audit head)
 * are written in the same statement.
 */
export async function syncItem(db: Conn, dir: DirectoryService, item: ItemTable, state: InstanceState, now: number, extra?: Partial<ItemTable>): Promise<void> {
  const vars = rootVars(state);
  const set: Partial<ItemTable> = { ...extra, status: state.status, updatedAt: now };
  if (state.status === 'running') {
    const p = progressOf(state, now);
    set.light = p.light;
    const due = date(vars.newDeadline) ?? date(vars.deadline) ?? p.dueDate ?? item.dueDate;
    set.dueDate = due;
    set.originalDueDate = item.originalDueDate ?? (item.dueDate && due && due > item.dueDate ? item.dueDate : (p.originalDueDate ?? null));
  } else {
    set.completedAt = state.endedAt ?? now;
  }
  if (!item.parentItemId) {
    let changed = false;
    const title = typeof vars.title === 'string' ? vars.title.trim() : '';
    if (title && title !== item.title) {
      set.title = title.slice(0, 200);
      changed = true;
    }
    const { units, lead } = unitsOfVars(vars, dir);
    const before = JSON.parse(item.units) as string[];
    if (units.length && (units.length !== before.length || units.some((u) => !before.includes(u)) || lead !== item.leadUnitId)) {
      set.units = JSON.stringify(units);
      set.leadUnitId = lead;
      await addItemUnits(db, item.id, units.map((unitId) => ({ unitId, isLead: unitId === lead ? 1 : 0 })));
      changed = true;
    }
    if (changed) {
      const next = { ...item, ...set };
      set.searchText = searchTextOf(next, (JSON.parse(next.units) as string[]).map((u) => dir.unitName(u)));
    }
  }
  // Only the columns that change: an index none of whose columns is set is left alone.
  for (const k of Object.keys(set) as (keyof ItemTable)[]) if (set[k] === item[k]) delete set[k];
  if (Object.keys(set).length) await updateById(db, 'items', item.id, set, undefined, true);
}
