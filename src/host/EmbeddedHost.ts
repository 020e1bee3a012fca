import { county, people, roles, units } from '../../mock/county';
import type {
  ArchiveRequest,
  Directory,
  HostAdapter,
  HostNotification,
  TodoCancel,
  TodoDone,
  TodoUpsert,
  TodoUpsertResult,
} from './HostAdapter';

/** What the embedded host received, kept in memory for the demo and for tests. */
export interface EmbeddedInbox {
  /** Open to-dos by id, as last upserted (assignees trimmed by cancels). */
  todos: Map<string, TodoUpsert>;
  /** `todoId:personId` of every copy marked done. */
  done: string[];
  /** `todoId:personId` of every copy removed. */
  removed: string[];
  notifications: HostNotification[];
  archives: ArchiveRequest[];
}

/** Options of the embedded host. */
export interface EmbeddedHostOptions {
  now?: () => number;
}

/**
 * The stand-alone host: the mock county's directory (its role grants seed Duban's on the first sync),
 * an in-memory inbox. Its people sign in through the demo login, which only this host offers.
 */
export class EmbeddedHost implements HostAdapter {
  readonly name = 'embedded';
  readonly inbox: EmbeddedInbox = { todos: new Map(), done: [], removed: [], notifications: [], archives: [] };
  readonly #now: () => number;

  constructor(options: EmbeddedHostOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  county() {
    return { name: county.name, shortName: county.shortName };
  }

  async loadDirectory(): Promise<Directory> {
    return {
      units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, domain: u.domain, sort: u.sort })),
      people: people.map((p, i) => ({ id: p.id, name: p.name, unitId: p.unitId, title: p.title, sort: i + 1, identifiers: { login: p.id } })),
      roles: roles.map((r) => ({ ...r })),
      grants: people.flatMap((p) => p.roles.map((r) => ({ personId: p.id, roleId: r.role, scope: r.scope ?? '' }))),
      liaisons: people.flatMap((p) => (p.liaises ?? []).map((unitId) => ({ personId: p.id, unitId }))),
    };
  }

  async upsertTodo(todo: TodoUpsert): Promise<TodoUpsertResult> {
    this.inbox.todos.set(todo.id, todo);
    return {};
  }

  async completeTodo(done: TodoDone): Promise<void> {
    this.inbox.done.push(`${done.id}:${done.assignee.id}`);
    this.#drop(done.id, [done.assignee.id]);
  }

  async cancelTodo(cancel: TodoCancel): Promise<void> {
    for (const a of cancel.assignees) this.inbox.removed.push(`${cancel.id}:${a.id}`);
    this.#drop(cancel.id, cancel.assignees.map((a) => a.id));
  }

  #drop(id: string, personIds: string[]) {
    const todo = this.inbox.todos.get(id);
    if (!todo) return;
    const left = todo.assignees.filter((a) => !personIds.includes(a.id));
    if (left.length) this.inbox.todos.set(id, { ...todo, assignees: left });
    else this.inbox.todos.delete(id);
  }

  async notify(notification: HostNotification): Promise<void> {
    this.inbox.notifications.push(notification);
  }

  async archive(request: ArchiveRequest): Promise<{ reference?: string }> {
    this.inbox.archives.push(request);
    return { reference: `embedded-archive-${this.inbox.archives.length}` };
  }
}
