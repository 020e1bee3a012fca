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
import { findInstance } from './instance.repository';
import { ActionSession, SYSTEM_ACTOR, VersionConflict } from './session';

/** Roles allowed to register (start) an item: leaders, the office, 文秘室, 业务主管部门, 绩效办, admins. */
export const STARTER_ROLES = ['R1', 'R2', 'R3', 'R4', 'R5', 'R7', 'R8', 'R9', 'R11', 'R15', 'ADMIN'];

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
    if (!user.roles.some((r) => STARTER_ROLES.includes(r))) throw forbidden('您没有登记督办事项的权限');
    const def = await this.ctx.definitions.get(input.procedureKey);
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
      await s.audit(item.id, 'item.created', { actor: actorOf(user), data: { procedureKey: def.key, version: def.version, code: item.code, title, source, units } });
      await linkAttachments(s.trx, item.id, attachmentIdsIn(vars), user.id);
      const live = await s.start(def, item, { ...vars, itemId: item.id, caseNo: item.code }, actorOf(user));
      return { itemId: item.id, code: item.code, instanceId: live.id };
    });
  }

  /** Deliver a message (e.g. a leader's instruction, `leader-instruction`) to an item's process. Leaders and the office only. */
  async message(user: Principal, itemId: string, name: string, vars: Record<string, unknown> = {}) {
    if (!user.seesAllItems) throw forbidden('只有县领导和督查室可以向事项发送消息');
    return this.transact(actorOf(user), async (s) => {
      const row = await s.trx.selectFrom('instances').selectAll().where('itemId', '=', itemId).executeTakeFirst();
      if (!row) throw notFound('督办事项不存在或您无权查看', 'ITEM_NOT_FOUND');
      const live = await s.claim(row);
      s.enqueue(live.id, { type: 'message', name, vars, actor: actorOf(user) });
      await s.drain();
      return { itemId, delivered: name };
    });
  }

  /** Terminate (终止) an item with a reason: 督查室主任, 县政府办主任 or an administrator. Child items end with it. */
  async terminate(user: Principal, itemId: string, reason: string) {
    if (!user.roles.some((r) => ['R5', 'R7', 'ADMIN'].includes(r))) throw forbidden('只有督查室主任、县政府办主任或管理员可以终止事项');
    if (!reason.trim()) throw invalid('请写明终止理由', [{ field: 'reason', message: '终止理由不能为空' }]);
    return this.transact(actorOf(user), async (s) => {
      const row = await s.trx.selectFrom('instances').selectAll().where('itemId', '=', itemId).executeTakeFirst();
      if (!row) throw notFound('督办事项不存在或您无权查看', 'ITEM_NOT_FOUND');
      const live = await s.claim(row);
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
            await s.claim(row);
            s.enqueue(row.id, { type: 'fireTimer', timerId: timer.timerKey }, true);
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

/** PostgreSQL serialization / deadlock failures are retried like a lost optimistic lock. */
function isSerializationFailure(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === '40001' || code === '40P01';
}

