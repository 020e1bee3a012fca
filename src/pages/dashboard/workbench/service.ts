/** API calls of the 工作台: my to-dos, my done tasks, copies to me, extension requests to decide, recent items. */
import { request } from '@/services/request';
import type { ItemSummary, Page, TaskSummary } from '@/services/types';

/** My open tasks, earliest deadline first. */
export function fetchTodos(page = 1, pageSize = 10): Promise<Page<TaskSummary>> {
  return request<Page<TaskSummary>>('/api/tasks/todo', { query: { page, pageSize } });
}

/** Tasks I completed, newest first. */
export function fetchDone(page = 1, pageSize = 10): Promise<Page<TaskSummary>> {
  return request<Page<TaskSummary>>('/api/tasks/done', { query: { page, pageSize } });
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
  return request('/api/copies', { query: { page, pageSize } });
}

/** Marks a copy read. */
export function markCopyRead(id: string): Promise<unknown> {
  return request(`/api/copies/${encodeURIComponent(id)}/read`, { method: 'POST', body: {} });
}

/** An extension request (延期申请) waiting for my decision. */
export interface ExtensionSummary {
  id: string;
  taskId: string;
  itemId: string;
  requestedBy: string;
  reason: string;
  currentDue: string | null;
  newDue: string;
  status: string;
  createdAt: number;
}

/** Extension requests waiting for me (R7 reviews, R5 approves). */
export async function fetchPendingExtensions(): Promise<ExtensionSummary[]> {
  return (await request<{ rows: ExtensionSummary[] }>('/api/extensions')).rows;
}

/** The item title and step name of a task (extension rows carry only ids). */
export async function fetchTaskHeading(taskId: string): Promise<{ itemTitle: string; stepName: string }> {
  const d = await request<{ item: { title: string }; step: { name: string } }>(`/api/tasks/${encodeURIComponent(taskId)}`);
  return { itemTitle: d.item.title, stepName: d.step.name };
}

/** Review (R7) or decide (R5) an extension request. */
export function decideExtension(id: string, approve: boolean, opinion: string): Promise<unknown> {
  return request(`/api/extensions/${encodeURIComponent(id)}/decision`, { method: 'POST', body: { approve, ...(opinion ? { opinion } : {}) } });
}

/** Items I may read, most recently changed first. */
export function fetchRecentItems(pageSize = 8): Promise<Page<ItemSummary>> {
  return request('/api/items', { query: { sort: 'updatedAt', order: 'desc', page: 1, pageSize } });
}
