import { randomUUID } from 'node:crypto';
import type { EffectHandler } from '../workflow/effect';

// Notices (催办, 超期, 临期, 提醒) go to the host through the outbox, worded here.

const TITLES: Record<string, string> = { urge: '催办', overdue: '已超期', warn: '即将到期', remind: '办理提醒' };

/** A notice about a task to the people it is assigned to. */
export const notify: EffectHandler<'notify'> = (s, live, e) => {
  const task = live.state.tasks[e.taskId];
  const userIds = task ? s.ctx.dir.resolve(task.assignment) : [];
  const name = task ? live.def.model.elements[task.elementId]?.name ?? '' : '';
  const due = task?.dueDate ? `，办理期限 ${task.dueDate}` : '';
  const what = e.reason === 'overdue' ? '已超过办理期限' : e.reason === 'warn' ? '即将到期' : '请及时办理';
  s.outbox.push('notify', {
    id: randomUUID(),
    userIds,
    title: `【${TITLES[e.reason] ?? '提醒'}】${live.item.title}`,
    body: `“${live.item.title}”的“${name}”环节${what}${due}。${e.note ?? ''}`,
    url: `/#/tasks/${encodeURIComponent(e.taskId)}`,
    method: e.method,
  });
};
