/** API calls of the 督查台账: the filtered, sorted, paged ledger and its Excel export. */
import { request } from '@/services/request';
import type { ItemSummary, Page } from '@/services/types';

/** The ledger's filters, as the server takes them. */
export interface LedgerQuery {
  procedure?: string;
  unit?: string;
  status?: 'running' | 'completed' | 'terminated';
  light?: 'green' | 'yellow' | 'red';
  dueFrom?: string;
  dueTo?: string;
  q?: string;
  sort?: 'createdAt' | 'dueDate' | 'title' | 'updatedAt';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

/** One page of the ledger. */
export function fetchLedger(query: LedgerQuery): Promise<Page<ItemSummary>> {
  return request<Page<ItemSummary>>('/api/items', { query: { ...query } });
}

/** Most rows one export takes (the server pages by 200). */
export const EXPORT_LIMIT = 20_000;

/** Every row matching the filters, page by page, reporting progress. */
export async function fetchAllForExport(query: LedgerQuery, onProgress: (done: number, total: number) => void): Promise<ItemSummary[]> {
  const rows: ItemSummary[] = [];
  for (let page = 1; ; page++) {
    const res = await fetchLedger({ ...query, page, pageSize: 200 });
    rows.push(...res.rows);
    onProgress(rows.length, Math.min(res.total, EXPORT_LIMIT));
    if (rows.length >= res.total || rows.length >= EXPORT_LIMIT || res.rows.length === 0) return rows;
  }
}
