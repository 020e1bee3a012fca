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
}

export interface NumberSequenceTable {
  docType: string;
  year: number;
  lastNumber: number;
}
