import { randomUUID } from 'node:crypto';
import { approvedExtension } from '../../../engine';
import { SYSTEM_ACTOR } from '../../audit/audit.buffer';
import { extensionEvent } from '../../evaluation/evaluation.events';
import { result, str, type ServiceActionHandler } from './action';

/**
 * `extend` (延期生效, X7): an approved extension moves the deadline of the step it was asked
 * for, to the re-drafted date (`proposedDeadline`) or else the requested one. The request's
 * variables come with the message that started the extension path (see TaskService.requestExtension).
 */
export const extendAction: ServiceActionHandler = async (call) => {
  const { s, live, vars } = call;
  const requestId = str(vars.extensionRequestId) || null;
  const { task, newDue, reason } = approvedExtension(live.state, vars);
  if (!task || !newDue) {
    s.audit.add(live.item.id, 'extension.skipped', { actor: s.actor, data: { requestId, reason: task ? '没有有效的延期日期' : '申请延期的环节已办结，无需延期' } });
    return result(call, null, 'extendedTo');
  }
  s.enqueue(live.id, { type: 'extend', taskId: task.id, actor: s.actor ?? SYSTEM_ACTOR, newDue, reason });
  await extensionEvent(s, live, task, newDue);
  s.audit.add(live.item.id, 'extension.approved', { actor: s.actor, data: { requestId, taskId: task.id, from: task.dueDate ?? null, to: newDue } });
  const requester = str(vars.extensionRequestedBy);
  if (requester) {
    s.outbox.push('notify', {
      id: randomUUID(),
      userIds: [requester],
      title: `【延期已批准】${live.item.title}`,
      body: `“${live.item.title}”的办理期限已延至 ${newDue}。`,
      url: `/#/tasks/${encodeURIComponent(task.id)}`,
    });
  }
  // The step's deadline expression reads `newDeadline` when it opens again (after a progress report).
  return { ...result(call, newDue, 'extendedTo'), newDeadline: newDue };
};
