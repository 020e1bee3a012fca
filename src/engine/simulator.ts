import { WorkCalendar } from './calendar/WorkCalendar';
import { localYear, parseDateOrDateTime } from './calendar/time';
import { EngineError } from './errors';
import { approvedExtension, extensionMessage } from './runtime/extension';
import { startInstance, step } from './runtime/step';
import type {
  Actor,
  Assignment,
  Calendar,
  Command,
  Effect,
  InstanceState,
  ProcessModel,
  ServiceAction,
  StepResult,
  UrgeMethod,
} from './types';

/** An open task as the simulator shows it. */
export interface SimTask {
  taskId: string;
  instanceId: string;
  processKey: string;
  elementId: string;
  name: string;
  assignment: Assignment;
  formKey?: string;
  dueDate?: string;
  originalDueDate?: string;
  provisional?: boolean;
  kind: string;
}

/** One service action the engine asked for. */
export interface SimService {
  instanceId: string;
  elementId: string;
  action: ServiceAction;
  params: Record<string, unknown>;
  at: number;
}

/** Options of a simulation. */
export interface SimulatorOptions {
  models: ProcessModel[];
  /** Start time: epoch ms or a date / date-time string (China Standard Time). */
  now: number | string;
  calendar?: Calendar;
  /** Result variables of a service action; the default numbers documents per type and year. */
  serviceResult?: (service: SimService) => Record<string, unknown>;
}

const SYSTEM: Actor = { id: 'system', name: '系统' };

/**
 * Runs instances entirely in memory with the real engine: service actions complete at
 * once, call activities start child instances, and the clock moves only when told.
 * Used by scenario tests, benchmarks and the modeler's simulation.
 */
export class Simulator {
  readonly calendar: Calendar;
  readonly services: SimService[] = [];
  readonly log: { instanceId: string; effect: Effect }[] = [];
  now: number;
  private readonly models = new Map<string, ProcessModel>();
  private readonly states = new Map<string, InstanceState>();
  private readonly parents = new Map<string, { parentId: string; tokenId: string }>();
  private readonly numbers = new Map<string, number>();
  private counter = 0;
  private readonly serviceResult?: SimulatorOptions['serviceResult'];

  constructor(opts: SimulatorOptions) {
    for (const m of opts.models) this.models.set(m.key, m);
    this.calendar = opts.calendar ?? WorkCalendar.default();
    this.now = typeof opts.now === 'number' ? opts.now : parseDateOrDateTime(opts.now);
    this.serviceResult = opts.serviceResult;
  }

  /** Start an instance of a process; returns its id. */
  start(key: string, vars: Record<string, unknown> = {}, actor: Actor = { id: 'initiator' }, id?: string): string {
    const model = this.model(key);
    const instanceId = id ?? `i${++this.counter}`;
    const r = startInstance(model, { id: instanceId, vars, actor, now: this.now, calendar: this.calendar });
    this.apply(instanceId, r);
    return instanceId;
  }

  /** Open tasks of one instance, or of every instance. */
  openTasks(instanceId?: string): SimTask[] {
    const out: SimTask[] = [];
    for (const [id, s] of this.states) {
      if (instanceId && id !== instanceId && !this.isDescendant(id, instanceId)) continue;
      const model = this.model(s.key);
      for (const t of Object.values(s.tasks)) {
        const el = model.elements[t.elementId];
        out.push({
          taskId: t.id,
          instanceId: id,
          processKey: s.key,
          elementId: t.elementId,
          name: el.name,
          assignment: t.assignment,
          formKey: el.formKey,
          dueDate: t.dueDate,
          originalDueDate: t.originalDueDate,
          provisional: t.provisional,
          kind: t.kind,
        });
      }
    }
    return out;
  }

  /** The single open task at an element (throws when there is none or several). */
  taskAt(elementId: string, instanceId?: string): SimTask {
    const found = this.openTasks(instanceId).filter((t) => t.elementId === elementId);
    if (found.length !== 1) {
      const open = this.openTasks(instanceId).map((t) => `${t.elementId}(${t.name})`).join(', ') || '无';
      throw new EngineError('SIM_TASK', `环节 <${elementId}> 有 ${found.length} 个待办；当前待办：${open}`);
    }
    return found[0];
  }

  /** Complete a task. */
  complete(taskId: string, opts: { outcome?: string; vars?: Record<string, unknown>; opinion?: string; actor?: Actor } = {}): void {
    this.command(this.owner(taskId), { type: 'complete', taskId, actor: opts.actor ?? SYSTEM, outcome: opts.outcome, vars: opts.vars, opinion: opts.opinion });
  }

  /** 退回 to an earlier step. */
  sendBack(taskId: string, target: string, opinion: string, actor: Actor = SYSTEM): void {
    this.command(this.owner(taskId), { type: 'sendBack', taskId, target, opinion, actor });
  }

  /** 撤回 a completed task (by its task id). */
  withdraw(instanceId: string, taskId: string, actor: Actor): void {
    this.command(instanceId, { type: 'withdraw', taskId, actor });
  }

  /** 转办. */
  reassign(taskId: string, to: Assignment, actor: Actor = SYSTEM): void {
    this.command(this.owner(taskId), { type: 'reassign', taskId, to, actor });
  }

  /** 委派. */
  delegate(taskId: string, to: Assignment, actor: Actor = SYSTEM): void {
    this.command(this.owner(taskId), { type: 'delegate', taskId, to, actor });
  }

  /** 加签. */
  addSigner(taskId: string, signer: Assignment, position: 'before' | 'after', actor: Actor = SYSTEM): void {
    this.command(this.owner(taskId), { type: 'addSigner', taskId, signer, position, actor });
  }

  /** 催办. */
  urge(taskId: string, method: UrgeMethod, note?: string, actor: Actor = SYSTEM): void {
    this.command(this.owner(taskId), { type: 'urge', taskId, method, note, actor });
  }

  /** 延期 to a date or by a duration. */
  extend(taskId: string, newDue: string, reason: string, actor: Actor = SYSTEM): void {
    this.command(this.owner(taskId), { type: 'extend', taskId, newDue, reason, actor });
  }

  /** 终止. */
  terminate(instanceId: string, reason: string, actor: Actor = SYSTEM): void {
    this.command(instanceId, { type: 'terminate', reason, actor });
  }

  /** 申请延期 on a step: its extension boundary starts the diagram's extension path (X7). */
  requestExtension(taskId: string, newDue: string, reason: string, actor: Actor = { id: 'requester' }): void {
    const owner = this.owner(taskId);
    this.command(owner, extensionMessage(this.state(owner).tasks[taskId], { requestId: `ext${++this.counter}`, newDue, reason, actor }));
  }

  /** Deliver a message to an instance. */
  message(instanceId: string, name: string, vars?: Record<string, unknown>): void {
    this.command(instanceId, { type: 'message', name, vars });
  }

  /** Broadcast a signal to an instance. */
  signal(instanceId: string, name: string, vars?: Record<string, unknown>): void {
    this.command(instanceId, { type: 'signal', name, vars });
  }

  /** Move the clock forward, firing every timer due by then in time order. */
  advanceTo(when: number | string): void {
    const target = typeof when === 'number' ? when : parseDateOrDateTime(when);
    for (;;) {
      let next: { instanceId: string; timerId: string; at: number } | null = null;
      for (const [id, s] of this.states) {
        if (s.status !== 'running') continue;
        for (const t of Object.values(s.timers)) {
          if (t.fireAt <= target && (!next || t.fireAt < next.at)) next = { instanceId: id, timerId: t.id, at: t.fireAt };
        }
      }
      if (!next) break;
      this.now = Math.max(this.now, next.at);
      this.command(next.instanceId, { type: 'fireTimer', timerId: next.timerId });
    }
    this.now = Math.max(this.now, target);
  }

  /** Status of an instance. */
  status(instanceId: string): InstanceState['status'] {
    return this.state(instanceId).status;
  }

  /** The state of an instance. */
  state(instanceId: string): InstanceState {
    const s = this.states.get(instanceId);
    if (!s) throw new EngineError('SIM_INSTANCE', `没有事项 <${instanceId}>`);
    return s;
  }

  /** The process variables of an instance. */
  vars(instanceId: string): Record<string, unknown> {
    return this.state(instanceId).scopes[instanceId].vars;
  }

  /** Ids of the child instances started by an instance. */
  children(instanceId: string): string[] {
    return [...this.parents].filter(([, p]) => p.parentId === instanceId).map(([id]) => id);
  }

  /** Every effect of one instance, in order. */
  effectsOf(instanceId: string): Effect[] {
    return this.log.filter((l) => l.instanceId === instanceId).map((l) => l.effect);
  }

  /** Send any command to an instance. */
  command(instanceId: string, cmd: Command): void {
    const s = this.state(instanceId);
    this.apply(instanceId, step(this.model(s.key), s, cmd, this.now, this.calendar));
  }

  /** A loaded process model. */
  model(key: string): ProcessModel {
    const m = this.models.get(key);
    if (!m) throw new EngineError('SIM_MODEL', `没有加载流程 <${key}>`);
    return m;
  }

  private owner(taskId: string): string {
    for (const [id, s] of this.states) if (s.tasks[taskId]) return id;
    throw new EngineError('TASK_NOT_FOUND', '待办任务不存在或已被办理', { taskId });
  }

  private isDescendant(id: string, ancestor: string): boolean {
    for (let p = this.parents.get(id); p; p = this.parents.get(p.parentId)) if (p.parentId === ancestor) return true;
    return false;
  }

  private apply(instanceId: string, r: StepResult): void {
    this.states.set(instanceId, r.state);
    const followUps: (() => void)[] = [];
    for (const effect of r.effects) {
      this.log.push({ instanceId, effect });
      if (effect.type === 'service.requested') {
        const svc: SimService = { instanceId, elementId: effect.elementId, action: effect.action, params: effect.params, at: this.now };
        this.services.push(svc);
        const vars = this.serviceResult ? this.serviceResult(svc) : this.defaultResult(svc);
        if (effect.action === 'extend' && !this.serviceResult) {
          // As the server does: the approved date moves the step the extension was asked for.
          const ext = approvedExtension(r.state, this.scopeVarsOf(r.state, effect.tokenId));
          if (ext.task && ext.newDue) {
            const { task, newDue, reason } = { task: ext.task, newDue: ext.newDue, reason: ext.reason };
            followUps.push(() => this.command(instanceId, { type: 'extend', taskId: task.id, newDue, reason, actor: SYSTEM }));
            vars.newDeadline = newDue;
          }
        }
        followUps.push(() => this.command(instanceId, { type: 'serviceDone', tokenId: effect.tokenId, vars }));
      } else if (effect.type === 'child.started') {
        followUps.push(() => {
          this.parents.set(effect.childId, { parentId: instanceId, tokenId: effect.tokenId });
          this.start(effect.processKey, effect.vars, SYSTEM, effect.childId);
        });
      } else if (effect.type === 'child.cancelled') {
        followUps.push(() => {
          const child = this.states.get(effect.childId);
          if (child?.status === 'running') this.command(effect.childId, { type: 'terminate', reason: '上级事项已取消该子事项', actor: SYSTEM });
        });
      } else if (effect.type === 'instance.completed') {
        const parent = this.parents.get(instanceId);
        if (parent) {
          followUps.push(() => {
            const p = this.states.get(parent.parentId);
            if (p?.status === 'running' && p.tokens[parent.tokenId]) {
              this.command(parent.parentId, { type: 'childDone', tokenId: parent.tokenId, childId: instanceId, vars: this.vars(instanceId) });
            }
          });
        }
      }
    }
    for (const f of followUps) f();
  }

  /** The variables a token sees: its scope's over its parents'. */
  private scopeVarsOf(state: InstanceState, tokenId: string): Record<string, unknown> {
    const chain: Record<string, unknown>[] = [];
    for (let id: string | null | undefined = state.tokens[tokenId]?.scopeId ?? state.id; id; id = state.scopes[id]?.parentScopeId) chain.unshift(state.scopes[id]?.vars ?? {});
    return Object.assign({}, ...chain);
  }

  private defaultResult(svc: SimService): Record<string, unknown> {
    const variable = typeof svc.params.resultVariable === 'string' ? svc.params.resultVariable : undefined;
    if (svc.action !== 'number' || !variable) return variable ? { [variable]: true } : {};
    const type = String(svc.params.docType ?? '文');
    const year = localYear(this.now);
    const n = (this.numbers.get(`${type}${year}`) ?? 0) + 1;
    this.numbers.set(`${type}${year}`, n);
    return { [variable]: `清政${type.slice(-1)}〔${year}〕${n}号` };
  }
}
