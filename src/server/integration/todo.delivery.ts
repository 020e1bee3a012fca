import type { HostAdapter, PersonIdentifiers, TodoAssignee, TodoUpsert } from '../../host/HostAdapter';
import type { Db } from '../db/database';
import type { DirectoryService } from '../directory/directory.service';
import type { HostTodoTable } from './integration.table';
import type { Links } from './links';
import { findRevision, hostCopies, leaseTodo, releaseTodo, saveHostCopy } from './todo.repository';

/**
 * The to-do lifecycle at the host, as the outbox delivers it. Each job carries a revision issued in the
 * action's transaction; a job older than what was delivered is dropped, and one worker at a time delivers
 * a given to-do, so the host never sees an older revision after a newer one. Each person's copy (its host
 * id and state) is stored after every call to the host, so a retry after a partial failure resumes.
 */

/** The facts of a to-do that every job of it carries. */
export interface TodoFacts {
  id: string;
  /** The hash route it opens, e.g. /tasks/<id>. */
  target: string;
  title: string;
  itemTitle: string;
  stepName: string;
  procedureName: string;
  senderId: string;
  dueDate?: string;
  dueAt?: number;
  createdAt: number;
}

/** Job payloads of the three kinds; `revision` is added when the job is written. */
export type TodoJob =
  | { kind: 'todo.upsert'; facts: TodoFacts; assignees: string[]; revision?: number }
  | { kind: 'todo.done'; facts: TodoFacts; userId: string; at: number; finished?: boolean; revision?: number }
  | { kind: 'todo.cancel'; facts: TodoFacts; userIds?: string[]; revision?: number };

/** The job kinds of the to-do lifecycle. */
export const TODO_KINDS = new Set(['todo.upsert', 'todo.done', 'todo.cancel']);

/** Raised when another worker is delivering the same to-do: the job is retried shortly, not counted as a host failure. */
export class TodoBusy extends Error {
  constructor(id: string) {
    super(`to-do <${id}> is being delivered by another worker`);
  }
}

/** What delivery needs. */
export interface TodoDeliveryContext {
  db: Db;
  host: HostAdapter;
  dir: DirectoryService;
  links: Links;
  now: () => number;
}

const LEASE_MS = 60_000;

/** Deliver one to-do job; returns 'superseded' when a newer revision was already delivered. */
export async function deliverTodo(ctx: TodoDeliveryContext, kind: string, payload: TodoJob): Promise<'delivered' | 'superseded'> {
  const { facts } = payload;
  const revision = payload.revision ?? 0;
  if (!(await leaseTodo(ctx.db, facts.id, ctx.now(), LEASE_MS))) throw new TodoBusy(facts.id);
  let delivered: number | undefined;
  try {
    const row = await findRevision(ctx.db, facts.id);
    if (row && revision <= row.delivered) return 'superseded';
    const copies = new Map((await hostCopies(ctx.db, facts.id)).map((c) => [c.personId, c]));
    const todo = toUpsert(ctx, facts, revision);
    const save = (personId: string, a: TodoAssignee, state: string) =>
      saveHostCopy(ctx.db, { todoId: facts.id, personId, hostId: a.hostId ?? null, assignee: JSON.stringify({ name: a.name, identifiers: a.identifiers }), revision, state, updatedAt: ctx.now() });
    const open = [...copies.values()].filter((c) => c.state === 'open');

    if (kind === 'todo.upsert' && payload.kind === 'todo.upsert') {
      const keep = new Set(payload.assignees);
      const gone = open.filter((c) => !keep.has(c.personId));
      if (gone.length) {
        const assignees = gone.map(fromCopy);
        await ctx.host.cancelTodo({ id: facts.id, revision, assignees });
        for (const a of assignees) await save(a.id, a, 'cancelled');
      }
      const assignees = payload.assignees.map((id) => assignee(ctx, id, copies.get(id)));
      const result = await ctx.host.upsertTodo({ ...todo, assignees });
      for (const a of assignees) await save(a.id, { ...a, hostId: result.hostIds?.[a.id] ?? a.hostId }, 'open');
    } else if (kind === 'todo.done' && payload.kind === 'todo.done') {
      const copy = copies.get(payload.userId);
      if (copy && copy.state === 'open') {
        const a = fromCopy(copy);
        const { assignees: _all, revision: _r, ...rest } = { ...todo, assignees: [] };
        await ctx.host.completeTodo({ id: facts.id, revision, todo: rest, assignee: a, doneAt: payload.at, ...(payload.finished ? { finished: true } : {}) });
        await save(a.id, a, 'done');
      }
    } else if (kind === 'todo.cancel' && payload.kind === 'todo.cancel') {
      const only = payload.userIds ? new Set(payload.userIds) : undefined;
      const assignees = open.filter((c) => !only || only.has(c.personId)).map(fromCopy);
      if (assignees.length) {
        await ctx.host.cancelTodo({ id: facts.id, revision, assignees });
        for (const a of assignees) await save(a.id, a, 'cancelled');
      }
    } else throw new Error(`to-do job <${kind}> does not match its payload`);
    delivered = revision;
    return 'delivered';
  } finally {
    await releaseTodo(ctx.db, facts.id, delivered);
  }
}

/** A person as the host knows them: from the directory, or as last delivered when they have left it. */
function assignee(ctx: TodoDeliveryContext, id: string, copy?: HostTodoTable): TodoAssignee {
  const p = ctx.dir.person(id);
  if (p) return { id, name: p.name, identifiers: { ...p.identifiers }, hostId: copy?.hostId ?? undefined };
  if (copy) return fromCopy(copy);
  return { id, name: id, identifiers: {} };
}

function fromCopy(c: HostTodoTable): TodoAssignee {
  const a = JSON.parse(c.assignee) as { name: string; identifiers: PersonIdentifiers };
  return { id: c.personId, name: a.name, identifiers: a.identifiers ?? {}, hostId: c.hostId ?? undefined };
}

function toUpsert(ctx: TodoDeliveryContext, f: TodoFacts, revision: number): TodoUpsert {
  const sender = ctx.dir.person(f.senderId);
  return {
    id: f.id,
    revision,
    title: f.title,
    itemTitle: f.itemTitle,
    stepName: f.stepName,
    procedureName: f.procedureName,
    pcUrl: ctx.links.entry(f.target),
    mobileUrl: ctx.links.entry(f.target, 'mobile'),
    sender: { id: f.senderId, name: sender?.name ?? f.senderId, identifiers: { ...sender?.identifiers } },
    dueDate: f.dueDate,
    dueAt: f.dueAt,
    createdAt: f.createdAt,
    assignees: [],
  };
}
