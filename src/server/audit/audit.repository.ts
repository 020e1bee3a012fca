import type { Conn } from '../db/database';
import { allColumns, insertRows } from '../db/prepared';
import type { AuditTable } from './audit.table';

/** Reserve `count` sequence numbers on an item's head (locks the item row); returns the head before them. */
export async function reserveHead(db: Conn, itemId: string, count: number): Promise<{ seq: number; hash: string }> {
  const row = await db
    .updateTable('items')
    .set((eb) => ({ auditSeq: eb('auditSeq', '+', count) }))
    .where('id', '=', itemId)
    .returning(['auditSeq', 'auditHash'])
    .executeTakeFirstOrThrow();
  return { seq: row.auditSeq - count, hash: row.auditHash };
}

/** Move an item's head to its last entry. */
export async function setHead(db: Conn, itemId: string, head: { seq: number; hash: string }): Promise<void> {
  await db.updateTable('items').set({ auditSeq: head.seq, auditHash: head.hash }).where('id', '=', itemId).execute();
}

/** Insert one entry and move the head hash. */
export async function insertEntry(db: Conn, entry: AuditTable): Promise<void> {
  await db.insertInto('auditLog').values(entry).execute();
  await db.updateTable('items').set({ auditHash: entry.hash }).where('id', '=', entry.itemId).execute();
}

/** Insert entries in multi-row statements (the caller moves the heads). */
export async function insertEntries(db: Conn, entries: AuditTable[]): Promise<void> {
  await insertRows(db, 'auditLog', AUDIT_COLUMNS, entries);
}

/** Every column of an audit entry. */
const AUDIT_COLUMNS = allColumns<AuditTable>()(['itemId', 'seq', 'actorId', 'actorName', 'action', 'opinion', 'data', 'at', 'prevHash', 'hash']);

/** Every entry of an item, in order. */
export async function listEntries(db: Conn, itemId: string): Promise<AuditTable[]> {
  return db.selectFrom('auditLog').selectAll().where('itemId', '=', itemId).orderBy('seq').execute();
}

/** The head recorded on the item row. */
export async function readHead(db: Conn, itemId: string): Promise<{ auditSeq: number; auditHash: string } | undefined> {
  return db.selectFrom('items').select(['auditSeq', 'auditHash']).where('id', '=', itemId).executeTakeFirst();
}
