import { sql } from 'kysely';
import type { Conn } from '../db/database';
import { prepared } from '../db/prepared';
import type { DocumentTable } from './document.table';

/** Insert a document row (numbered, with or without content yet). */
export async function insertDocument(db: Conn, row: DocumentTable): Promise<void> {
  await db.insertInto('documents').values(row).execute();
}

/** Attach generated content to a document. */
export async function setDocumentContent(db: Conn, id: string, set: Pick<DocumentTable, 'content' | 'size' | 'sha256' | 'mime' | 'template' | 'title'>): Promise<void> {
  await db.updateTable('documents').set(set).where('id', '=', id).execute();
}

/** Record a seal on a document. */
export async function sealDocument(db: Conn, id: string, seal: string, by: string, at: number): Promise<void> {
  await db.updateTable('documents').set({ seal, sealedBy: by, sealedAt: at }).where('id', '=', id).execute();
}

/** The newest document of a type on an item. */
export async function findLatestDocument(db: Conn, itemId: string, docType?: string): Promise<Omit<DocumentTable, 'content'> | undefined> {
  let q = db
    .selectFrom('documents')
    .select(['id', 'itemId', 'docType', 'year', 'serial', 'number', 'title', 'template', 'mime', 'size', 'sha256', 'sealedBy', 'sealedAt', 'seal', 'createdBy', 'createdAt'])
    .where('itemId', '=', itemId);
  if (docType) q = q.where('docType', '=', docType);
  return q.orderBy('createdAt', 'desc').orderBy('serial', 'desc').limit(1).executeTakeFirst();
}

/** Documents of an item, without content. */
export async function findDocumentsOfItem(db: Conn, itemIds: string[]) {
  if (!itemIds.length) return [];
  return db
    .selectFrom('documents')
    .select(['id', 'itemId', 'docType', 'year', 'serial', 'number', 'title', 'template', 'mime', 'size', 'sha256', 'sealedBy', 'sealedAt', 'seal', 'createdBy', 'createdAt'])
    .where('itemId', 'in', itemIds)
    .orderBy('createdAt')
    .execute();
}

/** One document with its content. */
export async function findDocument(db: Conn, id: string): Promise<DocumentTable | undefined> {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Allocate the next number of a sequence inside the caller's transaction. The
 * counter row is updated in place, so a rolled-back action returns its number:
 * numbers are gap-free and never reused.
 */
export async function allocateNumber(db: Conn, sequence: string, year: number): Promise<number> {
  const { rows } = await nextNumber(db, [sequence, year]);
  return Number(rows[0].lastNumber);
}

const nextNumber = prepared<{ lastNumber: number }>((db, $) =>
  db
    .insertInto('numberSequences')
    .values({ docType: $[0], year: $[1], lastNumber: 1 })
    .onConflict((oc) => oc.columns(['docType', 'year']).doUpdateSet({ lastNumber: sql`number_sequences.last_number + 1` }))
    .returning('lastNumber'),
);
