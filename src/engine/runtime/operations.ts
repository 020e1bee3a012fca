import { EngineError } from '../errors';
import { isDateString, endOfDay, toLocalDate } from '../calendar/time';
import { URGE_METHODS, isKeyOf } from '../vocabulary';
import type { Actor, Command, HistoryEntry, ScopeState, TaskState, TokenState } from '../types';
import { setOwn, type Execution } from './execution';
import { startLoopInstance } from './multi';
import { triggerCatch } from './events';

type Cmd<T extends Command['type']> = Extract<Command, { type: T }>;

function taskOf(x: Execution, taskId: string): TaskState {
  const task = x.state.tasks[taskId];
  if (!task) throw new EngineError('TASK_NOT_FOUND', '待办任务不存在或已被办理', { taskId });
  return task;
}

function tokenOf(x: Execution, task: TaskState): TokenState {
  const tok = x.state.tokens[task.tokenId];
  if (!tok) throw new EngineError('TOKEN_NOT_FOUND', `任务 <${task.id}> 的流程位置已失效`, { taskId: task.id });
  return tok;
}

/** 办理: complete a task with an outcome, an opinion and form data. */
export function complete(x: Execution, cmd: Cmd<'complete'>): void {
  const task = taskOf(x, cmd.taskId);
  if (task.suspended) throw new EngineError('TASK_SUSPENDED', '该任务正在等待加签人先行办理', { taskId: task.id });
  const el = x.element(task.elementId);
  const tok = tokenOf(x, task);
  const outcome = cmd.outcome ?? (cmd.vars?.outcome as string | undefined);
  if (el.outcomes && task.kind === 'normal' && !task.delegatedTo) {
    if (!outcome || !el.outcomes.includes(outcome)) {
      throw new EngineError('INVALID_OUTCOME', `请选择办理结果：${el.outcomes.join('、')}`, { outcomes: el.outcomes });
    }
  }
  if (outcome !== undefined && el.opinionRequired?.includes(outcome) && !cmd.opinion?.trim() && !task.delegatedTo) {
    throw new EngineError('OPINION_REQUIRED', `选择“${outcome}”时须填写办理意见`, { outcome });
  }
  const vars = { ...(cmd.vars ?? {}) };
  if (outcome !== undefined) vars.outcome = outcome;
  x.setVars(tok.scopeId, vars);

  if (task.delegatedTo && task.owner) {
    // 委派: the delegate's work goes back to the owner, who then decides.
    task.assignment = task.owner;
    delete task.owner;
    delete task.delegatedTo;
    x.emit({ type: 'task.updated', task: { ...task }, change: 'returned' });
    x.audit('delegate.resolved', { actor: cmd.actor, elementId: el.id, taskId: task.id, opinion: cmd.opinion });
    return;
  }

  const entry: HistoryEntry = {
    elementId: el.id,
    scopeId: tok.scopeId,
    scopes: x.scopeChain(tok.scopeId),
    taskId: task.id,
    actor: cmd.actor.id,
    at: x.now,
    seq: x.state.seq,
    origin: task.origin,
    assignment: task.assignment,
  };
  if (outcome !== undefined) entry.outcome = outcome;
  if (task.loopIndex !== undefined) entry.loopIndex = task.loopIndex;
  x.state.history.push(entry);
  x.closeTask(task);
  x.emit({ type: 'task.completed', taskId: task.id, elementId: el.id, actor: cmd.actor, outcome, negative: outcome !== undefined && !!el.negativeOutcomes?.includes(outcome) });
  x.audit('task.completed', {
    actor: cmd.actor,
    elementId: el.id,
    taskId: task.id,
    opinion: cmd.opinion,
    data: { outcome, kind: task.kind, step: el.name },
  });

  if (task.kind === 'addsign-before' && task.parentTaskId) {
    const parent = x.state.tasks[task.parentTaskId];
    if (parent) {
      parent.suspended = false;
      x.emit({ type: 'task.updated', task: { ...parent }, change: 'resumed' });
    }
    return;
  }
  const after = task.kind === 'addsign-after' ? tok.addAfter ?? [] : task.addAfter ?? [];
  if (after.length) {
    const [next, ...rest] = after;
    tok.addAfter = rest;
    x.createTask(tok, el, { assignment: next, kind: 'addsign-after', parentTaskId: task.id });
    return;
  }
  delete tok.addAfter;
  x.completeActivity(tok);
}

/** 退回: send the item back to an earlier step on its path, to the person who handled it. */
export function sendBack(x: Execution, cmd: Cmd<'sendBack'>): void {
  const task = taskOf(x, cmd.taskId);
  const tok = tokenOf(x, task);
  const target = x.element(cmd.target);
  if (!cmd.opinion?.trim()) throw new EngineError('OPINION_REQUIRED', '退回时必须填写退回意见', { taskId: task.id });
  const ancestors = x.scopeChain(tok.scopeId);

  // Sequential 会签: back to an earlier signer of the same step.
  if (cmd.target === task.elementId && tok.inner) {
    const instance = x.state.scopes[tok.scopeId];
    const ms = x.state.scopes[instance.parentScopeId!];
    const entry = [...x.state.history]
      .reverse()
      .find((h) => h.elementId === cmd.target && h.scopes.includes(ms.id) && (h.loopIndex ?? -1) < (instance.loopIndex ?? 0));
    if (!entry || !target.multi?.sequential) {
      throw new EngineError('SEND_BACK_TARGET_INVALID', `不能退回到“${target.name}”：该环节不是本事项已办理过的前序环节`, { target: cmd.target });
    }
    record(x, cmd, task, target.name);
    x.cancelToken(tok, '退回');
    delete x.state.scopes[instance.id];
    // The signers from the target on sign again, in order: they no longer count as done.
    const multi = ms.multi!;
    multi.active -= 1;
    multi.completed -= (instance.loopIndex ?? 0) - entry.loopIndex!;
    multi.next = entry.loopIndex!;
    x.writableVars(ms).nrOfCompletedInstances = multi.completed;
    startLoopInstance(x, ms, target, entry.loopIndex!, { type: 'user', value: entry.actor! });
    return;
  }

  const entry = [...x.state.history]
    .reverse()
    .find((h) => h.elementId === cmd.target && h.taskId !== undefined && ancestors.includes(h.scopes[0]));
  if (!entry || cmd.target === task.elementId) {
    throw new EngineError('SEND_BACK_TARGET_INVALID', `不能退回到“${target.name}”：该环节不是本事项已办理过的前序环节`, { target: cmd.target });
  }
  record(x, cmd, task, target.name);
  const scopeId = entry.scopes[0];
  const downstream = reachableFrom(x, cmd.target);
  // Cancel what runs after the target in its scope, including the step being sent back from.
  for (const t of Object.values(x.state.tokens)) {
    if (t.scopeId === scopeId && downstream.has(t.elementId)) x.cancelToken(t, '退回');
  }
  const holder = holderIn(x, tok, scopeId);
  if (holder) x.cancelToken(holder, '退回');
  const inner = x.state.scopes[scopeId]?.loopIndex !== undefined && x.state.scopes[scopeId]?.elementId === cmd.target;
  x.enter(cmd.target, scopeId, undefined, {
    inner,
    assignment: target.multi && !inner ? undefined : { type: 'user', value: entry.actor! },
  });
}

function record(x: Execution, cmd: Cmd<'sendBack'>, task: TaskState, targetName: string): void {
  x.audit('task.sentBack', {
    actor: cmd.actor,
    elementId: task.elementId,
    taskId: task.id,
    opinion: cmd.opinion,
    data: { target: cmd.target, targetName },
  });
}

// The token in `scopeId` that (directly or through nested scopes) holds `tok`.
function holderIn(x: Execution, tok: TokenState, scopeId: string): TokenState | undefined {
  let cur: TokenState | undefined = tok;
  while (cur && cur.scopeId !== scopeId) {
    const scope: ScopeState | undefined = x.state.scopes[cur.scopeId];
    if (!scope) return undefined;
    const hostScope: ScopeState | undefined = scope.parentTokenId ? scope : scope.parentScopeId ? x.state.scopes[scope.parentScopeId] : undefined;
    cur = hostScope?.parentTokenId ? x.state.tokens[hostScope.parentTokenId] : undefined;
  }
  return cur;
}

function reachableFrom(x: Execution, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const el = x.model.elements[id];
    if (!el) continue;
    for (const f of el.outgoing) queue.push(x.model.flows[f].target);
    for (const b of el.boundary ?? []) queue.push(b);
  }
  return seen;
}

/** 撤回: the actor of a completed step takes it back while the next steps are untouched. */
export function withdraw(x: Execution, cmd: Cmd<'withdraw'>): void {
  const entry = [...x.state.history].reverse().find((h) => h.taskId === cmd.taskId);
  const refuse = (why: string) => {
    throw new EngineError('WITHDRAW_NOT_ALLOWED', `无法撤回：${why}`, { taskId: cmd.taskId });
  };
  if (!entry) return refuse('没有找到该办理记录');
  if (entry.actor !== cmd.actor.id) return refuse('只能撤回本人办理的事项');
  if (x.state.status !== 'running') return refuse('事项已办结或已终止');
  if (!x.state.scopes[entry.scopes[0]]) return refuse('流程已流转到下一阶段');
  if (x.state.history.some((h) => h.origin === entry.seq)) return refuse('下一环节已经办理');
  const created = Object.values(x.state.tokens).filter((t) => t.origin === entry.seq);
  if (created.length === 0) return refuse('流程已流转到下一阶段');
  if (created.some((t) => t.wait === 'child' || t.wait === 'service')) return refuse('下一环节已自动执行');
  const createdIds = new Set(created.map((t) => t.id));
  if (Object.values(x.state.tasks).some((t) => createdIds.has(t.tokenId) && t.touched)) return refuse('下一环节已经开始办理');
  for (const t of created) x.cancelToken(t, '撤回');
  x.audit('task.withdrawn', { actor: cmd.actor, elementId: entry.elementId, taskId: entry.taskId, opinion: cmd.opinion });
  const scope = x.state.scopes[entry.scopes[0]];
  const inner = scope.loopIndex !== undefined && scope.elementId === entry.elementId;
  x.enter(entry.elementId, scope.id, undefined, { inner, assignment: { type: 'user', value: entry.actor! } });
}

/** 转办: hand an open task to someone else. */
export function reassign(x: Execution, cmd: Cmd<'reassign'>): void {
  const task = taskOf(x, cmd.taskId);
  task.touched = true;
  const from = task.assignment;
  task.assignment = cmd.to;
  delete task.owner;
  delete task.delegatedTo;
  x.emit({ type: 'task.updated', task: { ...task }, change: 'reassigned' });
  x.audit('task.reassigned', { actor: cmd.actor, elementId: task.elementId, taskId: task.id, opinion: cmd.opinion, data: { from, to: cmd.to } });
}

/** 委派: let someone do the work; the task returns to the owner when they finish. */
export function delegate(x: Execution, cmd: Cmd<'delegate'>): void {
  const task = taskOf(x, cmd.taskId);
  task.touched = true;
  if (task.delegatedTo) throw new EngineError('ALREADY_DELEGATED', '该任务已委派，待被委派人办理后才能再次委派', { taskId: task.id });
  task.owner = task.assignment;
  task.delegatedTo = cmd.to;
  task.assignment = cmd.to;
  x.emit({ type: 'task.updated', task: { ...task }, change: 'delegated' });
  x.audit('task.delegated', { actor: cmd.actor, elementId: task.elementId, taskId: task.id, opinion: cmd.opinion, data: { to: cmd.to } });
}

/** 加签: add a signer before (they sign first, then it comes back) or after this one. */
export function addSigner(x: Execution, cmd: Cmd<'addSigner'>): void {
  const task = taskOf(x, cmd.taskId);
  task.touched = true;
  const el = x.element(task.elementId);
  const tok = tokenOf(x, task);
  if (cmd.position === 'before') {
    task.suspended = true;
    x.emit({ type: 'task.updated', task: { ...task }, change: 'suspended' });
    x.createTask(tok, el, { assignment: cmd.signer, kind: 'addsign-before', parentTaskId: task.id });
  } else {
    task.addAfter = [...(task.addAfter ?? []), cmd.signer];
    x.emit({ type: 'task.updated', task: { ...task }, change: 'reassigned' });
  }
  x.audit('task.signerAdded', {
    actor: cmd.actor,
    elementId: task.elementId,
    taskId: task.id,
    opinion: cmd.opinion,
    data: { signer: cmd.signer, position: cmd.position },
  });
}


/** 催办: urge the handler; logged with its method. */
export function urge(x: Execution, cmd: Cmd<'urge'>): void {
  const task = taskOf(x, cmd.taskId);
  if (!isKeyOf(URGE_METHODS, cmd.method)) throw new EngineError('BAD_URGE_METHOD', '催办方式应为电话、催办通知、派人催办或系统提醒', { method: cmd.method });
  task.urges += 1;
  x.emit({ type: 'task.updated', task: { ...task }, change: 'urged' });
  x.emit({ type: 'notify', reason: 'urge', taskId: task.id, method: cmd.method, note: cmd.note });
  x.audit('task.urged', {
    actor: cmd.actor,
    elementId: task.elementId,
    taskId: task.id,
    opinion: cmd.note,
    data: { method: cmd.method, methodName: URGE_METHODS[cmd.method], count: task.urges },
  });
}

/** 延期: move a task's due date; reminders and warning thresholds move with it; both dates are kept. */
export function extend(x: Execution, cmd: Cmd<'extend'>): void {
  const task = taskOf(x, cmd.taskId);
  if (!cmd.reason?.trim()) throw new EngineError('REASON_REQUIRED', '延期必须写明理由', { taskId: task.id });
  const el = x.element(task.elementId);
  let dueAt: number;
  let dueDate: string;
  if (isDateString(cmd.newDue)) {
    dueDate = cmd.newDue;
    dueAt = endOfDay(cmd.newDue);
  } else {
    dueAt = x.shiftAfter(task.dueAt ?? x.now, cmd.newDue);
    dueDate = toLocalDate(dueAt);
  }
  if (task.dueAt !== undefined && dueAt <= task.dueAt) {
    throw new EngineError('EXTEND_NOT_LATER', `新的办理期限 ${dueDate} 应晚于原期限 ${task.dueDate}`, { taskId: task.id });
  }
  const previous = task.dueDate;
  if (task.dueDate !== undefined) task.originalDueDate ??= task.dueDate;
  task.dueDate = dueDate;
  task.dueAt = dueAt;
  task.provisional = x.calendar.isProvisional(dueDate) || undefined;
  if (!task.provisional) delete task.provisional;
  x.cancelTaskTimers(task.id);
  if (el.due) x.scheduleDeadline(task, el);
  else x.schedule('overdue', dueAt, el.id, { taskId: task.id, tokenId: task.tokenId });
  x.emit({ type: 'task.updated', task: { ...task }, change: 'extended' });
  x.audit('task.extended', {
    actor: cmd.actor,
    elementId: task.elementId,
    taskId: task.id,
    opinion: cmd.reason,
    data: { from: previous, to: dueDate, original: task.originalDueDate },
  });
}

/** A timer fired: deadlines warn and remind; boundary and catch timers move tokens. */
export function fireTimer(x: Execution, cmd: Cmd<'fireTimer'>): void {
  const timer = x.state.timers[cmd.timerId];
  if (!timer) return; // already fired or cancelled: firing is idempotent
  delete x.state.timers[timer.id];
  switch (timer.kind) {
    case 'overdue': {
      if (timer.taskId) {
        const task = x.state.tasks[timer.taskId];
        x.emit({ type: 'notify', reason: 'overdue', taskId: timer.taskId });
        x.audit('task.overdue', { elementId: timer.elementId, taskId: timer.taskId, data: { dueDate: task?.dueDate } });
        const every = x.model.elements[timer.elementId]?.due?.remindEvery;
        if (task && every) {
          x.schedule('remind', x.shiftAfter(timer.fireAt, every), timer.elementId, { taskId: task.id, tokenId: task.tokenId, interval: every, repeat: -1 });
        }
      } else {
        x.audit('activity.overdue', { elementId: timer.elementId, data: { tokenId: timer.tokenId } });
      }
      return;
    }
    case 'warn':
    case 'remind': {
      if (!timer.taskId) return;
      x.emit({ type: 'notify', reason: timer.kind, taskId: timer.taskId });
      x.audit(timer.kind === 'warn' ? 'task.dueSoon' : 'task.reminded', { elementId: timer.elementId, taskId: timer.taskId });
      if (timer.interval && timer.repeat !== 0) {
        x.schedule('remind', x.shiftAfter(timer.fireAt, timer.interval), timer.elementId, {
          taskId: timer.taskId,
          tokenId: timer.tokenId,
          interval: timer.interval,
          repeat: timer.repeat! > 0 ? timer.repeat! - 1 : -1,
        });
      }
      return;
    }
    case 'boundary': {
      const host = timer.tokenId ? x.state.tokens[timer.tokenId] : undefined;
      if (!host) return;
      const b = x.element(timer.elementId);
      if (b.cancelActivity === false && timer.interval && timer.repeat !== 0) {
        x.schedule('boundary', x.shiftAfter(timer.fireAt, timer.interval), timer.elementId, {
          tokenId: host.id,
          interval: timer.interval,
          repeat: timer.repeat! > 0 ? timer.repeat! - 1 : -1,
        });
      }
      x.fireBoundary(host, timer.elementId);
      return;
    }
    case 'catch': {
      const tok = timer.tokenId ? x.state.tokens[timer.tokenId] : undefined;
      if (!tok) return;
      x.audit('timer.fired', { elementId: timer.elementId, data: { timerId: timer.id, dueAt: timer.fireAt } });
      triggerCatch(x, tok, timer.elementId);
      return;
    }
  }
}

/** A message or signal from outside: a message wakes the first waiting catch, a signal every one. */
export function deliver(x: Execution, kind: 'message' | 'signal', name: string, vars?: Record<string, unknown>, tokenId?: string, actor?: Actor): void {
  const subs = Object.values(x.state.subs).filter((s) => s.kind === kind && s.name === name && (!tokenId || s.tokenId === tokenId));
  if (subs.length === 0) {
    throw new EngineError('NO_SUBSCRIBER', `事项当前没有等待“${name}”的环节`, { name });
  }
  for (const sub of kind === 'message' ? subs.slice(0, 1) : subs) {
    if (!x.state.subs[sub.id]) continue;
    const tok = x.state.tokens[sub.tokenId];
    if (!tok) continue;
    const el = x.element(sub.elementId);
    if (el.type === 'boundaryEvent') {
      // An interrupting boundary cancels its activity, which closes (and announces) every subscription it held.
      x.fireBoundary(tok, sub.elementId, vars);
    } else {
      x.audit(kind === 'message' ? 'message.received' : 'signal.received', { actor, elementId: sub.elementId, data: { name } });
      triggerCatch(x, tok, sub.elementId, vars);
    }
  }
}

/** A service action finished (or failed with a business error). */
export function serviceDone(x: Execution, tokenId: string, vars?: Record<string, unknown>): void {
  const tok = x.state.tokens[tokenId];
  if (!tok || tok.wait !== 'service') throw new EngineError('SERVICE_NOT_WAITING', `没有等待中的自动环节 <${tokenId}>`, { tokenId });
  x.setVars(tok.scopeId, vars);
  x.state.history.push({
    elementId: tok.elementId,
    scopeId: tok.scopeId,
    scopes: x.scopeChain(tok.scopeId),
    at: x.now,
    seq: x.state.seq,
    origin: tok.origin,
  });
  x.completeActivity(tok);
}

/** A child instance of a call activity ended; its output variables come back. */
export function childDone(x: Execution, cmd: Cmd<'childDone'>): void {
  const tok = x.state.tokens[cmd.tokenId];
  if (!tok || tok.wait !== 'child' || tok.childId !== cmd.childId) {
    throw new EngineError('CHILD_NOT_WAITING', `没有等待子事项 <${cmd.childId}> 的环节`, { childId: cmd.childId });
  }
  const el = x.element(tok.elementId);
  const out: Record<string, unknown> = {};
  for (const name of el.outputs ?? []) if (cmd.vars && Object.prototype.hasOwnProperty.call(cmd.vars, name)) setOwn(out, name, cmd.vars[name]);
  x.setVars(tok.scopeId, out);
  x.state.history.push({
    elementId: tok.elementId,
    scopeId: tok.scopeId,
    scopes: x.scopeChain(tok.scopeId),
    at: x.now,
    seq: x.state.seq,
    origin: tok.origin,
  });
  x.completeActivity(tok);
}
