import type { Conn } from '../db/database';
import type { Principal } from '../directory/directory.service';
import { notFound } from '../errors';
import { findItemUnits, isParticipant, unitsVisibleTo } from './item.repository';
import type { ItemTable } from './item.table';

/** Whether a principal may read an item: leaders and the office always; others as participants or through their units. */
export async function canReadItem(db: Conn, p: Principal, item: Pick<ItemTable, 'id'>): Promise<boolean> {
  if (p.seesAllItems) return true;
  if (await isParticipant(db, item.id, p.id)) return true;
  const units = unitsVisibleTo(p);
  if (!units.length) return false;
  const itemUnits = await findItemUnits(db, item.id);
  return itemUnits.some((u) => units.includes(u.unitId));
}

/** Refuse with 404 (not 403, so other units' cases stay invisible) unless the principal may read the item. */
export async function assertCanReadItem(db: Conn, p: Principal, item: Pick<ItemTable, 'id'>): Promise<void> {
  if (!(await canReadItem(db, p, item))) throw notFound('督办事项不存在或您无权查看', 'ITEM_NOT_FOUND');
}
