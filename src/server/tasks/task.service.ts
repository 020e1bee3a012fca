import { randomUUID } from 'node:crypto';
import { isDateString, step, type Assignment, type FieldPermissions, type UrgeMethod } from '../../engine';
import { applyPermissions, listFields, redactData, validateSubmission, type SchemaNode } from '../../forms';
import { attachmentIdsIn, linkAttachments } from '../attachments/attachment.repository';
import type { AppContext } from '../context';
import type { Principal } from '../directory/directory.service';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors';
import { canReadItem } from '../items/item.access';
import { findItem } from '../items/item.repository';
import { findInstance } from '../instances/instance.repository';
import { actorOf, type InstanceService } from '../instances/instance.service';
import type { ActionSession, LiveInstance } from '../instances/session';
import { sendBackTargets, taskVars } from '../instances/state';
import {
  advanceExtension,
  findExtension,
  findPendingExtension,
  findTask,
  insertExtension,
  listDone,
  listExtensionsByStatus,
  listTodos,
} from './task.repository';
import type { TaskTable } from './task.table';

/** Roles that may urge (催办) any open task: the office and the county leaders; R6 may urge the units they liaise with. */
const URGE_ROLES = ['R1', 'R2', 'R3', 'R4', 'R5', 'R7', 'R8'];

/** The actions a person may take on a task, as the task detail offers them. */
export type TaskAction = 'complete' | 'sendBack' | 'withdraw' | 'reassign' | 'delegate' | 'addSigner' | 'urge' | 'requestExtension';

const assignmentOf = (t: Pick<TaskTable, 'assignType' | 'assignValue' | 'assignScope'>) => ({ type: t.assignType, value: t.assignValue, scope: t.assignScope });

const READ_ONLY: FieldPermissions = { editable: [], readonly: ['*'], hidden: [], otherwise: 'readonly' };

/** Acting on tasks (办理, 退回, 撤回, 转办, 委派, 加签, 催办, 延期) and reading them. */
export class TaskService {
  constructor(
    private readonly ctx: AppContext,
    private readonly instances: InstanceService,
  ) {}

  // ------------------------------------------------------------ guards

  /** Load a task in the action's transaction and check the user may act on it as a candidate; claims its instance. */
  async #asCandidate(s: ActionSession, user: Principal, taskId: string): Promise<{ task: TaskTable; live: LiveInstance }> {
    const task = await this.#visibleTask(s, user, taskId);
    if (task.status !== 'open') throw conflict();
    if (!this.ctx.dir.isCandidate(user, assignmentOf(task))) throw forbidden('该任务不在您的待办中，不能办理');
    if (task.suspended) throw new AppError('TASK_SUSPENDED', '该任务正在等待加签人先行办理', { status: 409 });
    return { task, live: await this.#claim(s, task) };
  }

  async #visibleTask(s: ActionSession, user: Principal, taskId: string): Promise<TaskTable> {
    const task = await findTask(s.trx, taskId);
    const visible =
      task &&
      (this.ctx.dir.isCandidate(user, assignmentOf(task)) || task.actorId === user.id || (await canReadItem(s.trx, user, { id: task.itemId })));
    if (!task || !visible) throw notFound('任务不存在或您无权查看', 'TASK_NOT_FOUND');
    return task;
  }

  async #claim(s: ActionSession, task: TaskTable): Promise<LiveInstance> {
    const live = await s.reach(task.instanceId);
    if (!live) throw notFound('流程实例不存在', 'INSTANCE_NOT_FOUND');
    // The row said open but the state moved on (e.g. completed in a transaction we lost to): someone else was first.
    if (!live.state.tasks[task.id]) throw conflict();
    return live;
  }

  #checkAssignment(a: Assignment, field: string): Assignment {
    const dir = this.ctx.dir;
    const ok =
      (a.type === 'user' && !!dir.person(a.value)) ||
      (a.type === 'unit' && !!dir.unit(a.value)) ||
      (a.type === 'liaison' && !!dir.unit(a.value)) ||
      (a.type === 'role' && dir.snapshot.roles.some((r) => r.id === a.value));
    if (!ok) throw invalid('办理人不存在', [{ field, message: '所选人员、单位或角色在通讯录中不存在' }]);
    return a.scope ? { type: a.type, value: a.value, scope: a.scope } : { type: a.type, value: a.value };
  }

  #mayUrge(user: Principal, task: TaskTable): boolean {
    if (user.roles.some((r) => URGE_ROLES.includes(r))) return true;
    return task.assignType === 'unit' && user.liaisonUnits.includes(task.assignValue);
  }

  // ------------------------------------------------------------ actions

  /** 办理: complete a task with an outcome, an opinion and the step's form data (checked against field permissions). */
  async complete(user: Principal, taskId: string, body: { outcome?: string; opinion?: string; data?: Record<string, unknown> }) {
    return this.instances.transact(actorOf(user), async (s) => {
      const { task, live } = await this.#asCandidate(s, user, taskId);
      const el = live.def.model.elements[task.elementId];
      let vars: Record<string, unknown> = {};
      const submitted = body.data ?? {};
      if (task.formKey) {
        const form = await this.ctx.forms.get(task.formKey, s.trx);
        const names = new Set(listFields(form.schema as SchemaNode).map((f) => f.name));
        const all = taskVars(live.state, task.id);
        const previous = Object.fromEntries(Object.entries(all).filter(([k]) => names.has(k)));
        const result = await validateSubmission(form, submitted, { permissions: el?.fields, previous });
        if (!result.ok) throw invalid('表单填写有误，请检查标出的字段', result.errors.map((e) => ({ field: e.field, message: e.message })), 'FORM_INVALID');
        vars = result.data;
      } else if (Object.keys(submitted).length) {
        throw invalid('该环节没有表单，不能提交表单数据', Object.keys(submitted).map((field) => ({ field, message: '该环节没有此字段' })), 'FORM_INVALID');
      }
      const outcome = body.outcome ?? (typeof vars.outcome === 'string' ? vars.outcome : undefined);
      s.notes.set(task.id, { opinion: body.opinion ?? null, formData: submitted });
      await linkAttachments(s.trx, task.itemId, attachmentIdsIn(submitted), user.id);
      s.enqueue(live.id, { type: 'complete', taskId: task.id, actor: actorOf(user), outcome, opinion: body.opinion, vars });
      await s.drain();
      return { taskId: task.id, itemId: task.itemId, status: 'completed' as const };
    });
  }

  /** 退回: send the item back to an earlier step with an opinion. */
  async sendBack(user: Principal, taskId: string, body: { target: string; opinion: string }) {
    return this.instances.transact(actorOf(user), async (s) => {
      const { task, live } = await this.#asCandidate(s, user, taskId);
      s.enqueue(live.id, { type: 'sendBack', taskId: task.id, actor: actorOf(user), target: body.target, opinion: body.opinion });
      await s.drain();
      return { taskId: task.id, itemId: task.itemId };
    });
  }

  /** 撤回: take back a step I completed while the next step is untouched (task id = my completed task). */
  async withdraw(user: Principal, taskId: string, body: { opinion?: string }) {
    return this.instances.transact(actorOf(user), async (s) => {
      const task = await this.#visibleTask(s, user, taskId);
      if (task.actorId !== user.id || task.status !== 'completed') throw forbidden('只能撤回本人已办理的事项');
      const live = await s.reach(task.instanceId);
      if (!live) throw notFound('流程实例不存在', 'INSTANCE_NOT_FOUND');
      s.enqueue(live.id, { type: 'withdraw', taskId: task.id, actor: actorOf(user), opinion: body.opinion });
      await s.drain();
      return { taskId: task.id, itemId: task.itemId };
    });
  }

  /** 转办: hand the task to someone else. */
  async reassign(user: Principal, taskId: string, body: { to: Assignment; opinion?: string }) {
    const to = this.#checkAssignment(body.to, 'to');
    return this.instances.transact(actorOf(user), async (s) => {
      const { task, live } = await this.#asCandidate(s, user, taskId);
      s.enqueue(live.id, { type: 'reassign', taskId: task.id, actor: actorOf(user), to, opinion: body.opinion });
      await s.drain();
      return { taskId: task.id, itemId: task.itemId };
    });
  }

  /** 委派: let someone do the work; it comes back to me. */
  async delegate(user: Principal, taskId: string, body: { to: Assignment; opinion?: string }) {
    const to = this.#checkAssignment(body.to, 'to');
    return this.instances.transact(actorOf(user), async (s) => {
      const { task, live } = await this.#asCandidate(s, user, taskId);
      s.enqueue(live.id, { type: 'delegate', taskId: task.id, actor: actorOf(user), to, opinion: body.opinion });
      await s.drain();
      return { taskId: task.id, itemId: task.itemId };
    });
  }

  /** 加签: add a signer before or after me. */
  async addSigner(user: Principal, taskId: string, body: { signer: Assignment; position: 'before' | 'after'; opinion?: string }) {
    const signer = this.#checkAssignment(body.signer, 'signer');
    return this.instances.transact(actorOf(user), async (s) => {
      const { task, live } = await this.#asCandidate(s, user, taskId);
      s.enqueue(live.id, { type: 'addSigner', taskId: task.id, actor: actorOf(user), signer, position: body.position, opinion: body.opinion });
      await s.drain();
      return { taskId: task.id, itemId: task.itemId };
    });
  }

  /** 催办: urge the handler of an open task; logged with its method. */
  async urge(user: Principal, taskId: string, body: { method: UrgeMethod; note?: string }) {
    return this.instances.transact(actorOf(user), async (s) => {
      const task = await this.#visibleTask(s, user, taskId);
      if (!this.#mayUrge(user, task)) throw forbidden('只有督查室、县领导或联系副主任可以催办');
      if (task.status !== 'open') throw conflict('该任务已办结，无需催办');
      const live = await this.#claim(s, task);
      s.enqueue(live.id, { type: 'urge', taskId: task.id, actor: actorOf(user), method: body.method, note: body.note });
      await s.drain();
      return { taskId: task.id, itemId: task.itemId };
    });
  }

  // ------------------------------------------------------------ 延期 (P6.4x: unit → R7 审核 → R5 审定)

  /** Ask for a later deadline: the request goes to the 督查室主任 (R7), then the 县政府办主任 (R5). */
  async requestExtension(user: Principal, taskId: string, body: { newDue: string; reason: string }) {
    if (!isDateString(body.newDue)) throw invalid('申请延期的日期无效', [{ field: 'newDue', message: '日期格式应为 YYYY-MM-DD' }]);
    if (!body.reason.trim()) throw invalid('请写明延期理由', [{ field: 'reason', message: '延期理由不能为空' }]);
    return this.instances.transact(actorOf(user), async (s) => {
      const task = await this.#visibleTask(s, user, taskId);
      if (task.status !== 'open') throw conflict();
      if (!this.ctx.dir.isCandidate(user, assignmentOf(task))) throw forbidden('只有承办人可以申请延期');
      if (!task.dueDate) throw invalid('该环节没有办理期限，无需延期', undefined, 'NO_DEADLINE');
      if (body.newDue <= task.dueDate) throw invalid(`新的期限应晚于当前期限 ${task.dueDate}`, [{ field: 'newDue', message: '应晚于当前期限' }]);
      if (await findPendingExtension(s.trx, task.id)) throw conflict('该任务已有待审批的延期申请');
      const id = randomUUID();
      await insertExtension(s.trx, {
        id,
        taskId: task.id,
        itemId: task.itemId,
        requestedBy: user.id,
        reason: body.reason,
        currentDue: task.dueDate,
        newDue: body.newDue,
        status: 'pending-review',
        reviewedBy: null,
        reviewOpinion: null,
        decidedBy: null,
        decisionOpinion: null,
        createdAt: s.now,
        updatedAt: s.now,
      });
      await s.audit(task.itemId, 'extension.requested', { actor: actorOf(user), opinion: body.reason, data: { requestId: id, taskId: task.id, from: task.dueDate, to: body.newDue } });
      const reviewers = this.ctx.dir.resolve({ type: 'role', value: 'R7' });
      await s.job('notify', { id: randomUUID(), userIds: reviewers, title: '【延期申请】待审核', body: `${user.unitName}${user.name}申请将期限延至 ${body.newDue}：${body.reason}`, url: '/#/extensions' });
      return { id, status: 'pending-review' };
    });
  }

  /** Review (R7) or decide (R5) an extension request; approval by R5 moves the deadline through the engine. */
  async decideExtension(user: Principal, id: string, body: { approve: boolean; opinion?: string }) {
    return this.instances.transact(actorOf(user), async (s) => {
      const req = await findExtension(s.trx, id);
      if (!req) throw notFound('延期申请不存在', 'EXTENSION_NOT_FOUND');
      const stage = req.status === 'pending-review' ? 'R7' : req.status === 'pending-approval' ? 'R5' : null;
      if (!stage) throw conflict('该延期申请已处理');
      if (!user.roles.includes(stage)) throw forbidden(stage === 'R7' ? '延期申请须由督查室主任审核' : '延期申请须由县政府办主任审定');
      const next = !body.approve ? 'rejected' : stage === 'R7' ? 'pending-approval' : 'approved';
      const set = stage === 'R7' ? { reviewedBy: user.id, reviewOpinion: body.opinion ?? null } : { decidedBy: user.id, decisionOpinion: body.opinion ?? null };
      if (!(await advanceExtension(s.trx, id, req.status, { ...set, status: next, updatedAt: s.now }))) throw conflict();
      await s.audit(req.itemId, stage === 'R7' ? 'extension.reviewed' : 'extension.decided', {
        actor: actorOf(user),
        opinion: body.opinion,
        data: { requestId: id, approve: body.approve, status: next },
      });
      if (next === 'approved') {
        const task = await findTask(s.trx, req.taskId);
        if (!task || task.status !== 'open') throw conflict('该任务已办结，无需延期');
        const live = await this.#claim(s, task);
        s.enqueue(live.id, { type: 'extend', taskId: task.id, actor: actorOf(user), newDue: req.newDue, reason: req.reason });
        await s.drain();
      }
      if (next === 'pending-approval') {
        await s.job('notify', { id: randomUUID(), userIds: this.ctx.dir.resolve({ type: 'role', value: 'R5' }), title: '【延期申请】待审定', body: `延期至 ${req.newDue}：${req.reason}`, url: '/#/extensions' });
      }
      await s.job('notify', { id: randomUUID(), userIds: [req.requestedBy], title: '【延期申请】处理结果', body: { approved: '延期申请已批准', rejected: '延期申请未获批准', 'pending-approval': '延期申请已通过审核，待审定' }[next] ?? next, url: `/#/items/${req.itemId}` });
      return { id, status: next };
    });
  }

  /** Extension requests waiting for this user (R7: to review, R5: to decide). */
  async pendingExtensions(user: Principal) {
    const out = [];
    if (user.roles.includes('R7')) out.push(...(await listExtensionsByStatus(this.ctx.db, 'pending-review')));
    if (user.roles.includes('R5')) out.push(...(await listExtensionsByStatus(this.ctx.db, 'pending-approval')));
    return out.map((e) => ({ ...e, requestedByName: this.ctx.dir.personName(e.requestedBy) }));
  }

  // ------------------------------------------------------------ reading

  /** My to-dos. */
  async todos(user: Principal, page: number, pageSize: number) {
    const { rows, total } = await listTodos(this.ctx.db, user, pageSize, (page - 1) * pageSize);
    return { total, page, pageSize, rows: rows.map((r) => this.#listRow(r)) };
  }

  /** My done. */
  async done(user: Principal, page: number, pageSize: number) {
    const { rows, total } = await listDone(this.ctx.db, user.id, pageSize, (page - 1) * pageSize);
    return { total, page, pageSize, rows: rows.map((r) => this.#listRow(r)) };
  }

  #listRow(r: Awaited<ReturnType<typeof listTodos>>['rows'][number]) {
    const now = this.ctx.now();
    return {
      ...r,
      assignee: this.ctx.dir.describe({ type: r.assignType, value: r.assignValue, scope: r.assignScope }),
      light: lightOf(r, now),
    };
  }

  /** A task with its form (this step's field permissions applied), data, and the actions this user may take. */
  async detail(user: Principal, taskId: string) {
    const db = this.ctx.db;
    const task = await findTask(db, taskId);
    const isCandidate = !!task && this.ctx.dir.isCandidate(user, assignmentOf(task));
    if (!task || !(isCandidate || task.actorId === user.id || (await canReadItem(db, user, { id: task.itemId })))) {
      throw notFound('任务不存在或您无权查看', 'TASK_NOT_FOUND');
    }
    const item = (await findItem(db, task.itemId))!;
    const row = (await findInstance(db, task.instanceId))!;
    const def = await this.ctx.definitions.get(row.definitionKey, row.definitionVersion);
    const state = JSON.parse(row.state);
    const el = def.model.elements[task.elementId];
    const open = task.status === 'open';
    const canAct = open && isCandidate && !task.suspended;

    let form: { key: string; name: string; document?: string; schema: unknown } | null = null;
    let data: Record<string, unknown> = {};
    if (task.formKey) {
      const def2 = await this.ctx.forms.get(task.formKey);
      const perms: FieldPermissions = canAct ? el?.fields ?? { editable: ['*'], readonly: [], hidden: [], otherwise: 'editable' } : { ...READ_ONLY, hidden: el?.fields?.hidden ?? [] };
      const names = new Set(listFields(def2.schema as SchemaNode).map((f) => f.name));
      const source = open ? taskVars(state, task.id) : { ...(task.formData ? JSON.parse(task.formData) : {}) };
      data = redactData(def2.schema as SchemaNode, perms, Object.fromEntries(Object.entries(source).filter(([k]) => names.has(k))));
      form = { key: def2.key, name: def2.name, document: def2.document, schema: applyPermissions(def2.schema as SchemaNode, perms) };
    }

    const actions: TaskAction[] = [];
    let targets: ReturnType<typeof sendBackTargets> = [];
    if (canAct) {
      actions.push('complete', 'reassign', 'addSigner');
      if (!state.tasks[task.id]?.delegatedTo) actions.push('delegate');
      targets = sendBackTargets(state, def.model, task.id);
      if (targets.length) actions.push('sendBack');
      if (task.dueDate && !(await findPendingExtension(db, task.id))) actions.push('requestExtension');
    }
    if (open && this.#mayUrge(user, task)) actions.push('urge');
    if (task.status === 'completed' && task.actorId === user.id && state.status === 'running') {
      try {
        step(def.model, state, { type: 'withdraw', taskId: task.id, actor: actorOf(user) }, this.ctx.now(), this.ctx.calendar.calendar);
        actions.push('withdraw');
      } catch {
        // The engine refuses: the next step was already handled, so 撤回 is not offered.
      }
    }
    const delegated = state.tasks[task.id]?.delegatedTo;
    return {
      task: {
        ...task,
        formData: undefined,
        candidates: undefined,
        assignee: this.ctx.dir.describe(assignmentOf(task)),
        light: lightOf(task, this.ctx.now()),
        delegated: !!delegated,
        owner: task.ownerType ? this.ctx.dir.describe({ type: task.ownerType, value: task.ownerValue ?? '' }) : null,
      },
      item: { id: item.id, code: item.code, title: item.title, procedureKey: item.procedureKey, procedureName: item.procedureName, status: item.status, light: item.light, dueDate: item.dueDate },
      step: { elementId: task.elementId, name: el?.name ?? task.name, documentation: el?.documentation ?? null, outcomes: delegated ? [] : el?.outcomes ?? [] },
      form,
      data,
      actions,
      sendBackTargets: targets.map((t) => ({ elementId: t.elementId, name: t.name, actor: t.actor ? this.ctx.dir.personName(t.actor) : null })),
    };
  }
}

/** The light of a task row at `now`. */
export function lightOf(t: { status: string; dueAt: number | null; warnAt: number | null; completedAt?: number | null }, now: number): 'green' | 'yellow' | 'red' {
  const at = t.status === 'open' ? now : t.completedAt ?? now;
  if (t.dueAt != null && t.dueAt < at) return 'red';
  if (t.warnAt != null && t.warnAt <= at && t.status === 'open') return 'yellow';
  return 'green';
}
