import type { TaskState } from '../../engine';
import { SYSTEM_ACTOR } from '../audit/audit.buffer';
import { taskCompletedEvents, urgedEvent } from '../evaluation/evaluation.events';
import type { EffectHandler } from '../workflow/effect';
import type { ActionSession, LiveInstance } from '../workflow/session';
import type { TodoFacts, TodoJob } from '../integration/todo.delivery';
import { insertTask, updateTask } from './task.repository';

// The tasks domain applies the engine's task effects: task rows, who may see them, and to-dos for the host.

/** The columns of a task row that follow its engine state, and who it reaches today. */
function taskRow(s: ActionSession, task: TaskState) {
  const a = task.assignment;
  const candidates = s.ctx.dir.resolve(a);
  return {
    candidates,
    set: {
      assignType: a.type,
      assignValue: String(a.value),
      assignScope: a.scope ?? '',
      ownerType: task.owner?.type ?? null,
      ownerValue: task.owner ? String(task.owner.value) : null,
      candidates: JSON.stringify(candidates),
      dueDate: task.dueDate ?? null,
      dueAt: task.dueAt ?? null,
      originalDueDate: task.originalDueDate ?? null,
      warnAt: task.warnAt ?? null,
      suspended: task.suspended ? 1 : 0,
      urges: task.urges ?? 0,
    },
  };
}

/** What every to-do job of a task says about it. */
function facts(s: ActionSession, live: LiveInstance, taskId: string, name: string, task?: TaskState): TodoFacts {
  return {
    id: taskId,
    target: `/tasks/${encodeURIComponent(taskId)}`,
    title: `${name}：${live.item.title}`,
    itemTitle: live.item.title,
    stepName: name,
    procedureName: live.item.procedureName,
    senderId: live.item.createdBy,
    dueDate: task?.dueDate,
    dueAt: task?.dueAt,
    createdAt: s.now,
  };
}

/** Put the to-do into (or update it in) the host's unified to-do list for the people it reaches now. */
function pushTodo(s: ActionSession, live: LiveInstance, task: TaskState, name: string, userIds: string[]): void {
  const job: TodoJob = { kind: 'todo.upsert', facts: facts(s, live, task.id, name, task), assignees: userIds };
  s.outbox.push(job.kind, job);
}

/** Take the to-do away from everyone still holding it (or from `userIds`). */
function cancelTodo(s: ActionSession, live: LiveInstance, taskId: string, elementId: string, userIds?: string[]): void {
  const job: TodoJob = { kind: 'todo.cancel', facts: facts(s, live, taskId, stepName(live, elementId)), ...(userIds ? { userIds } : {}) };
  s.outbox.push(job.kind, job);
}

const stepName = (live: LiveInstance, elementId: string) => live.def.model.elements[elementId]?.name ?? elementId;

/** A new task: its row, its candidates as participants, its unit on the item, its to-do; the fallback handler when nobody holds it. */
export const taskCreated: EffectHandler<'task.created'> = async (s, live, e) => {
  const { task } = e;
  const { candidates, set } = taskRow(s, task);
  await insertTask(s.trx, {
    id: task.id,
    instanceId: live.id,
    itemId: live.item.id,
    taskKey: task.id,
    elementId: task.elementId,
    name: e.name,
    formKey: e.formKey ?? null,
    kind: task.kind,
    ...set,
    status: 'open',
    outcome: null,
    negative: 0,
    opinion: null,
    formData: null,
    actorId: null,
    actorName: null,
    createdAt: s.now,
    completedAt: null,
    origin: task.origin,
  });
  s.members.participate(live.item.id, candidates);
  if (task.assignment.type === 'unit') s.members.addUnit(live.item.id, String(task.assignment.value));
  if (candidates.length === 0) {
    // Nobody in the directory holds the assignment (e.g. an upper-level leader): the policy's
    // fallback handler takes the step on their behalf rather than leaving a task nobody can see.
    const fallback = s.ctx.dir.policy.assignments.fallback.role;
    const who = s.ctx.dir.describe(task.assignment);
    s.audit.add(live.item.id, 'task.noCandidates', { data: { taskId: task.id, elementId: task.elementId, assignment: task.assignment, who, fallback } });
    s.enqueue(
      live.id,
      { type: 'reassign', taskId: task.id, actor: SYSTEM_ACTOR, to: { type: 'role', value: fallback }, opinion: `通讯录中没有“${who}”，由${s.ctx.dir.describe({ type: 'role', value: fallback })}代为办理` },
      true,
    );
    return;
  }
  if (!task.suspended) pushTodo(s, live, task, e.name, candidates);
};

/** A task changed hands, deadline or state: its row follows; the to-do is pushed again or removed; an urge of a unit scores. */
export const taskUpdated: EffectHandler<'task.updated'> = async (s, live, e) => {
  const { task, change } = e;
  const { candidates, set } = taskRow(s, task);
  await updateTask(s.trx, task.id, set);
  s.members.participate(live.item.id, candidates);
  if (task.assignment.type === 'unit') s.members.addUnit(live.item.id, String(task.assignment.value));
  if (change === 'suspended') return cancelTodo(s, live, task.id, task.elementId);
  if (change === 'urged') return urgedEvent(s, live, task);
  pushTodo(s, live, task, live.def.model.elements[task.elementId]?.name ?? task.elementId, candidates);
};

/** A task was done: it scores for its unit; outcome, opinion and form data on its row; the actor takes part in the item; the to-do goes. */
export const taskCompleted: EffectHandler<'task.completed'> = async (s, live, e) => {
  const note = s.notes.get(e.taskId);
  // Scored before the row is updated: the row still holds the deadline the task was due by.
  await taskCompletedEvents(s, live, e.taskId, e.elementId, note?.formData);
  await updateTask(s.trx, e.taskId, {
    status: 'completed',
    outcome: e.outcome ?? null,
    negative: e.negative ? 1 : 0,
    opinion: note?.opinion ?? null,
    formData: note?.formData ? JSON.stringify(note.formData) : null,
    actorId: e.actor.id,
    actorName: e.actor.name ?? s.ctx.dir.personName(e.actor.id),
    completedAt: s.now,
  });
  s.members.participate(live.item.id, [e.actor.id]);
  // 已办 for the one who did it (when they held it), removed for everyone else; 办结 when the instance ends
  // in the same action (`instanceCompleted` marks it).
  const done: TodoJob = { kind: 'todo.done', facts: facts(s, live, e.taskId, stepName(live, e.elementId)), userId: e.actor.id, at: s.now };
  s.outbox.push(done.kind, done, { instanceId: live.id });
  cancelTodo(s, live, e.taskId, e.elementId);
};

/** A task was cancelled (withdrawn, interrupted, the item ended): its row says why; the to-do goes. */
export const taskCancelled: EffectHandler<'task.cancelled'> = async (s, live, e) => {
  await updateTask(s.trx, e.taskId, { status: 'cancelled', opinion: e.reason, completedAt: s.now });
  cancelTodo(s, live, e.taskId, e.elementId);
};
