import { randomUUID } from 'node:crypto';
import { localYear } from '../../engine';
import type { Conn } from '../db/database';
import type { DirectoryService } from '../directory/directory.service';
import { allocateNumber } from '../documents/document.repository';
import { addItemUnits, addParticipants, countChildItems, insertItem } from './item.repository';
import type { ItemTable } from './item.table';

/** What a new item is made of. */
export interface NewItem {
  procedureKey: string;
  procedureName: string;
  category: string | null;
  title: string;
  source: string | null;
  units: string[];
  leadUnitId: string | null;
  dueDate: string | null;
  createdBy: string;
  parent?: ItemTable;
  /** A registration code allocated beforehand (see allocateItemCode). */
  code?: string;
}

/** The text the ledger's search box matches: title, code, source, procedure and unit names, lower-cased. */
export function searchTextOf(item: Pick<ItemTable, 'title' | 'code' | 'source' | 'procedureName'>, unitNames: string[]): string {
  return [item.title, item.code, item.source ?? '', item.procedureName, ...unitNames].join(' ').toLowerCase();
}

/**
 * Allocate a registration code such as `P2-2026-00012`. Callers run it in its own
 * short transaction before the action: the counter row is then locked for
 * milliseconds, not for the whole action, so registrations do not queue behind
 * each other on PostgreSQL. (Unlike document numbers, a code lost to a failed
 * action may leave a gap.)
 */
export async function allocateItemCode(db: Conn, category: string | null, now: number): Promise<string> {
  const year = localYear(now);
  const prefix = category || 'DB';
  const serial = await allocateNumber(db, `item:${prefix}`, year);
  return `${prefix}-${year}-${String(serial).padStart(5, '0')}`;
}

/** Create an item row with its registration code, units and creator, inside the caller's transaction. */
export async function createItem(db: Conn, dir: DirectoryService, input: NewItem, now: number): Promise<ItemTable> {
  let code: string;
  if (input.parent) {
    code = `${input.parent.code}-${(await countChildItems(db, input.parent.id)) + 1}`;
  } else {
    code = input.code ?? (await allocateItemCode(db, input.category, now));
  }
  const units = [...new Set(input.units)];
  const row: ItemTable = {
    id: randomUUID(),
    code,
    procedureKey: input.procedureKey,
    procedureName: input.procedureName,
    category: input.category,
    title: input.title,
    source: input.source,
    status: 'running',
    light: 'green',
    dueDate: input.dueDate,
    originalDueDate: null,
    leadUnitId: input.leadUnitId,
    units: JSON.stringify(units),
    createdBy: input.createdBy,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    parentItemId: input.parent?.id ?? null,
    searchText: '',
    auditSeq: 0,
    auditHash: '',
  };
  row.searchText = searchTextOf(row, units.map((u) => dir.unitName(u)));
  await insertItem(db, row);
  await addItemUnits(db, row.id, units.map((unitId) => ({ unitId, isLead: unitId === input.leadUnitId ? 1 : 0 })));
  await addParticipants(db, row.id, [input.createdBy]);
  return row;
}

/** Unit ids mentioned in variables: `units` (list), `leadUnit`, `unit`, kept when the directory knows them. */
export function unitsOfVars(vars: Record<string, unknown>, dir: DirectoryService): { units: string[]; lead: string | null } {
  const ids: string[] = [];
  const take = (v: unknown) => {
    if (typeof v === 'string' && dir.unit(v)) ids.push(v);
    else if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' && dir.unit((v as { id: string }).id)) ids.push((v as { id: string }).id);
  };
  if (Array.isArray(vars.units)) vars.units.forEach(take);
  take(vars.unit);
  take(vars.leadUnit);
  const lead = typeof vars.leadUnit === 'string' && dir.unit(vars.leadUnit) ? vars.leadUnit : ids.length === 1 ? ids[0] : null;
  return { units: [...new Set(ids)], lead };
}
