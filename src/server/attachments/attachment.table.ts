/** Uploaded files, stored with their SHA-256. */
export interface AttachmentTable {
  id: string;
  itemId: string | null;
  name: string;
  size: number;
  mime: string;
  sha256: string;
  content: Buffer;
  uploadedBy: string;
  uploadedAt: number;
}
