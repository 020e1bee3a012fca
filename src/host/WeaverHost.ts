import type { Directory, HostAdapter, HostNotification, IdentifierKind, PersonIdentifiers, TodoAssignee, TodoCancel, TodoDone, TodoUpsert, TodoUpsertResult } from './HostAdapter';
import { toLocalDateTime } from '../engine/calendar/time';
import { HostCallError } from './errors';
import { jsonCall } from './json-call';

/** Settings of 泛微 e-cology's unified to-do (统一待办, the OFS REST interface). */
export interface WeaverSettings {
  /** e-cology's base URL, e.g. http://oa.qinghe.gov.cn:8080. */
  baseUrl: string;
  /** The 异构系统标识 registered for Duban in 统一待办中心 → 异构系统. */
  syscode: string;
  /** Which identifier e-cology knows people by (the receiver's `loginid` by default). */
  receiver?: IdentifierKind;
  /** Extra headers a gateway in front of e-cology needs (e.g. a token). */
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** What the adapter needs besides e-cology: the directory, and where notifications go. */
export interface WeaverDeps {
  directory: () => Promise<Directory>;
  notify?: (n: HostNotification) => Promise<void>;
  county: { name: string; shortName: string };
  fetch?: typeof fetch;
  now?: () => number;
}

/** e-cology's `isremark`: 0 待办, 2 已办, 4 办结. */
export const ISREMARK = { todo: '0', done: '2', finished: '4' } as const;

/** `yyyy-MM-dd HH:mm:ss` in China time, as e-cology's date fields expect. */
export function weaverTime(ms: number): string {
  return toLocalDateTime(ms);
}

/**
 * 泛微 e-cology 统一待办: every person's copy is one OFS record keyed by (syscode, flowid, receiver).
 * `ReceiveRequestInfoByJson` with isremark 0 puts or updates the to-do, 2 marks it 已办, 4 办结 (the item
 * ended with this step);
 * `deleteUserRequestInfoByJson` removes a person's copy. `receivets` carries our revision, so e-cology
 * keeps the newest. An answer other than `operResult: "1"` fails the delivery, which the outbox retries.
 */
export class WeaverHost implements HostAdapter {
  readonly name = 'weaver';
  readonly #s: WeaverSettings;
  readonly #d: WeaverDeps;

  constructor(settings: WeaverSettings, deps: WeaverDeps) {
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

  #login(who: { id: string; name: string; identifiers: PersonIdentifiers }): string {
    const kind = this.#s.receiver ?? 'login';
    const v = who.identifiers[kind];
    if (!v) throw new HostCallError(`${who.name}（${who.id}）没有泛微账号（${kind}），无法推送待办，请在通讯录中补全`);
    return v;
  }

  async #ofs(path: string, body: Record<string, string>): Promise<void> {
    const url = new URL(`rest/ofs/${path}`, this.#s.baseUrl.replace(/\/?$/, '/')).href;
    const r = await jsonCall(this.#d.fetch ?? fetch, url, { method: 'POST', body, headers: this.#s.headers, timeoutMs: this.#s.timeoutMs ?? 10_000 });
    if (r.status < 200 || r.status >= 300) throw new HostCallError(`泛微统一待办返回 ${r.status}：${path}`, { status: r.status });
    if (String(r.body?.operResult) !== '1') throw new HostCallError(`泛微统一待办未接收（${path}）：${r.body?.message ?? '无说明'}`, { status: r.status });
  }

  #record(todo: Omit<TodoUpsert, 'assignees'>, a: TodoAssignee, isremark: string): Record<string, string> {
    const now = (this.#d.now ?? Date.now)();
    return {
      syscode: this.#s.syscode,
      flowid: todo.id,
      requestname: todo.title,
      workflowname: todo.procedureName,
      nodename: todo.stepName,
      pcurl: todo.pcUrl,
      appurl: todo.mobileUrl,
      creator: todo.sender.identifiers[this.#s.receiver ?? 'login'] ?? '',
      createdatetime: weaverTime(todo.createdAt),
      receiver: this.#login(a),
      receivedatetime: weaverTime(now),
      isremark,
      viewtype: isremark === ISREMARK.todo ? '0' : '1',
      receivets: String(todo.revision),
    };
  }

  async upsertTodo(todo: TodoUpsert): Promise<TodoUpsertResult> {
    for (const a of todo.assignees) await this.#ofs('ReceiveRequestInfoByJson', this.#record(todo, a, ISREMARK.todo));
    return {};
  }

  async completeTodo(done: TodoDone): Promise<void> {
    await this.#ofs('ReceiveRequestInfoByJson', this.#record({ ...done.todo, revision: done.revision }, done.assignee, done.finished ? ISREMARK.finished : ISREMARK.done));
  }

  async cancelTodo(cancel: TodoCancel): Promise<void> {
    for (const a of cancel.assignees) await this.#ofs('deleteUserRequestInfoByJson', { syscode: this.#s.syscode, flowid: cancel.id, userid: this.#login(a) });
  }
}
