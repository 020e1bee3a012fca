/** Task calls shared by pages: completing a step, finding the next step that is mine. */
import { request } from './request';

/** An open task of an item the current user may complete now, if any (to go straight on to the next step). */
export async function findMyOpenTask(itemId: string): Promise<{ id: string; name: string; outcomes: string[] } | undefined> {
  const item = await request<{ tasks: { id: string; status: string }[] }>(`/api/items/${encodeURIComponent(itemId)}`);
  for (const t of item.tasks.filter((x) => x.status === 'open')) {
    const d = await request<{ actions: string[]; step: { name: string; outcomes: string[] } }>(`/api/tasks/${encodeURIComponent(t.id)}`);
    if (d.actions.includes('complete')) return { id: t.id, name: d.step.name, outcomes: d.step.outcomes };
  }
  return undefined;
}

/** 办理: completes a task with its form data, an outcome and an opinion. */
export function completeTask(taskId: string, body: { outcome?: string; opinion?: string; data?: Record<string, unknown> }): Promise<unknown> {
  return request(`/api/tasks/${encodeURIComponent(taskId)}/complete`, { method: 'POST', body });
}
