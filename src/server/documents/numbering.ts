import { DOCUMENT_TYPES } from '../../engine';

/** Format a document number, e.g. 清政督函〔2026〕12号. */
export function formatDocNumber(countyShort: string, docType: string, year: number, serial: number): string {
  const prefix = DOCUMENT_TYPES[docType]?.prefix ?? `政${docType}`;
  return `${countyShort}${prefix}〔${year}〕${serial}号`;
}
