import { EngineError } from '../errors';
import { evalCondition, evalFeel, resolveValue } from '../expressions/feel';
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

const MAX_MOVES = 20_000;

/**
 * One step of execution: a mutable working copy of an instance's state plus the
 * effects produced so far. Token movement, scopes, multi-instance, gateways,
 * events and tasks live here; the OA operations are in ./operations.
 */
export class Execution {
  readonly effects: Effect[] = [];
  private moves = 0;
  private readonly ownVars = new Set<string>();

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
    for (let i = chain.length - 1; i >= 0; i--) Object.assign(out, chain[i].vars);
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
      this.writableVars(target ?? fallback ?? this.root())[name] = value;
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

  /** Create a token at an element and execute the element. */
  enter(elementId: string, scopeId: string, viaFlow?: string, opts: { inner?: boolean; assignment?: Assignment } = {}): TokenState {
    if (++this.moves > MAX_MOVES) {
      throw new EngineError('ENDLESS_LOOP', '流程出现无等待环节的死循环，已停止执行', { elementId });
    }
    const tok: TokenState = { id: this.newId('k'), elementId, scopeId, wait: 'task', origin: this.state.seq };
    if (opts.inner) tok.inner = true;
    this.state.tokens[tok.id] = tok;
    this.activate(tok, this.element(elementId), viaFlow, opts.assignment);
    return tok;
  }

  private activate(tok: TokenState, el: ElementModel, viaFlow: string | undefined, assignment?: Assignment): void {
    switch (el.type) {
      case 'startEvent':
      case 'intermediateThrowEvent':
        return this.leave(tok);
      case 'endEvent':
        return this.endEvent(tok, el);
      case 'userTask':
      case 'serviceTask':
      case 'callActivity':
      case 'subProcess':
        if (el.multi && !tok.inner) return this.startMulti(tok, el);
        return this.startActivity(tok, el, assignment);
      case 'exclusiveGateway':
        return this.take(tok, this.exclusiveFlows(el, tok.scopeId));
      case 'parallelGateway':
        return this.join(tok, el, viaFlow, false);
      case 'inclusiveGateway':
        return this.join(tok, el, viaFlow, true);
      case 'eventBasedGateway':
        return this.eventGateway(tok, el);
      case 'intermediateCatchEvent':
        return this.catchEvent(tok, el);
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

  private take(tok: TokenState, flows: string[]): void {
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

  private completeScope(scope: ScopeState): void {
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

  private startActivity(tok: TokenState, el: ElementModel, assignment?: Assignment): void {
    if (!el.multi) this.attachBoundary(tok, el);
    switch (el.type) {
      case 'userTask':
        this.createTask(tok, el, { assignment });
        return;
      case 'serviceTask': {
        tok.wait = 'service';
        const vars = this.vars(tok.scopeId);
        const params: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(el.params ?? {})) params[k] = resolveValue(v, vars);
        this.emit({ type: 'service.requested', tokenId: tok.id, elementId: el.id, action: el.action!, params });
        return;
      }
      case 'callActivity': {
        tok.wait = 'child';
        this.applyTokenDue(tok, el);
        const vars = this.vars(tok.scopeId);
        const childVars: Record<string, unknown> = {};
        for (const name of el.inputs ?? []) childVars[name] = vars[name] ?? null;
        if (el.multi) childVars[el.multi.elementVariable] = vars[el.multi.elementVariable];
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
    if (tok.inner) this.instanceDone(tok);
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

  private subscribe(kind: 'message' | 'signal', name: string, tokenId: string, elementId: string): void {
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

  private attachBoundary(tok: TokenState, el: ElementModel): void {
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

  // ------------------------------------------------------------ multi-instance

  private startMulti(tok: TokenState, el: ElementModel): void {
    const m = el.multi!;
    const items = evalFeel(m.collection, this.vars(tok.scopeId));
    if (!Array.isArray(items)) {
      throw new EngineError('MULTI_NOT_LIST', `环节“${el.name}”的多实例集合“${m.collection}”不是列表`, { elementId: el.id });
    }
    tok.wait = 'multi';
    this.attachBoundary(tok, el);
    // `<out>List` holds one entry per item, in the order of the items, fresh on every run of the step.
    for (const name of el.outputs ?? []) this.setVars(tok.scopeId, { [`${name}List`]: items.map(() => null) });
    if (items.length === 0) {
      this.completeActivity(tok);
      return;
    }
    const ms: ScopeState = {
      id: this.newId('s'),
      elementId: el.id,
      parentScopeId: tok.scopeId,
      parentTokenId: tok.id,
      vars: { nrOfInstances: items.length },
      multi: { items, next: 0, completed: 0, active: 0 },
    };
    this.state.scopes[ms.id] = ms;
    if (m.sequential) this.startInstance(ms, el, 0);
    else for (let i = 0; i < items.length; i++) this.startInstance(ms, el, i);
  }

  /** Start one instance of a multi-instance activity. */
  startInstance(ms: ScopeState, el: ElementModel, index: number, assignment?: Assignment): void {
    const multi = ms.multi!;
    const scope: ScopeState = {
      id: this.newId('s'),
      elementId: el.id,
      parentScopeId: ms.id,
      vars: { [el.multi!.elementVariable]: multi.items[index], loopCounter: index },
      loopIndex: index,
    };
    this.state.scopes[scope.id] = scope;
    multi.next = Math.max(multi.next, index + 1);
    multi.active += 1;
    this.enter(el.id, scope.id, undefined, { inner: true, assignment });
  }

  private instanceDone(tok: TokenState): void {
    const el = this.element(tok.elementId);
    const scope = this.state.scopes[tok.scopeId];
    const ms = this.state.scopes[scope.parentScopeId!];
    const multi = ms.multi!;
    this.removeToken(tok);
    delete this.state.scopes[scope.id];
    multi.active -= 1;
    multi.completed += 1;
    const body = this.state.tokens[ms.parentTokenId!];
    for (const name of el.outputs ?? []) {
      const listName = `${name}List`;
      const current = this.vars(body.scopeId)[listName];
      const list = Array.isArray(current) ? [...current] : [];
      list[scope.loopIndex ?? list.length] = scope.vars[name] ?? null;
      this.setVars(body.scopeId, { [listName]: list });
    }
    const msVars = this.writableVars(ms);
    msVars.nrOfCompletedInstances = multi.completed;
    msVars.nrOfActiveInstances = multi.active;
    const cond = el.multi!.completionCondition;
    const total = multi.items.length;
    const done =
      multi.completed >= total ||
      (cond !== undefined &&
        evalCondition(cond, {
          ...this.vars(ms.id),
          nrOfInstances: total,
          nrOfCompletedInstances: multi.completed,
          nrOfActiveInstances: multi.active,
        }));
    if (done) {
      this.cancelScope(ms.id, '多实例已满足完成条件');
      delete this.state.scopes[ms.id];
      this.completeActivity(body);
    } else if (el.multi!.sequential && multi.active === 0 && multi.next < total) {
      this.startInstance(ms, el, multi.next);
    }
  }

  // ------------------------------------------------------------ gateways

  private exclusiveFlows(el: ElementModel, scopeId: string): string[] {
    if (el.outgoing.length === 1) return el.outgoing;
    const vars = this.vars(scopeId);
    for (const id of el.outgoing) {
      if (id === el.defaultFlow) continue;
      const f = this.model.flows[id];
      if (!f.condition || evalCondition(f.condition, vars)) return [id];
    }
    if (el.defaultFlow) return [el.defaultFlow];
    throw new EngineError('NO_PATH', `网关“${el.name}”没有满足条件的出口`, { elementId: el.id });
  }

  private inclusiveFlows(el: ElementModel, scopeId: string): string[] {
    if (el.outgoing.length === 1) return el.outgoing;
    const vars = this.vars(scopeId);
    const taken = el.outgoing.filter((id) => {
      if (id === el.defaultFlow) return false;
      const f = this.model.flows[id];
      return !f.condition || evalCondition(f.condition, vars);
    });
    if (taken.length) return taken;
    if (el.defaultFlow) return [el.defaultFlow];
    throw new EngineError('NO_PATH', `网关“${el.name}”没有满足条件的出口`, { elementId: el.id });
  }

  private join(tok: TokenState, el: ElementModel, viaFlow: string | undefined, inclusive: boolean): void {
    if (el.incoming.length <= 1) {
      this.take(tok, inclusive ? this.inclusiveFlows(el, tok.scopeId) : el.outgoing);
      return;
    }
    tok.wait = 'join';
    const key = `${el.id}@${tok.scopeId}`;
    const j = (this.state.joins[key] ??= { flows: [], tokens: [] });
    j.flows.push(viaFlow ?? '');
    j.tokens.push(tok.id);
    if (inclusive) this.tryInclusive(key);
    else if (el.incoming.every((f) => j.flows.includes(f))) this.fireJoin(key, el, el.incoming);
  }

  private fireJoin(key: string, el: ElementModel, flows: string[]): void {
    const j = this.state.joins[key];
    const scopeId = key.slice(el.id.length + 1);
    for (const f of flows) {
      const i = j.flows.indexOf(f);
      if (i < 0) continue;
      delete this.state.tokens[j.tokens[i]];
      j.flows.splice(i, 1);
      j.tokens.splice(i, 1);
    }
    if (j.tokens.length === 0) delete this.state.joins[key];
    const outs = el.type === 'inclusiveGateway' ? this.inclusiveFlows(el, scopeId) : el.outgoing;
    for (const id of outs) this.enter(this.model.flows[id].target, scopeId, id);
  }

  /** Fire an inclusive join when no other token of its scope can still reach it. */
  tryInclusive(key: string): boolean {
    const j = this.state.joins[key];
    if (!j) return false;
    const gwId = key.slice(0, key.indexOf('@'));
    const scopeId = key.slice(gwId.length + 1);
    const reach = new Set(this.model.reach?.[gwId] ?? []);
    const waiting = new Set(j.tokens);
    for (const t of Object.values(this.state.tokens)) {
      if (t.scopeId === scopeId && !waiting.has(t.id) && reach.has(t.elementId)) return false;
    }
    this.fireJoin(key, this.element(gwId), [...new Set(j.flows)]);
    return true;
  }

  /** Re-check waiting inclusive joins after tokens moved elsewhere. */
  settleJoins(): void {
    let changed = true;
    while (changed) {
      changed = false;
      for (const key of Object.keys(this.state.joins)) {
        const gwId = key.slice(0, key.indexOf('@'));
        if (this.model.elements[gwId]?.type === 'inclusiveGateway' && this.tryInclusive(key)) changed = true;
      }
    }
  }

  // ------------------------------------------------------------ events

  private endEvent(tok: TokenState, el: ElementModel): void {
    if (el.eventKind === 'terminate') {
      this.removeToken(tok);
      const scope = this.state.scopes[tok.scopeId];
      this.audit('terminate-end', { elementId: el.id });
      for (const t of Object.values(this.state.tokens)) if (t.scopeId === scope.id) this.cancelToken(t, '终止结束事件');
      for (const s of Object.values(this.state.scopes)) if (s.parentScopeId === scope.id) this.cancelScope(s.id, '终止结束事件');
      this.completeScope(scope);
      return;
    }
    if (el.eventKind === 'error') {
      this.removeToken(tok);
      this.throwError(tok.scopeId, el.errorCode ?? '', el.name);
      return;
    }
    this.removeToken(tok);
    this.checkScope(tok.scopeId);
  }

  /** Throw a BPMN error from inside a scope (or from an activity's token) and let the nearest boundary catch it. */
  throwError(scopeId: string, code: string, message: string, fromToken?: TokenState): void {
    const catchOn = (host: TokenState): boolean => {
      const el = this.element(host.elementId);
      const b = (el.boundary ?? [])
        .map((id) => this.element(id))
        .find((x) => x.eventKind === 'error' && (!x.errorCode || x.errorCode === code));
      if (!b) return false;
      this.audit('error.caught', { elementId: b.id, data: { code, message } });
      this.fireBoundary(host, b.id);
      return true;
    };
    if (fromToken) {
      const host = fromToken.inner ? this.bodyOf(fromToken) : fromToken;
      if (host && catchOn(host)) return;
      scopeId = host?.scopeId ?? scopeId;
    }
    for (let s: ScopeState | undefined = this.state.scopes[scopeId]; s; s = s.parentScopeId ? this.state.scopes[s.parentScopeId] : undefined) {
      if (s.loopIndex !== undefined) continue;
      const host = s.parentTokenId ? this.state.tokens[s.parentTokenId] : undefined;
      if (host && catchOn(host)) return;
    }
    this.terminate(`未处理的业务错误：${code || message}`);
  }

  /** The body token waiting for a multi-instance inner token. */
  bodyOf(inner: TokenState): TokenState | undefined {
    const scope = this.state.scopes[inner.scopeId];
    const ms = scope?.parentScopeId ? this.state.scopes[scope.parentScopeId] : undefined;
    return ms?.parentTokenId ? this.state.tokens[ms.parentTokenId] : undefined;
  }

  private catchEvent(tok: TokenState, el: ElementModel): void {
    if (el.eventKind === 'timer' && el.timer) {
      tok.wait = 'timer';
      const s = timerSchedule(el.timer, this.now, this.vars(tok.scopeId), this.calendar);
      this.schedule('catch', s.at, el.id, { tokenId: tok.id });
    } else if (el.eventKind === 'message' && el.messageName) {
      tok.wait = 'message';
      this.subscribe('message', el.messageName, tok.id, el.id);
    } else if (el.eventKind === 'signal' && el.signalName) {
      tok.wait = 'signal';
      this.subscribe('signal', el.signalName, tok.id, el.id);
    } else {
      this.leave(tok);
    }
  }

  private eventGateway(tok: TokenState, el: ElementModel): void {
    tok.wait = 'event-gateway';
    for (const fid of el.outgoing) {
      const target = this.element(this.model.flows[fid].target);
      if (target.eventKind === 'timer' && target.timer) {
        const s = timerSchedule(target.timer, this.now, this.vars(tok.scopeId), this.calendar);
        this.schedule('catch', s.at, target.id, { tokenId: tok.id });
      } else if (target.eventKind === 'message' && target.messageName) {
        this.subscribe('message', target.messageName, tok.id, target.id);
      } else if (target.eventKind === 'signal' && target.signalName) {
        this.subscribe('signal', target.signalName, tok.id, target.id);
      }
    }
  }

  /** A catch event (intermediate, or behind an event-based gateway) is triggered. */
  triggerCatch(tok: TokenState, elementId: string, vars?: Record<string, unknown>): void {
    this.setVars(tok.scopeId, vars);
    this.detach(tok);
    if (tok.wait === 'event-gateway') {
      this.removeToken(tok);
      const next: TokenState = { id: this.newId('k'), elementId, scopeId: tok.scopeId, wait: 'timer', origin: this.state.seq };
      this.state.tokens[next.id] = next;
      this.leave(next);
      return;
    }
    this.leave(tok);
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
