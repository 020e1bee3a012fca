import { randomUUID } from 'node:crypto';
import { EngineError, extensionMessage, isDateString, step, type Assignment, type FieldPermissions, type UrgeMethod } from '../../engine';
import { applyPermissions, listFields, redactData, validateSubmission, type SchemaNode } from '../../forms';
import { attachmentIdsIn, linkAttachments } from '../attachments/attachment.repository';
import type { AppContext } from '../context';
import type { Principal } from '../directory/directory.service';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors';
import { canReadItem } from '../items/item.access';
import { findItem } from '../items/item.repository';
import { findDocumentsOfItem, sealUsesOfTask } from '../documents/document.repository';
import { findInstance } from '../workflow/instance.repository';
import { actorOf, type InstanceService } from '../workflow/instance.service';
import type { ActionSession, LiveInstance } from '../workflow/session';
import { extensionBoundaryOf, extensionPending, sendBackTargets, taskVars } from '../workflow/state';
import { findTask, listDone, listTodos } from './task.repository';
import type { TaskSummary } from '../../shared/api';
import type { TaskTable } from './task.table';

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
    // Every action on a task goes on to its instance: both come in one query.
    const task = await s.reachTask(taskId);
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

  /** 催办: the `task.urge` capability, or the liaison of the unit that holds the task. */
  #mayUrge(user: Principal, task: TaskTable): boolean {
    if (this.ctx.dir.can(user, 'task.urge')) return true;
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
      if (!this.#mayUrge(user, task)) throw forbidden('您没有催办该任务的权限');
      if (task.status !== 'open') throw conflict('该任务已办结，无需催办');
      const live = await this.#claim(s, task);
      s.enqueue(live.id, { type: 'urge', taskId: task.id, actor: actorOf(user), method: body.method, note: body.note });
      await s.drain();
      return { taskId: task.id, itemId: task.itemId };
    });
  }

  // ------------------------------------------------------------ 延期 (X7): the diagram's path

  /**
   * 申请延期: the unit gives its reason and the date it asks for; the step's extension boundary
   * (a message boundary event of the diagram) starts the extension path the administrator
   * designed — review, approval, and the `extend` action that moves the deadline.
   */
  async requestExtension(user: Principal, taskId: string, body: { newDue: string; reason: string }) {
    if (!isDateString(body.newDue)) throw invalid('申请延期的日期无效', [{ field: 'newDue', message: '日期格式应为 YYYY-MM-DD' }]);
    if (!body.reason.trim()) throw invalid('请写明延期理由', [{ field: 'reason', message: '延期理由不能为空' }]);
    return this.instances.transact(actorOf(user), async (s) => {
      const task = await this.#visibleTask(s, user, taskId);
      if (task.status !== 'open') throw conflict();
      if (!this.ctx.dir.isCandidate(user, assignmentOf(task))) throw forbidden('只有承办人可以申请延期');
      if (!task.dueDate) throw invalid('该环节没有办理期限，无需延期', undefined, 'NO_DEADLINE');
      if (body.newDue <= task.dueDate) throw invalid(`新的期限应晚于当前期限 ${task.dueDate}`, [{ field: 'newDue', message: '应晚于当前期限' }]);
      const live = await this.#claim(s, task);
      const boundary = extensionBoundaryOf(live.def.model, task.elementId);
      if (!boundary) throw new AppError('EXTENSION_NOT_OFFERED', '该环节的流程未设置延期申请', { status: 409 });
      if (extensionPending(live.state, live.def.model, boundary.id)) throw conflict('该环节已有正在审批的延期申请', undefined);
      const requestId = randomUUID();
      s.audit.add(task.itemId, 'extension.requested', { actor: actorOf(user), opinion: body.reason, data: { requestId, taskId: task.id, elementId: task.elementId, from: task.dueDate, to: body.newDue } });
      s.enqueue(live.id, extensionMessage(live.state.tasks[task.id], { requestId, newDue: body.newDue, reason: body.reason, actor: actorOf(user) }));
      await s.drain();
      return { id: requestId, status: 'pending' as const };
    });
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

  #listRow(r: Awaited<ReturnType<typeof listTodos>>['rows'][number]): TaskSummary {
    const now = this.ctx.now();
    return {
      ...r,
      negative: r.negative === 1,
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
      const boundary = task.dueDate ? extensionBoundaryOf(def.model, task.elementId) : undefined;
      if (boundary && !extensionPending(state, def.model, boundary.id)) actions.push('requestExtension');
    }
    if (open && this.#mayUrge(user, task)) actions.push('urge');
    if (task.status === 'completed' && task.actorId === user.id && state.status === 'running') {
      try {
        step(def.model, state, { type: 'withdraw', taskId: task.id, actor: actorOf(user) }, this.ctx.now(), this.ctx.calendar.calendar);
        actions.push('withdraw');
      } catch (err) {
        // The engine refuses (the next step was already handled): 撤回 is not offered. Anything else is a bug.
        if (!(err instanceof EngineError)) throw err;
      }
    }
    const delegated = state.tasks[task.id]?.delegatedTo;
    return {
      task: {
        ...task,
        suspended: task.suspended === 1,
        negative: task.negative === 1,
        formData: undefined,
        candidates: undefined,
        assignee: this.ctx.dir.describe(assignmentOf(task)),
        light: lightOf(task, this.ctx.now()),
        delegated: !!delegated,
        owner: task.ownerType ? this.ctx.dir.describe({ type: task.ownerType, value: task.ownerValue ?? '' }) : null,
      },
      item: { id: item.id, code: item.code, title: item.title, procedureKey: item.procedureKey, procedureName: item.procedureName, status: item.status, light: item.light, dueDate: item.dueDate },
      step: {
        elementId: task.elementId,
        name: el?.name ?? task.name,
        documentation: el?.documentation ?? null,
        outcomes: delegated ? [] : el?.outcomes ?? [],
        // As the diagram declares them: outcomes shown as refusals, and those that need an opinion.
        negativeOutcomes: el?.negativeOutcomes ?? [],
        opinionRequired: delegated ? [] : el?.opinionRequired ?? [],
      },
      form,
      data,
      actions,
      sendBackTargets: targets.map((t) => ({ elementId: t.elementId, name: t.name, actor: t.actor ? this.ctx.dir.personName(t.actor) : null })),
      sealRequest: task.assignType === 'seal' ? await this.#sealRequest(task) : undefined,
    };
  }

  /** A 用印审批 task's documents: what the keeper is asked to seal. */
  async #sealRequest(task: TaskTable) {
    const rows = await sealUsesOfTask(this.ctx.db, task.id);
    const docs = await findDocumentsOfItem(this.ctx.db, [task.itemId]);
    const byId = new Map(docs.map((d) => [d.id, d]));
    return {
      seal: task.assignValue,
      sealName: this.ctx.dir.sealName(task.assignValue),
      documents: rows.flatMap((r) => {
        const d = byId.get(r.documentId);
        return d
          ? [{ id: d.id, number: d.number, docType: d.docType, title: d.title, recipientName: d.recipient ? this.ctx.dir.unitName(d.recipient) : null, status: r.status, downloadUrl: `/api/documents/${d.id}/download`, pdfUrl: `/api/documents/${d.id}/pdf`, pdfStatus: d.pdfStatus }]
          : [];
      }),
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
