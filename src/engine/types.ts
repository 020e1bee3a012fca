/**
 * The engine's contract: the compiled model, the instance state, the commands
 * it accepts and the effects it emits. Everything here is plain JSON data.
 * Time is epoch milliseconds; calendar dates are 'YYYY-MM-DD' in China
 * Standard Time (UTC+8, no daylight saving).
 */

/** Who may act on a task. `value` is a literal or a FEEL expression starting with '='. */
export type AssignmentType = 'user' | 'role' | 'unit' | 'liaison' | 'seal';

/** An assignment after its expressions were evaluated. `scope` narrows a role (e.g. R3 of one domain). */
export interface Assignment {
  type: AssignmentType;
  value: string;
  scope?: string;
}

/** A duration as written in a diagram: N working days, an ISO 8601 duration, or a FEEL expression. */
export type DurationSpec = string;

/** The deadline settings of an activity. */
export interface DueSpec {
  /** '15WD', 'P7D', 'P2M', 'PT4H' or '= expression' (yielding a date, a duration string or a number of WD). */
  due: DurationSpec;
  /** Variable holding the date the deadline counts from; default: the moment the activity starts. */
  from?: string;
  /** Yellow light: the task is "due soon" this many working days before the due date, e.g. '3WD'. */
  warn?: DurationSpec;
  /** One reminder this long before the due date, e.g. '2WD'. */
  remindBefore?: DurationSpec;
  /** After the due date, a reminder every this long until done, e.g. '3WD'. */
  remindEvery?: DurationSpec;
}

/** Field access at one step of a form. */
export type FieldAccess = 'editable' | 'readonly' | 'hidden';

/** Per-step field permissions: listed fields get their access; others get `otherwise`. */
export interface FieldPermissions {
  editable: string[];
  readonly: string[];
  hidden: string[];
  otherwise: FieldAccess;
}

import type { ServiceAction, UrgeMethod } from './vocabulary';

export type { ServiceAction, UrgeMethod };

export interface MultiInstanceModel {
  sequential: boolean;
  /** FEEL expression yielding the list to iterate over. */
  collection: string;
  /** Variable holding the current element inside each instance. */
  elementVariable: string;
  /** FEEL completion condition (或签). Absent: every instance must complete (会签). */
  completionCondition?: string;
}

export type ElementType =
  | 'startEvent'
  | 'endEvent'
  | 'userTask'
  | 'serviceTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'callActivity'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent';

export type EventKind = 'none' | 'timer' | 'message' | 'signal' | 'error' | 'terminate';

export interface TimerModel {
  /** 'duration' | 'date' | 'cycle' as in BPMN timerEventDefinition. */
  kind: 'duration' | 'date' | 'cycle';
  /** duration: '3WD', 'P7D'…; date: ISO or '= expr'; cycle: 'R3/P2WD' or 'R/P3WD' (unbounded). */
  value: string;
}

/** One node of the executable model. */
export interface ElementModel {
  id: string;
  type: ElementType;
  name: string;
  /** Enclosing sub-process id, or null at the process level. */
  parent: string | null;
  incoming: string[];
  outgoing: string[];
  eventKind?: EventKind;
  timer?: TimerModel;
  messageName?: string;
  signalName?: string;
  errorCode?: string;
  /** Boundary events: the activity they are attached to and whether they cancel it. */
  attachedTo?: string;
  cancelActivity?: boolean;
  /** Activities: boundary events attached to them. */
  boundary?: string[];
  /** Gateways: the default flow. */
  defaultFlow?: string;
  /** User tasks. */
  assignment?: { type: AssignmentType; value: string; scope?: string };
  formKey?: string;
  fields?: FieldPermissions;
  /** Outcomes offered to the actor, e.g. ['通过','重办','补办']; stored in the variable `outcome`. */
  outcomes?: string[];
  /** The outcomes that are negative (不同意, 重办…): shown as such and counted as refusals. */
  negativeOutcomes?: string[];
  /** The outcomes that need an opinion (办理意见); by default the negative ones. */
  opinionRequired?: string[];
  due?: DueSpec;
  multi?: MultiInstanceModel;
  /** Service tasks. */
  action?: ServiceAction;
  params?: Record<string, string>;
  /** Call activities. */
  calledElement?: string;
  inputs?: string[];
  outputs?: string[];
  /** Sub-processes: their start event. */
  start?: string;
  /** Documentation text, shown as help to the actor. */
  documentation?: string;
}

export interface FlowModel {
  id: string;
  name: string;
  source: string;
  target: string;
  /** FEEL condition; absent = unconditional. */
  condition?: string;
}

/** A process compiled for execution. */
export interface ProcessModel {
  key: string;
  name: string;
  version: number;
  /** Top-level none start event. */
  start: string;
  elements: Record<string, ElementModel>;
  flows: Record<string, FlowModel>;
  /** For each inclusive join: the flows from which a token could still reach it. */
  reach?: Record<string, string[]>;
}

/** A problem found while loading or linting a diagram. */
export interface Problem {
  /** Stable code, e.g. 'no-start-event'. */
  code: string;
  elementId: string;
  elementName?: string;
  /** A Chinese message for people. */
  message: string;
  severity: 'error' | 'warning';
}

// ---------------------------------------------------------------- state

export type TaskKind = 'normal' | 'addsign-before' | 'addsign-after';

/** An open user task. */
export interface TaskState {
  id: string;
  elementId: string;
  tokenId: string;
  kind: TaskKind;
  /** For add-sign tasks: the task they were added to. */
  parentTaskId?: string;
  assignment: Assignment;
  /** Set when delegated (委派): the task comes back to `owner` when resolved. */
  owner?: Assignment;
  delegatedTo?: Assignment;
  /** Waiting for a signer added before this one. */
  suspended?: boolean;
  /** Signers to add after this one completes. */
  addAfter?: Assignment[];
  createdAt: number;
  /** Working-day deadline, if any. */
  dueDate?: string;
  dueAt?: number;
  /** The first due date, kept when extended (延期). */
  originalDueDate?: string;
  warnAt?: number;
  provisional?: boolean;
  urges: number;
  /** Set once the handler acted on the task (转办, 委派, 加签): the previous step can no longer be withdrawn. */
  touched?: boolean;
  /** Multi-instance: index and element. */
  loopIndex?: number;
  /** Sequence number of the command that created this task (for 撤回). */
  origin: number;
}

export type TimerKind = 'boundary' | 'catch' | 'overdue' | 'warn' | 'remind';

export interface TimerState {
  id: string;
  kind: TimerKind;
  fireAt: number;
  elementId: string;
  tokenId?: string;
  taskId?: string;
  /** Cycles: remaining repetitions (-1 = unbounded) and the interval spec. */
  repeat?: number;
  interval?: string;
}

/** A token waiting somewhere in the process. */
export interface TokenState {
  id: string;
  elementId: string;
  /** Sub-process or multi-instance scope the token runs in. */
  scopeId: string;
  /** Why it waits: a task, timer, message, signal, service, child instance, or a join. */
  wait: 'task' | 'timer' | 'message' | 'signal' | 'service' | 'child' | 'join' | 'scope' | 'multi' | 'event-gateway';
  origin: number;
  /** One instance of a multi-instance activity (its body token waits in the enclosing scope). */
  inner?: boolean;
  /** Call activities: the child instance. */
  childId?: string;
  /** Deadline of a call activity or sub-process. */
  dueDate?: string;
  dueAt?: number;
  /** Signers still to sign after this step (加签 after). */
  addAfter?: Assignment[];
}

/** A waiting message or signal catch: an intermediate event, a boundary event or an event-based gateway's target. */
export interface SubscriptionState {
  id: string;
  kind: 'message' | 'signal';
  name: string;
  tokenId: string;
  elementId: string;
}

/** A scope: the process, an embedded sub-process or one multi-instance body. */
export interface ScopeState {
  id: string;
  /** The sub-process / multi-instance element this scope executes, or null for the process. */
  elementId: string | null;
  parentScopeId: string | null;
  /** The token in the parent scope that waits for this scope. */
  parentTokenId?: string;
  vars: Record<string, unknown>;
  /** Multi-instance bookkeeping on the token's MI scope. */
  multi?: {
    items: unknown[];
    next: number;
    completed: number;
    active: number;
  };
  loopIndex?: number;
}

/** One completed step, kept for the timeline and for 退回 / 撤回. */
export interface HistoryEntry {
  elementId: string;
  scopeId: string;
  taskId?: string;
  actor?: string;
  outcome?: string;
  at: number;
  loopIndex?: number;
  /** Sequence number of the command that completed this step. */
  seq: number;
  /** The scope chain the step ran in, innermost first. */
  scopes: string[];
  /** Origin of the completed task (the command that created it). */
  origin?: number;
  assignment?: Assignment;
}

export interface InstanceState {
  id: string;
  key: string;
  version: number;
  status: 'running' | 'completed' | 'terminated';
  startedAt: number;
  endedAt?: number;
  /** Monotonic counter; every command increments it. Ids derive from it. */
  seq: number;
  /** Counter for ids of tokens, tasks, timers and scopes. */
  ids: number;
  scopes: Record<string, ScopeState>;
  subs: Record<string, SubscriptionState>;
  tokens: Record<string, TokenState>;
  tasks: Record<string, TaskState>;
  timers: Record<string, TimerState>;
  /** Join arrivals: key `${gatewayId}@${scopeId}` → flow ids arrived. */
  joins: Record<string, { flows: string[]; tokens: string[] }>;
  history: HistoryEntry[];
}

// ---------------------------------------------------------------- commands

export interface Actor {
  id: string;
  name?: string;
}


export type Command =
  | { type: 'complete'; taskId: string; actor: Actor; outcome?: string; opinion?: string; vars?: Record<string, unknown> }
  | { type: 'sendBack'; taskId: string; actor: Actor; target: string; opinion: string }
  | { type: 'withdraw'; taskId: string; actor: Actor; opinion?: string }
  | { type: 'reassign'; taskId: string; actor: Actor; to: Assignment; opinion?: string }
  | { type: 'delegate'; taskId: string; actor: Actor; to: Assignment; opinion?: string }
  | { type: 'addSigner'; taskId: string; actor: Actor; signer: Assignment; position: 'before' | 'after'; opinion?: string }
  | { type: 'urge'; taskId: string; actor: Actor; method: UrgeMethod; note?: string }
  | { type: 'extend'; taskId: string; actor: Actor; newDue: string; reason: string }
  | { type: 'terminate'; actor: Actor; reason: string }
  | { type: 'fireTimer'; timerId: string }
  | { type: 'message'; name: string; vars?: Record<string, unknown>; actor?: Actor; tokenId?: string }
  | { type: 'signal'; name: string; vars?: Record<string, unknown>; actor?: Actor }
  | { type: 'serviceDone'; tokenId: string; vars?: Record<string, unknown> }
  | { type: 'serviceError'; tokenId: string; errorCode: string; message?: string }
  | { type: 'childDone'; tokenId: string; childId: string; vars?: Record<string, unknown> }
  | { type: 'setVariables'; actor: Actor; vars: Record<string, unknown> };

// ---------------------------------------------------------------- effects

export type Effect =
  | { type: 'task.created'; task: TaskState; name: string; formKey?: string }
  | { type: 'task.updated'; task: TaskState; change: 'reassigned' | 'delegated' | 'returned' | 'suspended' | 'resumed' | 'extended' | 'urged' }
  | { type: 'task.completed'; taskId: string; elementId: string; actor: Actor; outcome?: string; negative?: boolean }
  | { type: 'task.cancelled'; taskId: string; elementId: string; reason: string }
  | { type: 'timer.scheduled'; timer: TimerState }
  | { type: 'timer.cancelled'; timerId: string }
  | { type: 'service.requested'; tokenId: string; elementId: string; action: ServiceAction; params: Record<string, unknown> }
  | { type: 'child.started'; tokenId: string; childId: string; processKey: string; vars: Record<string, unknown> }
  | { type: 'child.cancelled'; tokenId: string; childId: string }
  | { type: 'subscription.opened'; kind: 'message' | 'signal'; name: string; tokenId: string }
  | { type: 'subscription.closed'; kind: 'message' | 'signal'; name: string; tokenId: string }
  | { type: 'notify'; reason: 'urge' | 'overdue' | 'warn' | 'remind'; taskId: string; method?: UrgeMethod; note?: string }
  | { type: 'audit'; action: string; actor?: Actor; elementId?: string; taskId?: string; opinion?: string; data?: Record<string, unknown> }
  | { type: 'instance.completed' }
  | { type: 'instance.terminated'; reason: string };

export interface StepResult {
  state: InstanceState;
  effects: Effect[];
}

/** The working-day calendar as the engine sees it. Implemented in ./calendar. */
export interface Calendar {
  /** Whether a date ('YYYY-MM-DD') is a working day. */
  isWorkday(date: string): boolean;
  /** The N-th working day after `date` (N ≥ 0; 0 = `date` itself or the next working day if it is off). */
  addWorkdays(date: string, n: number): string;
  /** The N-th working day before `date`. */
  subtractWorkdays(date: string, n: number): string;
  /** True when a year's schedule was not published and holidays were derived from the law. */
  isProvisional(date: string): boolean;
}
