/** Task look-ups shared by pages. */
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
