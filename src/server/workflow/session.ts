import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import { startInstance, step, type Actor, type Command, type Effect, type InstanceState } from '../../engine';
import { setHead } from '../audit/audit.repository';
import { AuditBuffer, SYSTEM_ACTOR } from '../audit/audit.buffer';
import type { AppContext } from '../context';
import { dialectOf } from '../db/dialect';
import type { DB } from '../db/schema';
import type { Definition } from '../definitions/definition.service';
import { AppError } from '../errors';
import { findItem } from '../items/item.repository';
import { ItemMembers } from '../items/item.members';
import { syncItem } from '../items/item.sync';
import type { ItemTable } from '../items/item.table';
import { OutboxBuffer } from '../scheduler/outbox.buffer';
import { EFFECTS } from './effects';
import { fromEngineError } from './engine-errors';
import type { TaskTable } from '../tasks/task.table';
import { claimInstance, findInstanceWithItem, findTaskWithInstance, insertInstance, saveInstanceState } from './instance.repository';
import type { InstanceTable } from './instance.table';

export { SYSTEM_ACTOR };

/** Thrown when an instance moved on since it was loaded; callers retry the whole transaction. */
export class VersionConflict extends Error {
  constructor(readonly instanceId: string) {
    super(`instance <${instanceId}> was changed concurrently`);
    this.name = 'VersionConflict';
  }
}

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
  /** PostgreSQL: the row was read with FOR UPDATE, so this transaction holds it until the end. */
  locked: boolean;
  /** PostgreSQL: the item row was read with FOR UPDATE too, so its audit head is the current one. */
  itemLocked: boolean;
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

/**
 * One action = one transaction. The session claims the instances the action reaches, runs
 * the engine on queued commands, hands each effect to the domain that applies it (the table
 * in `effects.ts`), and at the end saves every state under the version it claimed. The
 * append-only rows an action produces are collected by their domains' buffers (audit,
 * outbox, item members) and written by `flush`.
 */
export class ActionSession {
  readonly live = new Map<string, LiveInstance>();
  /** Opinion and form data of the tasks this action completes. */
  readonly notes = new Map<string, TaskNote>();
  readonly audit: AuditBuffer;
  readonly outbox: OutboxBuffer;
  readonly members = new ItemMembers();
  readonly #queue: Queued[] = [];
  readonly #sqlite: boolean;

  constructor(
    readonly trx: Transaction<DB>,
    readonly ctx: AppContext,
    readonly now: number,
    readonly actor: Actor | null,
  ) {
    this.#sqlite = dialectOf(trx) === 'sqlite';
    this.audit = new AuditBuffer(ctx.dir, now);
    this.outbox = new OutboxBuffer(now);
  }

  get calendar() {
    return this.ctx.calendar.calendar;
  }

  /**
   * Claim an instance row the caller loaded in this transaction (with its item, if loaded
   * too). On PostgreSQL a row read without a lock has its version bumped now, so a
   * concurrent action on the same instance fails early and retries; a row read with FOR
   * UPDATE (`locked`) is this transaction's until it ends, as every row is on SQLite, where
   * the transaction holds the write lock (BEGIN IMMEDIATE). The final save still checks the
   * version it expects and bumps it. `locked` with `loadedItem`: both rows were read with
   * FOR UPDATE.
   */
  async claim(row: InstanceTable, loadedItem?: ItemTable, locked = false): Promise<LiveInstance> {
    const existing = this.live.get(row.id);
    if (existing) return existing;
    const held = this.#sqlite || locked;
    if (!held && !(await claimInstance(this.trx, row.id, row.version, this.now))) throw new VersionConflict(row.id);
    const def = await this.ctx.definitions.get(row.definitionKey, row.definitionVersion, this.trx);
    const item = loadedItem ?? (await findItem(this.trx, row.itemId));
    if (!item) throw new Error(`item <${row.itemId}> of instance <${row.id}> is missing`);
    const live: LiveInstance = {
      id: row.id,
      state: JSON.parse(row.state) as InstanceState,
      def,
      item,
      version: row.version + 1,
      expectedVersion: held ? row.version : row.version + 1,
      locked: !this.#sqlite && locked,
      itemLocked: !this.#sqlite && locked && loadedItem !== undefined,
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
    return found ? this.claim(found.instance, found.item, true) : undefined;
  }

  /**
   * Load a task with its instance and item in one query, and claim the instance (both rows
   * locked on PostgreSQL). Undefined when the task does not exist.
   */
  async reachTask(taskId: string): Promise<TaskTable | undefined> {
    const found = await findTaskWithInstance(this.trx, taskId, true);
    if (!found) return undefined;
    if (!this.live.has(found.instance.id)) await this.claim(found.instance, found.item, true);
    return found.task;
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
      // Inserted by this transaction: nobody else sees the row before the commit.
      locked: !this.#sqlite,
      itemLocked: false,
      parentInstanceId: parent?.instanceId ?? null,
      parentTokenId: parent?.tokenId ?? null,
    };
    this.live.set(id, live);
    await this.apply(live, result.effects);
    return live;
  }

  /** Apply effects in order, each by the domain that owns its kind. */
  async apply(live: LiveInstance, effects: Effect[]): Promise<void> {
    for (const e of effects) await (EFFECTS[e.type] as (s: ActionSession, l: LiveInstance, e: Effect) => Promise<void> | void)(this, live, e);
  }

  /**
   * Save every instance touched, guarded by its version; then the domains' buffers (item
   * members, audit entries, outbox jobs), and each item's status, light and audit head in
   * one update per item.
   */
  async flush(): Promise<void> {
    for (const live of this.live.values()) {
      const ok = await saveInstanceState(this.trx, live.id, live.expectedVersion, live.version, JSON.stringify(live.state), live.state.status, this.now, live.locked);
      if (!ok) throw new VersionConflict(live.id);
    }
    await this.members.flush(this.trx);
    // The item rows loaded in this write-locked transaction (SQLite) or locked with their
    // instance (PostgreSQL) hold the current heads.
    const loaded = (itemId: string) => {
      for (const l of this.live.values()) if (l.item.id === itemId && (this.#sqlite || l.itemLocked)) return { seq: l.item.auditSeq, hash: l.item.auditHash };
      return undefined;
    };
    const heads = await this.audit.flush(this.trx, loaded);
    const synced = new Set<string>();
    for (const live of this.live.values()) {
      const head = heads.get(live.item.id);
      await syncItem(this.trx, this.ctx.dir, live.item, live.state, this.now, head && { auditSeq: head.seq, auditHash: head.hash });
      synced.add(live.item.id);
    }
    for (const [itemId, head] of heads) if (!synced.has(itemId)) await setHead(this.trx, itemId, head);
    await this.outbox.flush(this.trx);
  }
}
