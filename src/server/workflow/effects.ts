import { auditEffect } from '../audit/audit.effects';
import { sealTaskCancelled, sealTaskCompleted, sealTaskCreated } from '../documents/seal.effects';
import { childCancelled, childStarted, instanceCompleted } from '../items/item.effects';
import { notify } from '../scheduler/notice.effects';
import { timerCancelled, timerScheduled } from '../scheduler/timer.effects';
import { taskCancelled, taskCompleted, taskCreated, taskUpdated } from '../tasks/task.effects';
import { serviceRequested } from './actions';
import type { Effect } from '../../engine';
import type { EffectHandler, EffectTable } from './effect';

const nothing = () => undefined;

/** Several domains applying one kind of effect, in order. */
const both =
  <K extends Effect['type']>(...handlers: EffectHandler<K>[]): EffectHandler<K> =>
  async (s, live, e) => {
    for (const h of handlers) await h(s, live, e);
  };

/**
 * Which domain applies each kind of engine effect. The compiler insists every kind has an
 * entry; subscriptions and a terminated instance need no rows of their own (the instance
 * state and its audit entry carry them).
 */
export const EFFECTS: EffectTable = {
  'task.created': both(taskCreated, sealTaskCreated),
  'task.updated': taskUpdated,
  'task.completed': both(taskCompleted, sealTaskCompleted),
  'task.cancelled': both(taskCancelled, sealTaskCancelled),
  'timer.scheduled': timerScheduled,
  'timer.cancelled': timerCancelled,
  'service.requested': serviceRequested,
  'child.started': childStarted,
  'child.cancelled': childCancelled,
  'subscription.opened': nothing,
  'subscription.closed': nothing,
  notify,
  audit: auditEffect,
  'instance.completed': instanceCompleted,
  'instance.terminated': nothing,
};
