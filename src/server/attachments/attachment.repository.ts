import type { Conn } from '../db/database';
import type { AttachmentTable } from './attachment.table';

/** Insert an uploaded file. */
export async function insertAttachment(db: Conn, row: AttachmentTable): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

/** One file with its content. */
export async function findAttachment(db: Conn, id: string): Promise<AttachmentTable | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Attach a person's not-yet-linked uploads to an item (files uploaded while filling a form). */
export async function linkAttachments(db: Conn, itemId: string, ids: string[], uploadedBy: string): Promise<number> {
  if (!ids.length) return 0;
  const r = await db
    .updateTable('attachments')
    .set({ itemId })
    .where('id', 'in', ids)
    .where('itemId', 'is', null)
    .where('uploadedBy', '=', uploadedBy)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Attachment ids referenced anywhere in form data (strings or `{ id }` objects that look like our ids). */
export function attachmentIdsIn(data: unknown, out: Set<string> = new Set()): string[] {
  if (typeof data === 'string') {
    if (UUID.test(data)) out.add(data);
  } else if (Array.isArray(data)) data.forEach((d) => attachmentIdsIn(d, out));
  else if (data && typeof data === 'object') Object.values(data).forEach((v) => attachmentIdsIn(v, out));
  return [...out];
}

/** The names of the files attached to items. */
export async function listAttachmentNames(db: Conn, itemIds: string[]): Promise<string[]> {
  if (!itemIds.length) return [];
  return (await db.selectFrom('attachments').select('name').where('itemId', 'in', itemIds).execute()).map((r) => r.name);
}

/** The files of an item, without content, in upload order. */
export async function listAttachmentsOfItem(db: Conn, itemId: string) {
  return db.selectFrom('attachments').select(['id', 'name', 'size', 'mime', 'sha256', 'uploadedBy', 'uploadedAt']).where('itemId', '=', itemId).orderBy('uploadedAt').execute();
}
