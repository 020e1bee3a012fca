import { sql } from 'kysely';
import type { Conn } from '../db/database';
import { prepared } from '../db/prepared';
import type { DocumentTable, DocumentTemplateTable, SealUseTable } from './document.table';

/** The columns of a document without its bytes. */
const META = [
  'id',
  'itemId',
  'docType',
  'year',
  'serial',
  'number',
  'title',
  'template',
  'templateVersion',
  'recipient',
  'mime',
  'size',
  'sha256',
  'sealedBy',
  'sealedAt',
  'seal',
  'createdBy',
  'createdAt',
  'pdfStatus',
  'pdfError',
  'pdfAt',
] as const;

/** A document without its bytes. */
export type DocumentMeta = Pick<DocumentTable, (typeof META)[number]>;

/** Insert a document row (numbered, with or without content yet). */
export async function insertDocument(db: Conn, row: Omit<DocumentTable, 'pdf' | 'pdfStatus' | 'pdfError' | 'pdfAt' | 'pdfLease'>): Promise<void> {
  await db.insertInto('documents').values({ ...row, pdf: null, pdfStatus: null, pdfError: null, pdfAt: null, pdfLease: null }).execute();
}

/** Attach generated content to a document; its PDF is to be made again. */
export async function setDocumentContent(
  db: Conn,
  id: string,
  set: Pick<DocumentTable, 'content' | 'size' | 'sha256' | 'mime' | 'template' | 'templateVersion' | 'title' | 'recipient'>,
): Promise<void> {
  await db.updateTable('documents').set({ ...set, pdf: null, pdfStatus: 'pending', pdfError: null, pdfAt: null, pdfLease: null }).where('id', '=', id).execute();
}

/** Record a seal on a document, with its stamped content; its PDF is to be made again. */
export async function sealDocument(db: Conn, id: string, set: { seal: string; by: string; at: number; content?: Buffer; sha256?: string }): Promise<void> {
  await db
    .updateTable('documents')
    .set({
      seal: set.seal,
      sealedBy: set.by,
      sealedAt: set.at,
      ...(set.content ? { content: set.content, size: set.content.length, sha256: set.sha256 } : {}),
      pdf: null,
      pdfStatus: 'pending',
      pdfError: null,
      pdfLease: null,
    })
    .where('id', '=', id)
    .execute();
}

/** The newest document of a type on an item. */
export async function findLatestDocument(db: Conn, itemId: string, docType?: string): Promise<DocumentMeta | undefined> {
  let q = db.selectFrom('documents').select(META).where('itemId', '=', itemId);
  if (docType) q = q.where('docType', '=', docType);
  return q.orderBy('createdAt', 'desc').orderBy('serial', 'desc').limit(1).executeTakeFirst();
}

/** The documents of a type on an item, oldest first. */
export async function findDocumentsOfType(db: Conn, itemId: string, docType: string): Promise<DocumentMeta[]> {
  return db.selectFrom('documents').select(META).where('itemId', '=', itemId).where('docType', 'like', `${docType}%`).orderBy('createdAt').orderBy('serial').execute();
}

/** Documents of items, without content. */
export async function findDocumentsOfItem(db: Conn, itemIds: string[]): Promise<DocumentMeta[]> {
  if (!itemIds.length) return [];
  return db.selectFrom('documents').select(META).where('itemId', 'in', itemIds).orderBy('createdAt').orderBy('serial').execute();
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

// ── PDFs ────────────────────────────────────────────────────────────────────────────────

/** Claim up to `max` documents whose PDF is to be made; a claim lapses after `leaseMs`. */
export async function claimPendingPdfs(db: Conn, now: number, leaseMs: number, max: number): Promise<Pick<DocumentTable, 'id' | 'content' | 'sha256' | 'number'>[]> {
  const candidates = await db
    .selectFrom('documents')
    .select(['id'])
    .where('pdfStatus', '=', 'pending')
    .where((eb) => eb.or([eb('pdfLease', 'is', null), eb('pdfLease', '<', now)]))
    .orderBy('createdAt')
    .limit(max)
    .execute();
  const claimed: Pick<DocumentTable, 'id' | 'content' | 'sha256' | 'number'>[] = [];
  for (const { id } of candidates) {
    // Claimed by whoever moves the lease first (several server processes on one database).
    const r = await db
      .updateTable('documents')
      .set({ pdfLease: now + leaseMs })
      .where('id', '=', id)
      .where('pdfStatus', '=', 'pending')
      .where((eb) => eb.or([eb('pdfLease', 'is', null), eb('pdfLease', '<', now)]))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) continue;
    const row = await db.selectFrom('documents').select(['id', 'content', 'sha256', 'number']).where('id', '=', id).executeTakeFirst();
    if (row?.content) claimed.push(row);
  }
  return claimed;
}

/** Store a document's PDF, unless its content changed since the claim (then it is made again). */
export async function storePdf(db: Conn, id: string, sha256: string | null, set: { pdf: Buffer | null; status: string; error: string | null; at: number }): Promise<void> {
  await db
    .updateTable('documents')
    .set({ pdf: set.pdf, pdfStatus: set.status, pdfError: set.error, pdfAt: set.at, pdfLease: null })
    .where('id', '=', id)
    .where('pdfStatus', '=', 'pending')
    .where((eb) => (sha256 === null ? eb('sha256', 'is', null) : eb('sha256', '=', sha256)))
    .execute();
}

/** Put documents whose PDF could not be made back in the queue (a renderer was installed since). */
export async function requeuePdfs(db: Conn, statuses: string[]): Promise<number> {
  const r = await db.updateTable('documents').set({ pdfStatus: 'pending', pdfError: null, pdfLease: null }).where('pdfStatus', 'in', statuses).where('content', 'is not', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A document's PDF. */
export async function findPdf(db: Conn, id: string) {
  return db.selectFrom('documents').select(['id', 'itemId', 'number', 'docType', 'title', 'pdf', 'pdfStatus', 'pdfError', 'sha256']).where('id', '=', id).executeTakeFirst();
}

// ── Templates ───────────────────────────────────────────────────────────────────────────

/** The newest uploaded version of a template. */
export async function findLatestTemplate(db: Conn, key: string): Promise<DocumentTemplateTable | undefined> {
  return db.selectFrom('documentTemplates').selectAll().where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** One version of a template. */
export async function findTemplateVersion(db: Conn, key: string, version: number): Promise<DocumentTemplateTable | undefined> {
  return db.selectFrom('documentTemplates').selectAll().where('key', '=', key).where('version', '=', version).executeTakeFirst();
}

/** Every uploaded version (without bytes), newest first. */
export async function listTemplateVersions(db: Conn) {
  return db.selectFrom('documentTemplates').select(['key', 'version', 'size', 'sha256', 'fields', 'fileName', 'note', 'uploadedBy', 'uploadedAt']).orderBy('key').orderBy('version', 'desc').execute();
}

/** Record an uploaded version. */
export async function insertTemplate(db: Conn, row: DocumentTemplateTable): Promise<void> {
  await db.insertInto('documentTemplates').values(row).execute();
}

// ── Seal register ───────────────────────────────────────────────────────────────────────

/** Open 用印申请 rows. */
export async function insertSealUses(db: Conn, rows: SealUseTable[]): Promise<void> {
  if (rows.length) await db.insertInto('sealUses').values(rows).execute();
}

/** The rows of one 用印审批 task. */
export async function sealUsesOfTask(db: Conn, taskId: string): Promise<SealUseTable[]> {
  return db.selectFrom('sealUses').selectAll().where('taskId', '=', taskId).execute();
}

/** Approved, not yet applied rows of an item for a seal. */
export async function approvedSealUses(db: Conn, itemId: string, seal: string): Promise<SealUseTable[]> {
  return db.selectFrom('sealUses').selectAll().where('itemId', '=', itemId).where('seal', '=', seal).where('status', '=', 'approved').orderBy('requestedAt').execute();
}

/** Update register rows. */
export async function updateSealUses(db: Conn, ids: string[], set: Partial<SealUseTable>): Promise<void> {
  if (ids.length) await db.updateTable('sealUses').set(set).where('id', 'in', ids).execute();
}

/** Rows awaiting the host's seal service. */
export async function hostPendingSealUses(db: Conn, max: number): Promise<SealUseTable[]> {
  return db.selectFrom('sealUses').selectAll().where('source', '=', 'host-pending').orderBy('appliedAt').limit(max).execute();
}

/** Filters of the register. */
export interface SealRegisterQuery {
  seal?: string;
  status?: string;
  from?: number;
  to?: number;
  q?: string;
  limit: number;
  offset: number;
}

/** The seal register with its documents and items, newest first. */
export async function listSealRegister(db: Conn, f: SealRegisterQuery) {
  let base = db
    .selectFrom('sealUses')
    .innerJoin('documents', 'documents.id', 'sealUses.documentId')
    .innerJoin('items', 'items.id', 'sealUses.itemId');
  if (f.seal) base = base.where('sealUses.seal', '=', f.seal);
  if (f.status) base = base.where('sealUses.status', '=', f.status);
  if (f.from !== undefined) base = base.where('sealUses.requestedAt', '>=', f.from);
  if (f.to !== undefined) base = base.where('sealUses.requestedAt', '<', f.to);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, '')}%`;
    base = base.where((eb) => eb.or([eb('documents.number', 'like', like), eb('documents.title', 'like', like), eb('items.title', 'like', like), eb('items.code', 'like', like)]));
  }
  const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await base
    .select([
      'sealUses.id',
      'sealUses.itemId',
      'sealUses.documentId',
      'sealUses.taskId',
      'sealUses.seal',
      'sealUses.status',
      'sealUses.requestedBy',
      'sealUses.requestedAt',
      'sealUses.approvedBy',
      'sealUses.approvedAt',
      'sealUses.opinion',
      'sealUses.appliedBy',
      'sealUses.appliedAt',
      'sealUses.source',
      'sealUses.reference',
      'documents.number',
      'documents.docType',
      'documents.title as documentTitle',
      'items.title as itemTitle',
      'items.code as itemCode',
    ])
    .orderBy('sealUses.requestedAt', 'desc')
    .orderBy('documents.serial', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return { rows, total: Number(total?.n ?? 0) };
}

/** Documents of a type on an item that a seal keeper sent back and nobody sealed since (their numbers stay theirs). */
export async function refusedUnsealed(db: Conn, itemId: string, docType: string): Promise<DocumentMeta[]> {
  return db
    .selectFrom('documents')
    .select(META.map((c) => `documents.${c}` as const))
    .where('documents.itemId', '=', itemId)
    .where('documents.docType', '=', docType)
    .where('documents.seal', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('sealUses').select('sealUses.id').whereRef('sealUses.documentId', '=', 'documents.id').where('sealUses.status', '=', 'refused')))
    .orderBy('documents.serial')
    .execute();
}
