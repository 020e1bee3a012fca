import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { EngineError, startInstance, step, type Actor, type Command, type Effect, type InstanceState, type TaskState } from '../../engine';
import { insertEntries, reserveHead, setHead } from '../audit/audit.repository';
import { chainEntries, pendingEntry, type PendingEntry } from '../audit/audit.service';
import type { AppContext } from '../context';
import { dialectOf } from '../db/dialect';
import type { DB } from '../db/schema';
import type { Definition } from '../definitions/definition.service';
import { AppError, conflict } from '../errors';
import { addMemberships, findItem } from '../items/item.repository';
import { syncItem } from '../items/item.sync';
import type { ItemTable } from '../items/item.table';
import { createItem, unitsOfVars } from '../items/item.factory';
import { insertJobs, type NewJob } from '../scheduler/job.repository';
import { cancelTimer, insertTimer } from '../scheduler/timer.repository';
import { insertTask, updateTask } from '../tasks/task.repository';
import { performService } from './actions';
import { claimInstance, findInstanceWithItem, insertInstance, saveInstanceState } from './instance.repository';
import type { InstanceTable } from './instance.table';
import { rootVars } from './state';

/** Thrown when an instance moved on since it was loaded; callers retry the whole transaction. */
export class VersionConflict extends Error {
  constructor(readonly instanceId: string) {
    super(`instance <${instanceId}> was changed concurrently`);
    this.name = 'VersionConflict';
  }
}

/** Who gets a task whose assignment reaches nobody: the 督查室承办人员. */
export const FALLBACK_ROLE = 'R8';

/** The system as an actor (timers, automatic steps). */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: '系统' };

/** An instance taking part in the current transaction. */
export interface LiveInstance {
  id: string;
  state: InstanceState;
  def: Definition;
  item: ItemTable;
  /** The version the final save writes. */
  version: number;
  /** The version the final save expects to find (the claimed one on PostgreSQL, the loaded one on SQLite). */
  expectedVersion: number;
  parentInstanceId: string | null;
  parentTokenId: string | null;
}

/** What the API adds to a completion that the engine does not carry. */
export interface TaskNote {
  opinion?: string | null;
  formData?: Record<string, unknown>;
}

interface Queued {
  instanceId: string;
  command: Command;
  /** Internal follow-ups (childDone, child cancellation) are skipped when the target no longer runs. */
  internal: boolean;
}

const NOTIFY_TITLES: Record<string, string> = { urge: '催办', overdue: '已超期', warn: '即将到期', remind: '办理提醒' };

/** Turn an engine error into the API's error family. */
export function fromEngineError(err: unknown): unknown {
  if (!(err instanceof EngineError)) return err;
  if (err.code === 'TASK_NOT_FOUND') return conflict();
  if (err.code === 'NOT_RUNNING') return new AppError('ITEM_CLOSED', err.message, { status: 409, cause: err });
  return new AppError(err.code, err.message, { status: 422, cause: err, details: err.details });
}

/**
 * One action = one transaction. The session loads and claims the instances the
 * action touches, runs the engine, applies every effect (task rows, timers,
 * outbox jobs, audit entries, service actions fed back as `serviceDone`, child
 * instances and `childDone` to parents) and saves each state guarded by the
 * version it claimed. Append-only rows (audit entries, outbox jobs, participants,
 * item units) are collected and written by `flush` in multi-row inserts.
 */
export class ActionSession {
  readonly live = new Map<string, LiveInstance>();
  readonly notes = new Map<string, TaskNote>();
  readonly #queue: Queued[] = [];
  readonly #sqlite: boolean;
  readonly #audits = new Map<string, PendingEntry[]>();
  readonly #jobs: NewJob[] = [];
  readonly #participants = new Map<string, Set<string>>();
  /** Item units to record, keyed by item and unit: the first `isLead` given wins, as with the insert's DO NOTHING. */
  readonly #units = new Map<string, { itemId: string; unitId: string; isLead: number }>();

  constructor(
    readonly trx: Transaction<DB>,
    readonly ctx: AppContext,
    readonly now: number,
    readonly actor: Actor | null,
  ) {
    this.#sqlite = dialectOf(trx) === 'sqlite';
  }

  get calendar() {
    return this.ctx.calendar.calendar;
  }

  /**
   * Claim an instance row the caller loaded in this transaction (with its item, if loaded
   * too). On PostgreSQL the version is bumped now, so a concurrent action on the same
   * instance fails early and retries. On SQLite the transaction already holds the write
   * lock (BEGIN IMMEDIATE) and nobody can change the row; the final save still checks
   * the version it loaded and bumps it.
   */
  async claim(row: InstanceTable, loadedItem?: ItemTable): Promise<LiveInstance> {
    const existing = this.live.get(row.id);
    if (existing) return existing;
    if (!this.#sqlite && !(await claimInstance(this.trx, row.id, row.version, this.now))) throw new VersionConflict(row.id);
    const def = await this.ctx.definitions.get(row.definitionKey, row.definitionVersion, this.trx);
    const item = loadedItem ?? (await findItem(this.trx, row.itemId));
    if (!item) throw new Error(`item <${row.itemId}> of instance <${row.id}> is missing`);
    const live: LiveInstance = {
      id: row.id,
      state: JSON.parse(row.state) as InstanceState,
      def,
      item,
      version: row.version + 1,
      expectedVersion: this.#sqlite ? row.version : row.version + 1,
      parentInstanceId: row.parentInstanceId,
      parentTokenId: row.parentTokenId,
    };
    this.live.set(row.id, live);
    return live;
  }

  /** Load (row-locked on PostgreSQL) and claim an instance the action reaches, with its item in the same query. */
  async reach(id: string): Promise<LiveInstance | undefined> {
    const existing = this.live.get(id);
    if (existing) return existing;
    const found = await findInstanceWithItem(this.trx, id, true);
    return found ? this.claim(found.instance, found.item) : undefined;
  }

  /** Queue a command for an instance; `drain` runs it. */
  enqueue(instanceId: string, command: Command, internal = false): void {
    this.#queue.push({ instanceId, command, internal });
  }

  /** Run queued commands until none is left (service actions and children queue more). */
  async drain(): Promise<void> {
    while (this.#queue.length) {
      const { instanceId, command, internal } = this.#queue.shift()!;
      const live = await this.reach(instanceId);
      if (!live) {
        if (internal) continue;
        throw new AppError('INSTANCE_NOT_FOUND', '流程实例不存在', { status: 404 });
      }
      if (internal && live.state.status !== 'running') continue;
      let result: { state: InstanceState; effects: Effect[] };
      try {
        result = step(live.def.model, live.state, command, this.now, this.calendar);
      } catch (err) {
        throw fromEngineError(err);
      }
      live.state = result.state;
      await this.apply(live, result.effects);
    }
  }

  /** Start a new instance of a definition for an item (a root item or a child item of a call activity). */
  async start(
    def: Definition,
    item: ItemTable,
    vars: Record<string, unknown>,
    actor: Actor,
    parent?: { instanceId: string; tokenId: string; childId: string },
  ): Promise<LiveInstance> {
    const id = parent?.childId ?? randomUUID();
    let result: { state: InstanceState; effects: Effect[] };
    try {
      result = startInstance(def.model, { id, vars, actor, now: this.now, calendar: this.calendar });
    } catch (err) {
      throw fromEngineError(err);
    }
    await insertInstance(this.trx, {
      id,
      itemId: item.id,
      definitionKey: def.key,
      definitionVersion: def.version,
      state: JSON.stringify(result.state),
      version: 1,
      status: result.state.status,
      parentInstanceId: parent?.instanceId ?? null,
      parentTokenId: parent?.tokenId ?? null,
      createdAt: this.now,
      updatedAt: this.now,
    });
    const live: LiveInstance = {
      id,
      state: result.state,
      def,
      item,
      version: 1,
      expectedVersion: 1,
      parentInstanceId: parent?.instanceId ?? null,
      parentTokenId: parent?.tokenId ?? null,
    };
    this.live.set(id, live);
    await this.apply(live, result.effects);
    return live;
  }

  /**
   * Save every instance touched, guarded by its version; write the collected participants,
   * units, audit entries and outbox jobs; refresh each item's status, light and audit head
   * in one update per item.
   */
  async flush(): Promise<void> {
    for (const live of this.live.values()) {
      const ok = await saveInstanceState(this.trx, live.id, live.expectedVersion, live.version, JSON.stringify(live.state), live.state.status, this.now);
      if (!ok) throw new VersionConflict(live.id);
    }
    await addMemberships(
      this.trx,
      [...this.#participants].flatMap(([itemId, ids]) => [...ids].map((personId) => ({ itemId, personId }))),
      [...this.#units.values()],
    );
    const heads = await this.#writeAudits();
    const synced = new Set<string>();
    for (const live of this.live.values()) {
      const head = heads.get(live.item.id);
      await syncItem(this.trx, this.ctx.dir, live.item, live.state, this.now, head && { auditSeq: head.seq, auditHash: head.hash });
      synced.add(live.item.id);
    }
    for (const [itemId, head] of heads) if (!synced.has(itemId)) await setHead(this.trx, itemId, head);
    await insertJobs(this.trx, this.#jobs);
  }

  /**
   * Chain and insert the collected audit entries; returns each item's new head. On SQLite the
   * head comes from the item row loaded in this (write-locked) transaction; otherwise, and on
   * PostgreSQL always, the sequence numbers are reserved on the item row, which locks it.
   */
  async #writeAudits(): Promise<Map<string, { seq: number; hash: string }>> {
    const heads = new Map<string, { seq: number; hash: string }>();
    const rows = [];
    for (const [itemId, pending] of this.#audits) {
      const loaded = this.#sqlite ? [...this.live.values()].find((l) => l.item.id === itemId)?.item : undefined;
      const head = loaded ? { seq: loaded.auditSeq, hash: loaded.auditHash } : await reserveHead(this.trx, itemId, pending.length);
      const entries = chainEntries(pending, head);
      const last = entries[entries.length - 1];
      heads.set(itemId, { seq: last.seq, hash: last.hash });
      rows.push(...entries);
    }
    await insertEntries(this.trx, rows);
    return heads;
  }

  /** Append an audit entry for an item, in this transaction (written by `flush`). */
  async audit(itemId: string, action: string, fields: { actor?: Actor | null; opinion?: string | null; data?: Record<string, unknown> } = {}) {
    const actor = fields.actor ?? SYSTEM_ACTOR;
    const entry = pendingEntry({
      itemId,
      actorId: actor.id,
      actorName: actor.name ?? this.ctx.dir.personName(actor.id),
      action,
      opinion: fields.opinion ?? null,
      data: fields.data,
      at: this.now,
    });
    const list = this.#audits.get(itemId);
    if (list) list.push(entry);
    else this.#audits.set(itemId, [entry]);
  }

  /** Enqueue an outbox job for the host, in this transaction (written by `flush`). */
  async job(kind: string, payload: Record<string, unknown>): Promise<void> {
    this.#jobs.push({ id: randomUUID(), kind, payload: JSON.stringify(payload), createdAt: this.now });
  }

  /** Record people who took part in an item (written by `flush`). */
  participate(itemId: string, personIds: string[]): void {
    let set = this.#participants.get(itemId);
    if (!set) this.#participants.set(itemId, (set = new Set()));
    for (const id of personIds) set.add(id);
  }

  /** Record a unit on an item (written by `flush`; a unit already there keeps its lead flag). */
  addUnit(itemId: string, unitId: string, isLead = 0): void {
    const key = `${itemId}\u0000${unitId}`;
    if (!this.#units.has(key)) this.#units.set(key, { itemId, unitId, isLead });
  }

  // ------------------------------------------------------------ effects

  async apply(live: LiveInstance, effects: Effect[]): Promise<void> {
    for (const e of effects) await this.#applyOne(live, e);
  }

  async #applyOne(live: LiveInstance, e: Effect): Promise<void> {
    const itemId = live.item.id;
    switch (e.type) {
      case 'task.created':
        return this.#taskCreated(live, e.task, e.name, e.formKey);
      case 'task.updated':
        return this.#taskUpdated(live, e.task, e.change);
      case 'task.completed': {
        const note = this.notes.get(e.taskId);
        await updateTask(this.trx, e.taskId, {
          status: 'completed',
          outcome: e.outcome ?? null,
          opinion: note?.opinion ?? null,
          formData: note?.formData ? JSON.stringify(note.formData) : null,
          actorId: e.actor.id,
          actorName: e.actor.name ?? this.ctx.dir.personName(e.actor.id),
          completedAt: this.now,
        });
        this.participate(itemId, [e.actor.id]);
        return this.job('todo.remove', { id: e.taskId });
      }
      case 'task.cancelled':
        await updateTask(this.trx, e.taskId, { status: 'cancelled', opinion: e.reason, completedAt: this.now });
        return this.job('todo.remove', { id: e.taskId });
      case 'timer.scheduled':
        return insertTimer(this.trx, {
          id: e.timer.id,
          instanceId: live.id,
          itemId,
          timerKey: e.timer.id,
          kind: e.timer.kind,
          fireAt: e.timer.fireAt,
          payload: JSON.stringify(e.timer),
          claimedBy: null,
          claimedAt: null,
          done: 0,
          attempts: 0,
          lastError: null,
        });
      case 'timer.cancelled':
        return cancelTimer(this.trx, e.timerId);
      case 'service.requested': {
        const vars = await performService(this, live, e);
        this.enqueue(live.id, { type: 'serviceDone', tokenId: e.tokenId, vars });
        return;
      }
      case 'child.started':
        return this.#childStarted(live, e);
      case 'child.cancelled':
        this.enqueue(e.childId, { type: 'terminate', actor: SYSTEM_ACTOR, reason: '上级事项已撤销该环节' }, true);
        return;
      case 'subscription.opened':
      case 'subscription.closed':
        return;
      case 'notify':
        return this.#notify(live, e);
      case 'audit': {
        const data: Record<string, unknown> = { ...(e.data ?? {}) };
        if (e.elementId) data.elementId = e.elementId;
        if (e.taskId) data.taskId = e.taskId;
        if (e.action === 'task.completed' && e.taskId && this.notes.get(e.taskId)?.formData) data.form = this.notes.get(e.taskId)!.formData;
        return this.audit(itemId, e.action, { actor: e.actor, opinion: e.opinion, data });
      }
      case 'instance.completed':
        if (live.parentInstanceId && live.parentTokenId) {
          this.enqueue(
            live.parentInstanceId,
            { type: 'childDone', tokenId: live.parentTokenId, childId: live.id, vars: { ...rootVars(live.state) } },
            true,
          );
        }
        return;
      case 'instance.terminated':
        return;
    }
  }

  #taskRow(live: LiveInstance, task: TaskState) {
    const a = task.assignment;
    const candidates = this.ctx.dir.resolve(a);
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

  async #taskCreated(live: LiveInstance, task: TaskState, name: string, formKey: string | undefined): Promise<void> {
    const { candidates, set } = this.#taskRow(live, task);
    await insertTask(this.trx, {
      id: task.id,
      instanceId: live.id,
      itemId: live.item.id,
      taskKey: task.id,
      elementId: task.elementId,
      name,
      formKey: formKey ?? null,
      kind: task.kind,
      ...set,
      status: 'open',
      outcome: null,
      opinion: null,
      formData: null,
      actorId: null,
      actorName: null,
      createdAt: this.now,
      completedAt: null,
      origin: task.origin,
    });
    this.participate(live.item.id, candidates);
    if (task.assignment.type === 'unit') this.addUnit(live.item.id, String(task.assignment.value));
    if (candidates.length === 0) {
      // Nobody in the directory holds the assignment (e.g. an upper-level leader): the office
      // handles the step on their behalf rather than leaving a task nobody can see.
      await this.audit(live.item.id, 'task.noCandidates', {
        data: { taskId: task.id, elementId: task.elementId, assignment: task.assignment, who: this.ctx.dir.describe(task.assignment), fallback: FALLBACK_ROLE },
      });
      this.enqueue(live.id, { type: 'reassign', taskId: task.id, actor: SYSTEM_ACTOR, to: { type: 'role', value: FALLBACK_ROLE }, opinion: `通讯录中没有“${this.ctx.dir.describe(task.assignment)}”，由督查室代为办理` }, true);
      return;
    }
    if (!task.suspended) await this.#pushTodo(live, task, name, candidates);
  }

  async #taskUpdated(live: LiveInstance, task: TaskState, change: string): Promise<void> {
    const { candidates, set } = this.#taskRow(live, task);
    await updateTask(this.trx, task.id, set);
    this.participate(live.item.id, candidates);
    if (task.assignment.type === 'unit') this.addUnit(live.item.id, String(task.assignment.value));
    if (change === 'suspended') return this.job('todo.remove', { id: task.id });
    if (change === 'urged') return;
    const name = live.def.model.elements[task.elementId]?.name ?? task.elementId;
    await this.#pushTodo(live, task, name, candidates);
  }

  async #pushTodo(live: LiveInstance, task: TaskState, name: string, userIds: string[]): Promise<void> {
    await this.job('todo.push', {
      id: task.id,
      userIds,
      title: `${name}：${live.item.title}`,
      itemTitle: live.item.title,
      url: `/#/tasks/${encodeURIComponent(task.id)}`,
      dueDate: task.dueDate,
      createdAt: this.now,
    });
  }

  async #notify(live: LiveInstance, e: Extract<Effect, { type: 'notify' }>): Promise<void> {
    const task = live.state.tasks[e.taskId];
    const userIds = task ? this.ctx.dir.resolve(task.assignment) : [];
    const name = task ? live.def.model.elements[task.elementId]?.name ?? '' : '';
    const due = task?.dueDate ? `，办理期限 ${task.dueDate}` : '';
    await this.job('notify', {
      id: randomUUID(),
      userIds,
      title: `【${NOTIFY_TITLES[e.reason] ?? '提醒'}】${live.item.title}`,
      body: `“${live.item.title}”的“${name}”环节${e.reason === 'overdue' ? '已超过办理期限' : e.reason === 'warn' ? '即将到期' : '请及时办理'}${due}。${e.note ?? ''}`,
      url: `/#/tasks/${encodeURIComponent(e.taskId)}`,
      method: e.method,
    });
  }

  async #childStarted(live: LiveInstance, e: Extract<Effect, { type: 'child.started' }>): Promise<void> {
    const def = await this.ctx.definitions.get(e.processKey, undefined, this.trx);
    // A child item per unit belongs to that unit alone (the parent's lead unit must not read another unit's case).
    const ownUnit = typeof e.vars.unit === 'string' && this.ctx.dir.unit(e.vars.unit) ? e.vars.unit : null;
    const { units, lead } = ownUnit ? { units: [ownUnit], lead: ownUnit } : unitsOfVars(e.vars, this.ctx.dir);
    const sub = e.vars.item && typeof e.vars.item === 'object' && typeof (e.vars.item as { title?: unknown }).title === 'string' ? (e.vars.item as { title: string }).title : null;
    const unitLabel = [sub, ownUnit ? this.ctx.dir.unitName(ownUnit) : sub ? null : def.name].filter(Boolean).join('，');
    const deadline = typeof e.vars.deadline === 'string' ? e.vars.deadline : null;
    const child = await createItem(
      this.trx,
      this.ctx.dir,
      {
        procedureKey: def.key,
        procedureName: def.name,
        category: def.meta.category ?? live.item.category,
        title: `${live.item.title}（${unitLabel}）`,
        source: live.item.source,
        units,
        leadUnitId: lead,
        dueDate: deadline,
        createdBy: this.actor?.id ?? live.item.createdBy,
        parent: live.item,
      },
      this.now,
    );
    await this.audit(child.id, 'item.created', {
      actor: this.actor,
      data: { procedureKey: def.key, version: def.version, parentItemId: live.item.id, parentCode: live.item.code },
    });
    await this.audit(live.item.id, 'child.started', { actor: this.actor, data: { childItemId: child.id, code: child.code, title: child.title } });
    await this.start(def, child, { ...e.vars, itemId: child.id, caseNo: child.code, parentItemId: live.item.id }, this.actor ?? SYSTEM_ACTOR, {
      instanceId: live.id,
      tokenId: e.tokenId,
      childId: e.childId,
    });
  }
}
