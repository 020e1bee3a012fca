/** Official documents with their gap-free numbers, and the per-type-and-year counters. */

export interface DocumentTable {
  id: string;
  itemId: string;
  docType: string;
  year: number;
  serial: number;
  /** e.g. '清政督函〔2026〕12号'. */
  number: string;
  title: string;
  template: string | null;
  mime: string | null;
  content: Buffer | null;
  size: number | null;
  sha256: string | null;
  sealedBy: string | null;
  sealedAt: number | null;
  seal: string | null;
  createdBy: string;
  createdAt: number;
  /** The unit a per-unit document (督查函, 督办函) is addressed to. */
  recipient: string | null;
  templateVersion: number | null;
  /** The PDF for printing and the archive, made off the action's transaction. */
  pdf: Buffer | null;
  /** pending | ready | failed | unavailable (no renderer installed). */
  pdfStatus: string | null;
  pdfError: string | null;
  pdfAt: number | null;
  pdfLease: number | null;
}

/** Every uploaded version of a document template. */
export interface DocumentTemplateTable {
  key: string;
  version: number;
  content: Buffer;
  size: number;
  sha256: string;
  /** JSON: the field names the template uses. */
  fields: string;
  fileName: string;
  note: string;
  uploadedBy: string;
  uploadedAt: number;
}

/** The seal register (用印登记簿): one row per document of a 用印申请. */
export interface SealUseTable {
  id: string;
  itemId: string;
  documentId: string;
  /** The 用印审批 task. */
  taskId: string | null;
  seal: string;
  /** requested | approved | refused | applied | cancelled. */
  status: string;
  requestedBy: string;
  requestedAt: number;
  approvedBy: string | null;
  approvedAt: number | null;
  opinion: string | null;
  appliedBy: string | null;
  appliedAt: number | null;
  /** specimen (电子样章) | host-pending | host. */
  source: string | null;
  reference: string | null;
}

export interface NumberSequenceTable {
  docType: string;
  year: number;
  lastNumber: number;
}
