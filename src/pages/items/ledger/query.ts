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
