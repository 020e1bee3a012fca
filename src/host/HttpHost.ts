import type { ArchiveRequest, Directory, HostAdapter, HostNotification, Identity, SealRequest, TodoCancel, TodoDone, TodoUpsert, TodoUpsertResult } from './HostAdapter';
import { HostCallError } from './errors';

/** How Duban reaches a host OA over HTTP. */
export interface HttpHostOptions {
  /** Base URL of the OA's integration API, e.g. https://oa.example.gov.cn/duban-bridge. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>` on every call to the OA. */
  apiKey: string;
  /** Path the OA verifies a token of its own at (POST { token } → { userId } or 401); absent: only Duban's JWTs are accepted. */
  verifyPath?: string;
  county: { name: string; shortName: string };
  /** Whether the OA offers seal and archive endpoints. */
  seal?: boolean;
  archive?: boolean;
  /** Per-call timeout (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * A host OA reached over the generic HTTP contract (docs/host-api.openapi.json): GET directory,
 * PUT todos/{id} (upsert with revision; 409 = the OA holds this revision or a newer one), POST
 * todos/{id}/done, POST todos/{id}/cancel, POST notifications, optional POST seals and archives.
 * Any other non-2xx answer, a timeout or a refused connection throws, so the outbox retries it later.
 */
export class HttpHost implements HostAdapter {
  readonly name = 'http';
  readonly seal?: (request: SealRequest) => Promise<{ sealedAt: number; reference?: string }>;
  readonly archive?: (request: ArchiveRequest) => Promise<{ reference?: string }>;
  readonly #o: HttpHostOptions;
  readonly #fetch: typeof fetch;

  constructor(options: HttpHostOptions) {
    this.#o = options;
    this.#fetch = options.fetch ?? fetch;
    if (options.seal) this.seal = (r) => this.#call('POST', '/seals', r);
    if (options.archive) this.archive = (r) => this.#call('POST', '/archives', r);
  }

  county() {
    return this.#o.county;
  }

  async #call<T>(method: string, path: string, body?: unknown, accept: number[] = []): Promise<T> {
    let res: Response;
    try {
      res = await this.#fetch(new URL(path.replace(/^\//, ''), this.#o.baseUrl.replace(/\/?$/, '/')), {
        method,
        headers: { authorization: `Bearer ${this.#o.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#o.timeoutMs ?? 10_000),
      });
    } catch (cause) {
      throw new HostCallError(`OA 接口无法连接或超时：${method} ${path}`, { cause });
    }
    if (!res.ok && !accept.includes(res.status)) throw new HostCallError(`OA 接口返回 ${res.status}：${method} ${path}`, { status: res.status });
    const text = await res.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      // An accepted refusal (409 "already there") may come with a page of the OA's gateway instead of JSON.
      if (!res.ok) return undefined as T;
      throw new HostCallError(`OA 接口返回的不是 JSON：${method} ${path}`, { cause });
    }
  }

  async verifyToken(token: string): Promise<Identity | null> {
    if (!this.#o.verifyPath) return null;
    const res = await this.#fetch(new URL(this.#o.verifyPath.replace(/^\//, ''), this.#o.baseUrl.replace(/\/?$/, '/')), {
      method: 'POST',
      headers: { authorization: `Bearer ${this.#o.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
      signal: AbortSignal.timeout(this.#o.timeoutMs ?? 10_000),
    });
    if (res.status === 401 || res.status === 403) return null;
    if (!res.ok) throw new Error(`host OA answered ${res.status} to token verification`);
    const body = (await res.json()) as { userId?: unknown };
    return typeof body.userId === 'string' ? { userId: body.userId } : null;
  }

  async loadDirectory(): Promise<Directory> {
    const d = await this.#call<Directory>('GET', '/directory');
    if (!d || !Array.isArray(d.units) || !Array.isArray(d.people) || !Array.isArray(d.roles) || !Array.isArray(d.grants) || !Array.isArray(d.liaisons)) {
      throw new Error('host OA directory is malformed: expected units, people, roles, grants, liaisons');
    }
    return { ...d, grants: d.grants.map((g) => ({ ...g, scope: g.scope ?? '' })) };
  }

  /** A 409 ("this revision or a newer one is there", e.g. after a lost answer) may carry the host ids too. */
  async upsertTodo(todo: TodoUpsert): Promise<TodoUpsertResult> {
    const r = await this.#call<{ hostIds?: Record<string, string> } | undefined>('PUT', `/todos/${encodeURIComponent(todo.id)}`, todo, [409]);
    return r?.hostIds && typeof r.hostIds === 'object' ? { hostIds: r.hostIds } : {};
  }

  async completeTodo(done: TodoDone): Promise<void> {
    await this.#call('POST', `/todos/${encodeURIComponent(done.id)}/done`, done, [409]);
  }

  async cancelTodo(cancel: TodoCancel): Promise<void> {
    await this.#call('POST', `/todos/${encodeURIComponent(cancel.id)}/cancel`, cancel, [404, 409]);
  }

  async notify(notification: HostNotification): Promise<void> {
    await this.#call('POST', '/notifications', notification);
  }
}
