/** API calls of the 督查台账: the filtered, sorted, paged ledger and its Excel export. */
import dayjs from 'dayjs';
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

/** One page of the ledger; `totalCapped`: the server stopped counting at `total` and there are more. */
export type LedgerPage = Page<ItemSummary> & { totalCapped?: boolean };

/** One page of the ledger. */
export function fetchLedger(query: LedgerQuery): Promise<LedgerPage> {
  return request<LedgerPage>('/api/items', { query: { ...query } });
}

/** Most rows the server puts in one export. */
export const EXPORT_LIMIT = 10_000;

/** Downloads the ledger as .xlsx from the server (same filters; newest first, at most EXPORT_LIMIT rows). */
export async function exportLedger(query: LedgerQuery): Promise<void> {
  const { sort: _s, order: _o, page: _p, pageSize: _ps, ...filter } = query;
  const res = await request<Response>('/api/items/export', { query: { ...filter }, raw: true });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const named = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  const name = named ? decodeURIComponent(named[1]) : '督查台账.xlsx';
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name.replace(/\.xlsx$/, `-${dayjs().format('YYYYMMDD-HHmm')}.xlsx`);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
