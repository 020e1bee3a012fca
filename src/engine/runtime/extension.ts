import { isDateString } from '../calendar/time';
import type { Actor, Command, InstanceState, TaskState } from '../types';
import { EXTENSION_MESSAGE } from '../vocabulary';

/** What a step's 申请延期 asks for. */
export interface ExtensionRequest {
  requestId: string;
  newDue: string;
  reason: string;
  actor: Actor;
}

/**
 * The message that starts a step's extension path (X7): addressed to the step's own
 * boundary, carrying the request as the variables the path's forms and its `extend`
 * action read (`reason`, `currentDeadline`, `requestedDeadline`, `proposedDeadline`).
 */
export function extensionMessage(task: TaskState, req: ExtensionRequest): Extract<Command, { type: 'message' }> {
  return {
    type: 'message',
    name: EXTENSION_MESSAGE,
    tokenId: task.tokenId,
    actor: req.actor,
    vars: {
      extensionRequestId: req.requestId,
      extensionTaskId: task.id,
      extensionElementId: task.elementId,
      extensionRequestedBy: req.actor.id,
      currentDeadline: task.dueDate ?? null,
      requestedDeadline: req.newDue,
      proposedDeadline: req.newDue,
      reason: req.reason.trim(),
    },
  };
}

/**
 * What an approved extension moves: the step it was asked for (or, when that step was
 * handed back and opened again, its open task on the same element) to the re-drafted date,
 * else the requested one. `undefined` task: the step is done, nothing to move.
 */
export function approvedExtension(state: InstanceState, vars: Record<string, unknown>): { task?: TaskState; newDue?: string; reason: string } {
  const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  const newDue = str(vars.proposedDeadline) || str(vars.requestedDeadline);
  const task = state.tasks[str(vars.extensionTaskId)] ?? Object.values(state.tasks).find((t) => t.elementId === str(vars.extensionElementId));
  return { task, newDue: isDateString(newDue) ? newDue : undefined, reason: str(vars.reason) || '经审批同意延期' };
}
