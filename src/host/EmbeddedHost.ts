import { randomBytes } from 'node:crypto';
import { county, people, roles, units } from '../../mock/county';
import type {
  ArchiveRequest,
  Directory,
  HostAdapter,
  HostNotification,
  Identity,
  TodoPush,
} from './HostAdapter';
import { signToken, verifyToken } from './token';

/** What the embedded host received, kept in memory for the demo and for tests. */
export interface EmbeddedInbox {
  todos: Map<string, TodoPush>;
  removed: string[];
  notifications: HostNotification[];
  archives: ArchiveRequest[];
}

/** Options of the embedded host. */
export interface EmbeddedHostOptions {
  /** HMAC secret for tokens; a random one when absent (tokens then die with the process). */
  secret?: string;
  /** Token lifetime in ms (default 12 h). */
  ttlMs?: number;
  now?: () => number;
}

/** The stand-alone host: the mock county's directory, HMAC-signed demo tokens, an in-memory inbox. */
export class EmbeddedHost implements HostAdapter {
  readonly name = 'embedded';
  readonly inbox: EmbeddedInbox = { todos: new Map(), removed: [], notifications: [], archives: [] };
  readonly #secret: string;
  readonly #ttl: number;
  readonly #now: () => number;

  constructor(options: EmbeddedHostOptions = {}) {
    this.#secret = options.secret ?? randomBytes(32).toString('hex');
    this.#ttl = options.ttlMs ?? 12 * 3600_000;
    this.#now = options.now ?? Date.now;
  }

  county() {
    return { name: county.name, shortName: county.shortName };
  }

  /** Issue a token for a person of the mock county (the demo login). */
  issueToken(userId: string): { token: string; expiresAt: number } {
    const iat = this.#now();
    const exp = iat + this.#ttl;
    return { token: signToken({ sub: userId, iat, exp }, this.#secret), expiresAt: exp };
  }

  async verifyToken(token: string): Promise<Identity | null> {
    const claims = verifyToken(token, this.#secret, this.#now());
    return claims ? { userId: claims.sub } : null;
  }

  async loadDirectory(): Promise<Directory> {
    return {
      units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, domain: u.domain, sort: u.sort })),
      people: people.map((p, i) => ({ id: p.id, name: p.name, unitId: p.unitId, title: p.title, sort: i + 1 })),
      roles: roles.map((r) => ({ ...r })),
      grants: people.flatMap((p) => p.roles.map((r) => ({ personId: p.id, roleId: r.role, scope: r.scope ?? '' }))),
      liaisons: people.flatMap((p) => (p.liaises ?? []).map((unitId) => ({ personId: p.id, unitId }))),
    };
  }

  async pushTodo(todo: TodoPush): Promise<void> {
    this.inbox.todos.set(todo.id, todo);
  }

  async removeTodo(todoId: string): Promise<void> {
    this.inbox.todos.delete(todoId);
    this.inbox.removed.push(todoId);
  }

  async notify(notification: HostNotification): Promise<void> {
    this.inbox.notifications.push(notification);
  }

  async archive(request: ArchiveRequest): Promise<{ reference?: string }> {
    this.inbox.archives.push(request);
    return { reference: `embedded-archive-${this.inbox.archives.length}` };
  }
}
