import type { Directory, HostAdapter, HostNotification, TodoAssignee, TodoCancel, TodoDone, TodoUpsert, TodoUpsertResult } from './HostAdapter';
import { HostCallError } from './errors';
import { jsonCall } from './json-call';

/** Settings of 钉钉待办 (the v1.0 todo API). */
export interface DingTalkSettings {
  /** Default https://api.dingtalk.com. */
  apiUrl?: string;
  /** The internal app's AppKey and AppSecret (钉钉开发者后台 → 应用凭证). */
  appKey: string;
  appSecret: string;
  /** The unionId that creates the to-dos (an administrator of the app). */
  operatorUnionId: string;
  timeoutMs?: number;
}

/** What the adapter needs besides DingTalk. */
export interface DingTalkDeps {
  directory: () => Promise<Directory>;
  notify?: (n: HostNotification) => Promise<void>;
  county: { name: string; shortName: string };
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * 钉钉待办: one DingTalk task per person (`executorIds` = their unionId), `sourceId` = `<to-do id>:<person
 * id>`, so each copy is done or deleted on its own. DingTalk's task id is kept as the host id. A create that
 * DingTalk refuses because the sourceId exists (a retry after a lost answer) adopts the existing task.
 */
export class DingTalkHost implements HostAdapter {
  readonly name = 'dingtalk';
  readonly #s: DingTalkSettings;
  readonly #d: DingTalkDeps;
  #token?: { value: string; until: number };

  constructor(settings: DingTalkSettings, deps: DingTalkDeps) {
    this.#s = settings;
    this.#d = deps;
  }

  county() {
    return this.#d.county;
  }

  loadDirectory(): Promise<Directory> {
    return this.#d.directory();
  }

  async notify(n: HostNotification): Promise<void> {
    await this.#d.notify?.(n);
  }

  get #now() {
    return (this.#d.now ?? Date.now)();
  }

  #url(path: string, query: Record<string, string> = {}): string {
    const u = new URL(path.replace(/^\//, ''), (this.#s.apiUrl ?? 'https://api.dingtalk.com').replace(/\/?$/, '/'));
    for (const [k, v] of Object.entries(query)) u.searchParams.set(k, v);
    return u.href;
  }

  async #accessToken(): Promise<string> {
    if (this.#token && this.#token.until > this.#now) return this.#token.value;
    const r = await jsonCall(this.#d.fetch ?? fetch, this.#url('/v1.0/oauth2/accessToken'), {
      method: 'POST',
      body: { appKey: this.#s.appKey, appSecret: this.#s.appSecret },
      timeoutMs: this.#s.timeoutMs ?? 10_000,
    });
    if (r.status !== 200 || typeof r.body?.accessToken !== 'string') throw new HostCallError(`钉钉未发放访问凭证（${r.status}）：${r.body?.message ?? '请检查 AppKey 与 AppSecret'}`, { status: r.status });
    // Renew five minutes early.
    this.#token = { value: r.body.accessToken, until: this.#now + (Number(r.body.expireIn ?? 7200) - 300) * 1000 };
    return this.#token.value;
  }

  async #api(method: string, path: string, body?: unknown, query: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const token = await this.#accessToken();
    const r = await jsonCall(this.#d.fetch ?? fetch, this.#url(path, { operatorId: this.#s.operatorUnionId, ...query }), {
      method,
      body,
      headers: { 'x-acs-dingtalk-access-token': token },
      timeoutMs: this.#s.timeoutMs ?? 10_000,
    });
    // A token DingTalk no longer honours is fetched again on the retry.
    if (r.status === 401) this.#token = undefined;
    return r;
  }

  #unionId(a: TodoAssignee): string {
    const id = a.identifiers.unionId;
    if (!id) throw new HostCallError(`${a.name}（${a.id}）没有钉钉 unionId，无法推送待办，请在通讯录中补全`);
    return id;
  }

  #fail(what: string, r: { status: number; body: any }): never {
    throw new HostCallError(`钉钉待办${what}失败（${r.status}）：${r.body?.message ?? r.body?.code ?? '无说明'}`, { status: r.status });
  }

  /** DingTalk's id of a person's copy: the one stored, else looked up by sourceId; undefined when DingTalk has none. */
  async #find(todoId: string, a: TodoAssignee): Promise<string | undefined> {
    if (a.hostId) return a.hostId;
    const r = await this.#api('GET', `/v1.0/todo/users/${encodeURIComponent(this.#unionId(a))}/tasks/sources/${encodeURIComponent(`${todoId}:${a.id}`)}`);
    if (r.status === 404) return undefined;
    if (r.status !== 200 || typeof r.body?.id !== 'string') this.#fail('查询', r);
    return r.body.id;
  }

  async upsertTodo(todo: TodoUpsert): Promise<TodoUpsertResult> {
    const hostIds: Record<string, string> = {};
    for (const a of todo.assignees) {
      const unionId = this.#unionId(a);
      const fields = {
        subject: todo.title,
        description: `${todo.procedureName} · ${todo.stepName}${todo.dueDate ? ` · 办理期限 ${todo.dueDate}` : ''}`,
        ...(todo.dueAt ? { dueTime: todo.dueAt } : {}),
        executorIds: [unionId],
      };
      if (a.hostId) {
        const r = await this.#api('PUT', `/v1.0/todo/users/${encodeURIComponent(unionId)}/tasks/${encodeURIComponent(a.hostId)}`, { ...fields, done: false });
        if (r.status !== 200) this.#fail('更新', r);
        hostIds[a.id] = a.hostId;
        continue;
      }
      const sourceId = `${todo.id}:${a.id}`;
      const r = await this.#api('POST', `/v1.0/todo/users/${encodeURIComponent(unionId)}/tasks`, {
        ...fields,
        sourceId,
        creatorId: this.#s.operatorUnionId,
        detailUrl: { appUrl: todo.mobileUrl, pcUrl: todo.pcUrl },
        isOnlyShowExecutor: true,
      });
      if (r.status === 200 && typeof r.body?.id === 'string') hostIds[a.id] = r.body.id;
      else if (r.status === 400 || r.status === 409) {
        // Created before, answer lost: adopt it.
        const existing = await this.#find(todo.id, a);
        if (!existing) this.#fail('创建', r);
        hostIds[a.id] = existing;
      } else this.#fail('创建', r);
    }
    return { hostIds };
  }

  async completeTodo(done: TodoDone): Promise<void> {
    const id = await this.#find(done.id, done.assignee);
    if (!id) return;
    const r = await this.#api('PUT', `/v1.0/todo/users/${encodeURIComponent(this.#unionId(done.assignee))}/tasks/${encodeURIComponent(id)}`, { done: true });
    if (r.status !== 200) this.#fail('完成', r);
  }

  async cancelTodo(cancel: TodoCancel): Promise<void> {
    for (const a of cancel.assignees) {
      const id = await this.#find(cancel.id, a);
      if (!id) continue;
      const r = await this.#api('DELETE', `/v1.0/todo/users/${encodeURIComponent(this.#unionId(a))}/tasks/${encodeURIComponent(id)}`);
      if (r.status !== 200 && r.status !== 404) this.#fail('删除', r);
    }
  }
}
