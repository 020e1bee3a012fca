import type { Conn } from '../db/database';
import type { AuditTable } from './audit.table';

/** Advance an item's audit head and return the new sequence number with the previous hash (locks the item row). */
export async function advanceHead(db: Conn, itemId: string): Promise<{ seq: number; prevHash: string }> {
  const row = await db
    .updateTable('items')
    .set((eb) => ({ auditSeq: eb('auditSeq', '+', 1) }))
    .where('id', '=', itemId)
    .returning(['auditSeq', 'auditHash'])
    .executeTakeFirstOrThrow();
  return { seq: row.auditSeq, prevHash: row.auditHash };
}

/** Insert one entry and move the head hash. */
export async function insertEntry(db: Conn, entry: AuditTable): Promise<void> {
  await db.insertInto('auditLog').values(entry).execute();
  await db.updateTable('items').set({ auditHash: entry.hash }).where('id', '=', entry.itemId).execute();
}

/** Every entry of an item, in order. */
export async function listEntries(db: Conn, itemId: string): Promise<AuditTable[]> {
  return db.selectFrom('auditLog').selectAll().where('itemId', '=', itemId).orderBy('seq').execute();
}

/** The head recorded on the item row. */
export async function readHead(db: Conn, itemId: string): Promise<{ auditSeq: number; auditHash: string } | undefined> {
  return db.selectFrom('items').select(['auditSeq', 'auditHash']).where('id', '=', itemId).executeTakeFirst();
}
