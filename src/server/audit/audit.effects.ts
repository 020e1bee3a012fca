import type { EffectHandler } from '../workflow/effect';

/** An entry the engine records (a step done, a deadline moved, a timer fired…), with the form data of a completion. */
export const auditEffect: EffectHandler<'audit'> = (s, live, e) => {
  const data: Record<string, unknown> = { ...(e.data ?? {}) };
  if (e.elementId) data.elementId = e.elementId;
  if (e.taskId) data.taskId = e.taskId;
  const form = e.action === 'task.completed' && e.taskId ? s.notes.get(e.taskId)?.formData : undefined;
  if (form) data.form = form;
  s.audit.add(live.item.id, e.action, { actor: e.actor, opinion: e.opinion, data });
};
