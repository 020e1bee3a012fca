/** Uploaded files (附件): upload and download links (the server's /api/attachments routes). */
import { downloadUrl, request } from './request';

/** An attachment as stored in form data. */
export interface AttachmentRef {
  id: string;
  name: string;
  size?: number;
  sha256?: string;
}

/** Uploads one file, optionally tied to an item; resolves with its reference for the form data. */
export async function uploadAttachment(file: File, itemId?: string): Promise<AttachmentRef> {
  const body = new FormData();
  body.append('file', file, file.name);
  const a = await request<AttachmentRef>('/api/attachments', { method: 'POST', body, query: { itemId } });
  return { id: a.id, name: a.name, size: a.size, sha256: a.sha256 };
}

/** The link that downloads an attachment. */
export function attachmentUrl(id: string): string {
  return downloadUrl(`/api/attachments/${encodeURIComponent(id)}`);
}

/** A file size for people: 12.3 KB, 4.5 MB. */
export function formatSize(bytes?: number): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
