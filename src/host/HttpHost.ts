import type { ArchiveRequest, Directory, HostAdapter, HostNotification, Identity, SealRequest, TodoPush } from './HostAdapter';
import { verifyToken } from './token';

/** How Duban reaches a host OA over HTTP. */
export interface HttpHostOptions {
  /** Base URL of the OA's integration API, e.g. https://oa.example.gov.cn/duban-bridge. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>` on every call to the OA. */
  apiKey: string;
  /** Shared HMAC key of the OA's login tokens (same format as token.ts); or use `verifyPath`. */
  tokenSecret?: string;
  /** Path the OA verifies a token at (POST { token } → { userId } or 401), when no shared key is set. */
  verifyPath?: string;
  county: { name: string; shortName: string };
  /** Whether the OA offers seal and archive endpoints. */
  seal?: boolean;
  archive?: boolean;
  /** Per-call timeout (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/**
 * A host OA reached over HTTP: GET /directory, POST /todos (upsert by id),
 * DELETE /todos/:id, POST /notifications, optional POST /seals and /archives.
 * Any non-2xx answer throws, so the outbox retries it later.
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

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.#fetch(new URL(path.replace(/^\//, ''), this.#o.baseUrl.replace(/\/?$/, '/')), {
      method,
      headers: { authorization: `Bearer ${this.#o.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.#o.timeoutMs ?? 10_000),
    });
    if (!res.ok) throw new Error(`host OA answered ${res.status} to ${method} ${path}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async verifyToken(token: string): Promise<Identity | null> {
    if (this.#o.tokenSecret) {
      const claims = verifyToken(token, this.#o.tokenSecret, (this.#o.now ?? Date.now)());
      return claims ? { userId: claims.sub } : null;
    }
    const res = await this.#fetch(new URL((this.#o.verifyPath ?? '/verify').replace(/^\//, ''), this.#o.baseUrl.replace(/\/?$/, '/')), {
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

  async pushTodo(todo: TodoPush): Promise<void> {
    await this.#call('POST', '/todos', todo);
  }

  async removeTodo(todoId: string): Promise<void> {
    await this.#call('DELETE', `/todos/${encodeURIComponent(todoId)}`);
  }

  async notify(notification: HostNotification): Promise<void> {
    await this.#call('POST', '/notifications', notification);
  }
}
