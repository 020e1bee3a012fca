/** The ledger's query as it is kept in the address (so a filtered view can be shared). */
import type { LedgerQuery } from './service';

const SORTABLE = ['createdAt', 'dueDate', 'title', 'updatedAt'] as const;
/** Rows per page unless the address says otherwise. */
export const DEFAULT_PAGE_SIZE = 20;

/** The ledger query encoded in the address. */
export function queryFromParams(params: URLSearchParams): LedgerQuery {
  const get = (k: string) => params.get(k) || undefined;
  const sort = get('sort') as LedgerQuery['sort'];
  return {
    procedure: get('procedure'),
    unit: get('unit'),
    status: get('status') as LedgerQuery['status'],
    light: get('light') as LedgerQuery['light'],
    dueFrom: get('dueFrom'),
    dueTo: get('dueTo'),
    q: get('q'),
    sort: sort && SORTABLE.includes(sort) ? sort : 'createdAt',
    order: get('order') === 'asc' ? 'asc' : 'desc',
    page: Math.max(1, Number(get('page')) || 1),
    pageSize: [10, 20, 50, 100].includes(Number(get('pageSize'))) ? Number(get('pageSize')) : DEFAULT_PAGE_SIZE,
  };
}

/** The address parameters of a query (defaults left out). */
export function paramsOf(q: LedgerQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === '' || v === null) continue;
    if ((k === 'sort' && v === 'createdAt') || (k === 'order' && v === 'desc') || (k === 'page' && v === 1) || (k === 'pageSize' && v === DEFAULT_PAGE_SIZE)) continue;
    out[k] = String(v);
  }
  return out;
}

/** The ledger's total in words: exact, or 「1万+」「1000+」 when the server stopped counting there. */
export function totalText(total: number, capped?: boolean): string {
  if (!capped) return String(total);
  return total >= 10_000 && total % 10_000 === 0 ? `${total / 10_000}万+` : `${total}+`;
}

/**
 * The row count the pager is given. When the server stopped counting, the pages up to the count
 * and, while the page shown is full, one more: the rest is reached page by page.
 */
export function pagerTotal(total: number, capped: boolean | undefined, page: number, pageSize: number, rowsShown: number): number {
  if (!capped) return total;
  return Math.max(total, (page - 1) * pageSize + rowsShown + (rowsShown === pageSize ? 1 : 0));
}

/** What the export reports, given the ledger's total (the server exports at most `limit` rows, newest first). */
export function exportMessage(total: number, capped: boolean | undefined, limit: number): string {
  const text = totalText(total, capped);
  if (total >= limit && (capped || total > limit)) return `已导出最新的 ${limit} 项（共 ${text} 项，请缩小筛选范围）`;
  if (capped) return `已导出 ${text} 项（最多导出最新的 ${limit} 项）`;
  return `已导出 ${total} 项`;
}
