import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor } from '../../engine';
import type { DB } from '../db/schema';
import { isDateString } from '../../engine';
import { attachmentIdsIn, linkAttachments } from '../attachments/attachment.repository';
import type { AppContext } from '../context';
import type { Principal } from '../directory/directory.service';
import { conflict, forbidden, invalid, notFound } from '../errors';
import { allocateItemCode, createItem, unitsOfVars } from '../items/item.factory';
import { claimDueTimer, deferTimer, markTimerFired } from '../scheduler/timer.repository';
import type { TimerTable } from '../scheduler/scheduler.table';
import { mayStart } from '../policy/policy';
import { findInstance, findInstanceOfItem } from './instance.repository';
import { ActionSession, SYSTEM_ACTOR, VersionConflict, type LiveInstance } from './session';

/** How often an action is retried when another action changed the same instance first. */
const MAX_ATTEMPTS = 4;

/** Input of starting an item. */
export interface StartItemInput {
  procedureKey: string;
  title: string;
  source?: string;
  units?: string[];
  leadUnit?: string;
  deadline?: string;
  vars?: Record<string, unknown>;
}

/** The person as the engine sees them. */
export const actorOf = (p: Principal): Actor => ({ id: p.id, name: p.name });

/**
 * Runs every change to items and instances as one transaction through an
 * ActionSession: start an item, apply a command, fire a timer.
 */
export class InstanceService {
  constructor(private readonly ctx: AppContext) {}

  /**
   * Run `work` in a transaction, then save the session. A lost optimistic lock
   * (VersionConflict) rolls everything back and runs `work` again on fresh state;
   * `work` itself decides whether the action still applies (e.g. the task is
   * still open) and otherwise throws 409.
   */
  async transact<T>(actor: Actor | null, work: (s: ActionSession) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const action = async (trx: Transaction<DB>) => {
          const session = new ActionSession(trx, this.ctx, this.ctx.now(), actor);
          const result = await work(session);
          await session.drain();
          await session.flush();
          return result;
        };
        return await (this.ctx.writer ? this.ctx.writer.run(action) : this.ctx.db.transaction().execute(action));
      } catch (err) {
        if (err instanceof VersionConflict && attempt < MAX_ATTEMPTS) continue;
        if (err instanceof VersionConflict) throw conflict();
        if (isSerializationFailure(err) && attempt < MAX_ATTEMPTS) continue;
        throw err;
      }
    }
  }

  /** Register a new item of a procedure and start its process. */
  async startItem(user: Principal, input: StartItemInput): Promise<{ itemId: string; code: string; instanceId: string }> {
    const def = await this.ctx.definitions.get(input.procedureKey);
    if (!mayStart(this.ctx.dir.policy, user.roles, def.key)) throw forbidden(`您没有登记“${def.name}”事项的权限`);
    const fields: { field: string; message: string }[] = [];
    const title = input.title.trim();
    if (!title) fields.push({ field: 'title', message: '事项名称不能为空' });
    // Variables keep the source's code (gateways test it); the item shows its label.
    let sourceCode = input.source?.trim() || null;
    let source = sourceCode;
    if (sourceCode && def.meta.startSources.length) {
      const found = def.meta.startSources.find((s) => s.code === sourceCode || s.label === sourceCode);
      if (!found) fields.push({ field: 'source', message: `启动来源应为：${def.meta.startSources.map((s) => s.label).join('、')}` });
      else {
        sourceCode = found.code;
        source = found.label;
      }
    }
    for (const u of input.units ?? []) if (!this.ctx.dir.unit(u)) fields.push({ field: 'units', message: `单位“${u}”不存在` });
    if (input.leadUnit && !(input.units ?? []).includes(input.leadUnit)) fields.push({ field: 'leadUnit', message: '牵头单位须为所列承办单位之一' });
    if (input.deadline && !isDateString(input.deadline)) fields.push({ field: 'deadline', message: '日期格式应为 YYYY-MM-DD' });
    if (fields.length) throw invalid('登记信息有误', fields);

    const vars: Record<string, unknown> = { ...(input.vars ?? {}), title };
    if (sourceCode) vars.source = sourceCode;
    if (input.units) vars.units = input.units;
    if (input.leadUnit) vars.leadUnit = input.leadUnit;
    if (input.deadline) vars.deadline = input.deadline;
    const { units, lead } = unitsOfVars(vars, this.ctx.dir);

    // On PostgreSQL the code is taken in a short transaction of its own, so registrations do not
    // queue on the counter row for a whole action; SQLite has one writer anyway, and taking it
    // inside the action leaves no gap when the action fails.
    const code = this.ctx.writer ? undefined : await this.ctx.db.transaction().execute((trx) => allocateItemCode(trx, def.meta.category, this.ctx.now()));
    return this.transact(actorOf(user), async (s) => {
      const item = await createItem(
        s.trx,
        this.ctx.dir,
        {
          procedureKey: def.key,
          procedureName: def.name,
          category: def.meta.category,
          title,
          source,
          units,
          leadUnitId: lead,
          dueDate: input.deadline ?? null,
          createdBy: user.id,
          code,
        },
        s.now,
      );
      s.audit.add(item.id, 'item.created', { actor: actorOf(user), data: { procedureKey: def.key, version: def.version, code: item.code, title, source, units } });
      await linkAttachments(s.trx, item.id, attachmentIdsIn(vars), user.id);
      const live = await s.start(def, item, { ...vars, itemId: item.id, caseNo: item.code }, actorOf(user));
      return { itemId: item.id, code: item.code, instanceId: live.id };
    });
  }

  /** Deliver a message (e.g. a leader's instruction, `leader-instruction`) to an item's process (capability `item.message`). */
  async message(user: Principal, itemId: string, name: string, vars: Record<string, unknown> = {}) {
    if (!this.ctx.dir.can(user, 'item.message')) throw forbidden('您没有向事项下达批示等消息的权限');
    return this.transact(actorOf(user), async (s) => {
      const row = await findInstanceOfItem(s.trx, itemId, true);
      if (!row) throw notFound('督办事项不存在或您无权查看', 'ITEM_NOT_FOUND');
      const live = await s.claim(row, undefined, true);
      s.enqueue(live.id, { type: 'message', name, vars, actor: actorOf(user) });
      await s.drain();
      return { itemId, delivered: name };
    });
  }

  /** Terminate (终止) an item with a reason (capability `item.terminate`). Child items end with it. */
  async terminate(user: Principal, itemId: string, reason: string) {
    if (!this.ctx.dir.can(user, 'item.terminate')) throw forbidden('您没有终止事项的权限');
    if (!reason.trim()) throw invalid('请写明终止理由', [{ field: 'reason', message: '终止理由不能为空' }]);
    return this.transact(actorOf(user), async (s) => {
      const row = await findInstanceOfItem(s.trx, itemId, true);
      if (!row) throw notFound('督办事项不存在或您无权查看', 'ITEM_NOT_FOUND');
      const live = await s.claim(row, undefined, true);
      s.enqueue(live.id, { type: 'terminate', actor: actorOf(user), reason });
      await s.drain();
      return { itemId, status: 'terminated' as const };
    });
  }

  /**
   * Fire the earliest due timer, exactly once: the timer row is claimed (SKIP LOCKED
   * on PostgreSQL) and marked done in the same transaction as the effects. Returns
   * false when nothing was due.
   */
  async fireDueTimer(): Promise<boolean> {
    let failed: { timer: TimerTable; error: unknown } | undefined;
    let fired = false;
    try {
      fired = await this.transact(SYSTEM_ACTOR, async (s) => {
        const timer = await claimDueTimer(s.trx, s.now);
        if (!timer) return false;
        const row = await findInstance(s.trx, timer.instanceId);
        try {
          if (row && row.status === 'running') {
            const live = await s.claim(row);
            if (timer.kind === DEFERRED_MESSAGE) deliverDeferred(s, live, JSON.parse(timer.payload) as DeferredMessage);
            else s.enqueue(row.id, { type: 'fireTimer', timerId: timer.timerKey }, true);
            await s.drain();
          }
        } catch (error) {
          if (error instanceof VersionConflict) throw error;
          failed = { timer, error };
          throw error;
        }
        await markTimerFired(s.trx, timer.id, this.ctx.nodeId, s.now);
        return true;
      });
    } catch (err) {
      if (!failed) throw err;
      // A timer whose firing fails is pushed back with a growing delay, not lost and not retried in a hot loop.
      const { timer, error } = failed as { timer: TimerTable; error: unknown };
      const delay = Math.min(3_600_000, 5_000 * 2 ** Math.min(timer.attempts, 10));
      await deferTimer(this.ctx.db, timer.id, this.ctx.now() + delay, String((error as Error)?.message ?? error));
      return true;
    }
    return fired;
  }
}

/** Timer rows of this kind carry a message to deliver to a step (e.g. an extension request carried over by a migration). */
const DEFERRED_MESSAGE = 'message';

/** A message waiting in a timer row for the step it is addressed to. */
interface DeferredMessage {
  message: string;
  taskId: string;
  actorId: string;
  vars: Record<string, unknown>;
}

/**
 * Deliver a deferred message to the step holding `taskId`. When the step is gone, or its
 * diagram version has no boundary waiting for that message, the record says so and the
 * sender is told — the message is not retried forever.
 */
function deliverDeferred(s: ActionSession, live: LiveInstance, m: DeferredMessage): void {
  const task = live.state.tasks[m.taskId];
  const waiting = task && Object.values(live.state.subs).some((sub) => sub.kind === 'message' && sub.name === m.message && sub.tokenId === task.tokenId);
  const actor = { id: m.actorId, name: s.ctx.dir.personName(m.actorId) };
  if (!task || !waiting) {
    const reason = task ? '该环节所用流程版本未设置延期路径，请在办理环节重新申请' : '申请所在的环节已办结';
    s.audit.add(live.item.id, 'message.undeliverable', { actor, data: { message: m.message, taskId: m.taskId, reason } });
    s.outbox.push('notify', { id: randomUUID(), userIds: [m.actorId], title: `【延期申请未能转入审批】${live.item.title}`, body: reason, url: `/#/items/${live.item.id}` });
    return;
  }
  s.audit.add(live.item.id, 'extension.requested', {
    actor,
    opinion: typeof m.vars.reason === 'string' ? m.vars.reason : null,
    data: { requestId: m.vars.extensionRequestId, taskId: m.taskId, elementId: task.elementId, from: m.vars.currentDeadline ?? null, to: m.vars.requestedDeadline, carriedOver: true },
  });
  s.enqueue(live.id, { type: 'message', name: m.message, tokenId: task.tokenId, vars: m.vars, actor });
}

/** PostgreSQL serialization / deadlock failures are retried like a lost optimistic lock. */
function isSerializationFailure(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === '40001' || code === '40P01';
}

