/** API calls of the 工作台: my to-dos, my done tasks, copies to me, recent items. */
import { type Query, request, withQuery } from '@/services/request';
import type { ItemSummary, Page, TaskSummary } from '@/services/types';

/** Rows per page of the 工作台's lists. */
export const PAGE_SIZE = 10;
/** To-dos loaded at once, most urgent first; the counts by light are taken from them. */
export const TODO_WINDOW = 200;
/** Items in 最近事项. */
export const RECENT_COUNT = 8;

/** Requests started before the 工作台's code arrived, by URL; each is used once, if still fresh. */
const early = new Map<string, { at: number; promise: Promise<unknown> }>();

function get<T>(path: string, query: Query): Promise<T> {
  const url = withQuery(path, query);
  const started = early.get(url);
  early.delete(url);
  if (started && Date.now() - started.at < 10_000) return started.promise as Promise<T>;
  return request<T>(url);
}

/** My open tasks, earliest deadline first. */
export function fetchTodos(page = 1, pageSize = 10): Promise<Page<TaskSummary>> {
  return get('/api/tasks/todo', { page, pageSize });
}

/** Tasks I completed, newest first. */
export function fetchDone(page = 1, pageSize = 10): Promise<Page<TaskSummary>> {
  return get('/api/tasks/done', { page, pageSize });
}

/** An item copied to me (抄送). */
export interface CopySummary {
  id: string;
  itemId: string;
  reason: string;
  note: string | null;
  createdAt: number;
  readAt: number | null;
  title: string;
  code: string;
  procedureName: string;
  status: string;
  light: 'green' | 'yellow' | 'red';
  dueDate: string | null;
}

/** Items copied to me, newest first. */
export function fetchCopies(page = 1, pageSize = 10): Promise<Page<CopySummary>> {
  return get('/api/copies', { page, pageSize });
}

/** Marks a copy read. */
export function markCopyRead(id: string): Promise<unknown> {
  return request(`/api/copies/${encodeURIComponent(id)}/read`, { method: 'POST', body: {} });
}

/** Items I may read, most recently changed first. */
export function fetchRecentItems(pageSize = RECENT_COUNT): Promise<Page<ItemSummary>> {
  return get('/api/items', { sort: 'updatedAt', order: 'desc', page: 1, pageSize });
}

/** What the 工作台 asks for when it opens (its first page of each list). */
const WORKBENCH_FIRST_REQUESTS: [string, Query][] = [
  ['/api/tasks/todo', { page: 1, pageSize: TODO_WINDOW }],
  ['/api/tasks/done', { page: 1, pageSize: PAGE_SIZE }],
  ['/api/copies', { page: 1, pageSize: PAGE_SIZE }],
  ['/api/items', { sort: 'updatedAt', order: 'desc', page: 1, pageSize: RECENT_COUNT }],
];

/**
 * Starts the 工作台's first requests at once, while its code is still loading
 * (called at app start when the address is the 工作台's and someone is signed in).
 */
export function prefetchWorkbench(): void {
  for (const [path, query] of WORKBENCH_FIRST_REQUESTS) {
    const promise = request(withQuery(path, query));
    // Used or not, a failed early request must not surface as an unhandled rejection.
    promise.catch(() => undefined);
    early.set(withQuery(path, query), { at: Date.now(), promise });
  }
}
