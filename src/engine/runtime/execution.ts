import { EngineError } from '../errors';
import { evalCondition, resolveValue } from '../expressions/feel';
import type {
  Actor,
  Assignment,
  Calendar,
  Effect,
  ElementModel,
  InstanceState,
  ProcessModel,
  ScopeState,
  TaskKind,
  TaskState,
  TimerKind,
  TimerState,
  TokenState,
} from '../types';
import { computeDue, shiftBefore, shiftAfter, timerSchedule } from './deadlines';
import { instanceDone, startMulti } from './multi';
import { exclusiveFlows, join } from './gateways';
import { catchEvent, endEvent, eventGateway } from './events';


// Moves allowed in one step: a diagram's longest wait-free path is bounded by its size, so anything far beyond is a loop.
const BASE_MOVES = 20_000;
const moveLimits = new WeakMap<ProcessModel, number>();

function moveLimit(model: ProcessModel): number {
  let limit = moveLimits.get(model);
  if (limit === undefined) {
    limit = BASE_MOVES + 4 * Object.keys(model.elements).length;
    moveLimits.set(model, limit);
  }
  return limit;
}

/**
 * Set an own property, whatever its name: assigning `__proto__` would replace the object's
 * prototype instead. State stays plain JSON objects; variables are always read as own properties.
 */
export function setOwn(target: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
}

/** A token entered at an element, waiting for its turn on the work list. */
interface Arrival {
  tok: TokenState;
  el: ElementModel;
  viaFlow?: string;
  assignment?: Assignment;
}

/**
 * One step of execution: a mutable working copy of an instance's state plus the
 * effects produced so far. Token movement, scopes, multi-instance, gateways,
 * events and tasks live here; the OA operations are in ./operations.
 */
export class Execution {
  readonly effects: Effect[] = [];
  private moves = 0;
  private readonly ownVars = new Set<string>();
  // Arrivals made while an element executes; null when no work list is being drained.
  private arrivals: Arrival[] | null = null;

  constructor(
    readonly model: ProcessModel,
    readonly state: InstanceState,
    readonly now: number,
    readonly calendar: Calendar,
  ) {}

  // ------------------------------------------------------------ basics

  /** A new id, unique within the instance. */
  newId(prefix: string): string {
    this.state.ids += 1;
    return `${this.state.id}.${prefix}${this.state.ids}`;
  }

  /** Append an effect. */
  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  /** Append an audit record. */
  audit(action: string, fields: Omit<Extract<Effect, { type: 'audit' }>, 'type' | 'action'> = {}): void {
    this.effects.push({ type: 'audit', action, ...fields });
  }

  /** The element model, or an error naming the id. */
  element(id: string): ElementModel {
    const el = this.model.elements[id];
    if (!el) throw new EngineError('UNKNOWN_ELEMENT', `流程中没有环节 <${id}>`, { elementId: id });
    return el;
  }

  /** The variables visible in a scope: its own over its parents'. */
  vars(scopeId: string): Record<string, unknown> {
    const chain: ScopeState[] = [];
    for (let s: ScopeState | undefined = this.state.scopes[scopeId]; s; s = s.parentScopeId ? this.state.scopes[s.parentScopeId] : undefined) {
      chain.push(s);
    }
    if (chain.length === 1) return chain[0].vars;
    const out: Record<string, unknown> = {};
    for (let i = chain.length - 1; i >= 0; i--) for (const [name, value] of Object.entries(chain[i].vars)) setOwn(out, name, value);
    return out;
  }

  /** Write variables: to the nearest scope defining each, else the nearest multi-instance scope, else the process. */
  setVars(scopeId: string, vars: Record<string, unknown> | undefined): void {
    if (!vars) return;
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) continue;
      let target: ScopeState | undefined;
      let fallback: ScopeState | undefined;
      for (let s: ScopeState | undefined = this.state.scopes[scopeId]; s; s = s.parentScopeId ? this.state.scopes[s.parentScopeId] : undefined) {
        if (Object.prototype.hasOwnProperty.call(s.vars, name)) {
          target = s;
          break;
        }
        if (!fallback && s.loopIndex !== undefined) fallback = s;
        if (!s.parentScopeId && !fallback) fallback = s;
      }
      setOwn(this.writableVars(target ?? fallback ?? this.root()), name, value);
    }
  }

  /**
   * A scope's variables, safe to change: the state copy of a step shares variable
   * objects with the input state, so a scope's variables are copied on first write.
   */
  writableVars(scope: ScopeState): Record<string, unknown> {
    if (!this.ownVars.has(scope.id)) {
      scope.vars = { ...scope.vars };
      this.ownVars.add(scope.id);
    }
    return scope.vars;
  }

  /** The process scope. */
  root(): ScopeState {
    return this.state.scopes[this.rootScopeId()];
  }

  /** Id of the process scope. */
  rootScopeId(): string {
    return this.state.id;
  }

  /** The scope chain from a scope to the process, innermost first. */
  scopeChain(scopeId: string): string[] {
    const out: string[] = [];
    for (let s: ScopeState | undefined = this.state.scopes[scopeId]; s; s = s.parentScopeId ? this.state.scopes[s.parentScopeId] : undefined) {
      out.push(s.id);
    }
    return out;
  }

  // ------------------------------------------------------------ tokens

  /**
   * Create a token at an element and execute the element. Token moves run on an explicit
   * work list, depth first in diagram order, so a long chain of gateways never deepens the stack.
   */
  enter(elementId: string, scopeId: string, viaFlow?: string, opts: { inner?: boolean; assignment?: Assignment } = {}): TokenState {
    if (++this.moves > moveLimit(this.model)) {
      throw new EngineError('ENDLESS_LOOP', '流程出现无等待环节的死循环，已停止执行', { elementId });
    }
    const el = this.element(elementId);
    const tok: TokenState = { id: this.newId('k'), elementId, scopeId, wait: 'task', origin: this.state.seq };
    if (opts.inner) tok.inner = true;
    this.state.tokens[tok.id] = tok;
    const arrival: Arrival = { tok, el, viaFlow, assignment: opts.assignment };
    if (this.arrivals) {
      this.arrivals.push(arrival);
      return tok;
    }
    this.drain(arrival);
    return tok;
  }

  private drain(first: Arrival): void {
    const stack: Arrival[] = [first];
    try {
      while (stack.length > 0) {
        const { tok, el, viaFlow, assignment } = stack.pop()!;
        // A token cancelled (or an instance ended) before its turn does not run.
        if (this.state.tokens[tok.id] !== tok || this.state.status !== 'running') continue;
        const made: Arrival[] = [];
        this.arrivals = made;
        this.activate(tok, el, viaFlow, assignment);
        for (let i = made.length - 1; i >= 0; i--) stack.push(made[i]);
      }
    } finally {
      this.arrivals = null;
    }
  }

  private activate(tok: TokenState, el: ElementModel, viaFlow: string | undefined, assignment?: Assignment): void {
    switch (el.type) {
      case 'startEvent':
      case 'intermediateThrowEvent':
        return this.leave(tok);
      case 'endEvent':
        return endEvent(this, tok, el);
      case 'userTask':
      case 'serviceTask':
      case 'callActivity':
      case 'subProcess':
        if (el.multi && !tok.inner) return startMulti(this, tok, el);
        return this.startActivity(tok, el, assignment);
      case 'exclusiveGateway':
        return this.take(tok, exclusiveFlows(this, el, tok.scopeId));
      case 'parallelGateway':
        return join(this, tok, el, viaFlow, false);
      case 'inclusiveGateway':
        return join(this, tok, el, viaFlow, true);
      case 'eventBasedGateway':
        return eventGateway(this, tok, el);
      case 'intermediateCatchEvent':
        return catchEvent(this, tok, el);
      default:
        throw new EngineError('UNSUPPORTED_ELEMENT', `环节“${el.name}”的类型不能由流程到达`, { elementId: el.id });
    }
  }

  /** Move a token out of its element along its outgoing flows (conditions honoured). */
  leave(tok: TokenState): void {
    const el = this.element(tok.elementId);
    this.removeToken(tok);
    if (el.outgoing.length === 0) {
      this.checkScope(tok.scopeId);
      return;
    }
    const vars = this.vars(tok.scopeId);
    const flows = el.outgoing.filter((id) => {
      const f = this.model.flows[id];
      return !f.condition || evalCondition(f.condition, vars);
    });
    if (flows.length === 0) {
      throw new EngineError('NO_PATH', `环节“${el.name}”之后没有满足条件的连线`, { elementId: el.id });
    }
    for (const id of flows) this.enter(this.model.flows[id].target, tok.scopeId, id);
  }

  take(tok: TokenState, flows: string[]): void {
    this.removeToken(tok);
    for (const id of flows) this.enter(this.model.flows[id].target, tok.scopeId, id);
  }

  /** Remove a token without side effects on its scope. */
  removeToken(tok: TokenState): void {
    delete this.state.tokens[tok.id];
  }

  /** Complete a scope when its last token is gone. */
  checkScope(scopeId: string): void {
    const scope = this.state.scopes[scopeId];
    if (!scope) return;
    for (const t of Object.values(this.state.tokens)) if (t.scopeId === scopeId) return;
    this.completeScope(scope);
  }

  completeScope(scope: ScopeState): void {
    if (scope.parentScopeId === null) {
      if (this.state.status !== 'running') return;
      this.state.status = 'completed';
      this.state.endedAt = this.now;
      for (const timer of Object.values(this.state.timers)) this.cancelTimer(timer.id);
      this.emit({ type: 'instance.completed' });
      this.audit('instance.completed');
      return;
    }
    delete this.state.scopes[scope.id];
    const host = scope.parentTokenId ? this.state.tokens[scope.parentTokenId] : undefined;
    if (host) this.completeActivity(host);
  }

  // ------------------------------------------------------------ activities

  startActivity(tok: TokenState, el: ElementModel, assignment?: Assignment): void {
    if (!el.multi) this.attachBoundary(tok, el);
    switch (el.type) {
      case 'userTask':
        this.createTask(tok, el, { assignment });
        return;
      case 'serviceTask': {
        tok.wait = 'service';
        const vars = this.vars(tok.scopeId);
        const params: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(el.params ?? {})) setOwn(params, k, resolveValue(v, vars));
        this.emit({ type: 'service.requested', tokenId: tok.id, elementId: el.id, action: el.action!, params });
        return;
      }
      case 'callActivity': {
        tok.wait = 'child';
        this.applyTokenDue(tok, el);
        const vars = this.vars(tok.scopeId);
        const childVars: Record<string, unknown> = {};
        for (const name of el.inputs ?? []) setOwn(childVars, name, Object.prototype.hasOwnProperty.call(vars, name) ? (vars[name] ?? null) : null);
        if (el.multi && Object.prototype.hasOwnProperty.call(vars, el.multi.elementVariable)) setOwn(childVars, el.multi.elementVariable, vars[el.multi.elementVariable]);
        if (tok.dueDate) childVars.deadline ??= tok.dueDate;
        tok.childId = this.newId('c');
        this.emit({ type: 'child.started', tokenId: tok.id, childId: tok.childId, processKey: el.calledElement!, vars: childVars });
        return;
      }
      case 'subProcess': {
        tok.wait = 'scope';
        this.applyTokenDue(tok, el);
        const scope: ScopeState = { id: this.newId('s'), elementId: el.id, parentScopeId: tok.scopeId, parentTokenId: tok.id, vars: {} };
        this.state.scopes[scope.id] = scope;
        if (!el.start) throw new EngineError('NO_START', `子流程“${el.name}”缺少开始事件`, { elementId: el.id });
        this.enter(el.start, scope.id);
        return;
      }
    }
  }

  /** An activity finished its work: cancel what waited on it and move on. */
  completeActivity(tok: TokenState): void {
    this.detach(tok);
    if (tok.inner) instanceDone(this, tok);
    else this.leave(tok);
  }

  private applyTokenDue(tok: TokenState, el: ElementModel): void {
    if (!el.due) return;
    const due = computeDue(el.due, this.now, this.vars(tok.scopeId), this.calendar);
    tok.dueDate = due.dueDate;
    tok.dueAt = due.dueAt;
    this.schedule('overdue', due.dueAt, el.id, { tokenId: tok.id });
  }

  // ------------------------------------------------------------ tasks

  /** Create a user task for a token; the assignment comes from the diagram unless overridden. */
  createTask(
    tok: TokenState,
    el: ElementModel,
    opts: { assignment?: Assignment; kind?: TaskKind; parentTaskId?: string } = {},
  ): TaskState {
    tok.wait = 'task';
    const scope = this.state.scopes[tok.scopeId];
    const task: TaskState = {
      id: this.newId('t'),
      elementId: el.id,
      tokenId: tok.id,
      kind: opts.kind ?? 'normal',
      assignment: opts.assignment ?? this.evalAssignment(el, tok.scopeId),
      createdAt: this.now,
      urges: 0,
      origin: this.state.seq,
    };
    if (opts.parentTaskId) task.parentTaskId = opts.parentTaskId;
    if (scope?.loopIndex !== undefined) task.loopIndex = scope.loopIndex;
    this.state.tasks[task.id] = task;
    if (el.due && task.kind === 'normal') {
      const due = computeDue(el.due, this.now, this.vars(tok.scopeId), this.calendar);
      task.dueDate = due.dueDate;
      task.dueAt = due.dueAt;
      if (due.provisional) task.provisional = true;
      this.scheduleDeadline(task, el);
    }
    this.emit({ type: 'task.created', task: { ...task }, name: el.name, formKey: el.formKey });
    return task;
  }

  /** Schedule the overdue, warning and reminder timers of a task from its due date. */
  scheduleDeadline(task: TaskState, el: ElementModel): void {
    if (task.dueAt === undefined || !task.dueDate || !el.due) return;
    this.schedule('overdue', task.dueAt, el.id, { taskId: task.id, tokenId: task.tokenId });
    if (el.due.warn) {
      task.warnAt = shiftBefore(task.dueDate, el.due.warn, this.calendar);
      if (task.warnAt > this.now) this.schedule('warn', task.warnAt, el.id, { taskId: task.id, tokenId: task.tokenId });
    } else {
      delete task.warnAt;
    }
    if (el.due.remindBefore) {
      const at = shiftBefore(task.dueDate, el.due.remindBefore, this.calendar);
      if (at > this.now) this.schedule('remind', at, el.id, { taskId: task.id, tokenId: task.tokenId });
    }
  }

  /** Cancel every deadline timer of a task. */
  cancelTaskTimers(taskId: string): void {
    for (const t of Object.values(this.state.timers)) if (t.taskId === taskId) this.cancelTimer(t.id);
  }

  private evalAssignment(el: ElementModel, scopeId: string): Assignment {
    const a = el.assignment;
    if (!a) throw new EngineError('NO_ASSIGNEE', `环节“${el.name}”未指定办理人`, { elementId: el.id });
    const vars = this.vars(scopeId);
    const value = resolveValue(a.value, vars);
    if (value === null || value === undefined || value === '') {
      throw new EngineError('ASSIGNEE_EMPTY', `环节“${el.name}”的办理人表达式“${a.value}”没有结果`, { elementId: el.id });
    }
    const out: Assignment = { type: a.type, value: Array.isArray(value) ? value.join(',') : String(value) };
    if (a.scope) {
      const scope = resolveValue(a.scope, vars);
      if (scope !== null && scope !== undefined && scope !== '') out.scope = String(scope);
    }
    return out;
  }

  /** Close a task: remove it and its timers. */
  closeTask(task: TaskState): void {
    delete this.state.tasks[task.id];
    this.cancelTaskTimers(task.id);
  }

  // ------------------------------------------------------------ timers and subscriptions

  /** Schedule a timer and announce it. */
  schedule(kind: TimerKind, fireAt: number, elementId: string, extra: Partial<TimerState> = {}): TimerState {
    const timer: TimerState = { id: this.newId('m'), kind, fireAt, elementId, ...extra };
    this.state.timers[timer.id] = timer;
    this.emit({ type: 'timer.scheduled', timer: { ...timer } });
    return timer;
  }

  /** Cancel a timer and announce it. */
  cancelTimer(id: string): void {
    if (!this.state.timers[id]) return;
    delete this.state.timers[id];
    this.emit({ type: 'timer.cancelled', timerId: id });
  }

  subscribe(kind: 'message' | 'signal', name: string, tokenId: string, elementId: string): void {
    const id = this.newId('e');
    this.state.subs[id] = { id, kind, name, tokenId, elementId };
    this.emit({ type: 'subscription.opened', kind, name, tokenId });
  }

  /** Close every subscription held by a token. */
  unsubscribe(tokenId: string): void {
    for (const s of Object.values(this.state.subs)) {
      if (s.tokenId !== tokenId) continue;
      delete this.state.subs[s.id];
      this.emit({ type: 'subscription.closed', kind: s.kind, name: s.name, tokenId });
    }
  }

  attachBoundary(tok: TokenState, el: ElementModel): void {
    for (const bid of el.boundary ?? []) {
      const b = this.element(bid);
      if (b.eventKind === 'timer' && b.timer) {
        const s = timerSchedule(b.timer, this.now, this.vars(tok.scopeId), this.calendar);
        // Only cycles carry repeat/interval: no undefined-valued keys in the JSON state.
        this.schedule('boundary', s.at, bid, s.interval ? { tokenId: tok.id, repeat: s.repeat, interval: s.interval } : { tokenId: tok.id });
      } else if (b.eventKind === 'message' && b.messageName) {
        this.subscribe('message', b.messageName, tok.id, bid);
      } else if (b.eventKind === 'signal' && b.signalName) {
        this.subscribe('signal', b.signalName, tok.id, bid);
      }
    }
  }

  /** Drop the timers and subscriptions a token holds. */
  detach(tok: TokenState): void {
    for (const t of Object.values(this.state.timers)) if (t.tokenId === tok.id) this.cancelTimer(t.id);
    this.unsubscribe(tok.id);
  }

  /** A boundary event fires on the activity held by `host`. */
  fireBoundary(host: TokenState, boundaryId: string, vars?: Record<string, unknown>): void {
    const b = this.element(boundaryId);
    this.setVars(host.scopeId, vars);
    this.audit('boundary', { elementId: boundaryId, data: { activity: host.elementId, interrupting: b.cancelActivity !== false } });
    if (b.cancelActivity !== false) this.cancelToken(host, `边界事件“${b.name}”中断`);
    const tok: TokenState = { id: this.newId('k'), elementId: boundaryId, scopeId: host.scopeId, wait: 'task', origin: this.state.seq };
    this.state.tokens[tok.id] = tok;
    this.leave(tok);
  }

  // ------------------------------------------------------------ cancellation

  /** Cancel a token with everything it holds: tasks, timers, subscriptions, nested scopes and child instances. */
  cancelToken(tok: TokenState, reason: string): void {
    if (!this.state.tokens[tok.id]) return;
    for (const task of Object.values(this.state.tasks)) {
      if (task.tokenId !== tok.id) continue;
      this.closeTask(task);
      this.emit({ type: 'task.cancelled', taskId: task.id, elementId: task.elementId, reason });
    }
    this.detach(tok);
    if (tok.wait === 'child' && tok.childId) this.emit({ type: 'child.cancelled', tokenId: tok.id, childId: tok.childId });
    if (tok.wait === 'join') {
      for (const [key, j] of Object.entries(this.state.joins)) {
        const i = j.tokens.indexOf(tok.id);
        if (i < 0) continue;
        j.tokens.splice(i, 1);
        j.flows.splice(i, 1);
        if (j.tokens.length === 0) delete this.state.joins[key];
      }
    }
    for (const s of Object.values(this.state.scopes)) if (s.parentTokenId === tok.id) this.cancelScope(s.id, reason);
    delete this.state.tokens[tok.id];
  }

  /** Cancel a scope and everything inside it. */
  cancelScope(scopeId: string, reason: string): void {
    for (const t of Object.values(this.state.tokens)) if (t.scopeId === scopeId) this.cancelToken(t, reason);
    for (const s of Object.values(this.state.scopes)) if (s.parentScopeId === scopeId) this.cancelScope(s.id, reason);
    if (this.state.scopes[scopeId]?.parentScopeId !== null) delete this.state.scopes[scopeId];
  }

  /** End the instance, cancelling everything. */
  terminate(reason: string, actor?: Actor): void {
    if (this.state.status !== 'running') return;
    this.cancelScope(this.rootScopeId(), reason);
    for (const timer of Object.values(this.state.timers)) this.cancelTimer(timer.id);
    this.state.status = 'terminated';
    this.state.endedAt = this.now;
    this.emit({ type: 'instance.terminated', reason });
    this.audit('instance.terminated', { actor, opinion: reason });
  }

  /** Extend a task's due date by a duration after the current one. */
  shiftAfter(ms: number, spec: string): number {
    return shiftAfter(ms, spec, this.calendar);
  }
}
