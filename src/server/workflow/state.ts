import { EXTENSION_MESSAGE, type ElementModel, type InstanceState, type ProcessModel, type ScopeState } from '../../engine';
import type { Light } from '../items/item.table';

/** The scope chain of a scope, innermost first. */
export function scopeChain(state: InstanceState, scopeId: string): string[] {
  const out: string[] = [];
  for (let s: ScopeState | undefined = state.scopes[scopeId]; s; s = s.parentScopeId ? state.scopes[s.parentScopeId] : undefined) {
    out.push(s.id);
  }
  return out;
}

/** The variables visible in a scope: its own over its parents'. */
export function scopeVars(state: InstanceState, scopeId: string): Record<string, unknown> {
  const chain = scopeChain(state, scopeId);
  const out: Record<string, unknown> = {};
  for (let i = chain.length - 1; i >= 0; i--) Object.assign(out, state.scopes[chain[i]].vars);
  return out;
}

/** The variables visible to an open task (those of its token's scope chain). */
export function taskVars(state: InstanceState, taskId: string): Record<string, unknown> {
  const task = state.tasks[taskId];
  const tok = task ? state.tokens[task.tokenId] : undefined;
  return scopeVars(state, tok?.scopeId ?? state.id);
}

/** The process-level variables. */
export function rootVars(state: InstanceState): Record<string, unknown> {
  return state.scopes[state.id]?.vars ?? {};
}

/** Earlier user-task steps an open task may be sent back to (退回), latest first. */
export function sendBackTargets(state: InstanceState, model: ProcessModel, taskId: string): { elementId: string; name: string; actor?: string }[] {
  const task = state.tasks[taskId];
  const tok = task ? state.tokens[task.tokenId] : undefined;
  if (!task || !tok) return [];
  const ancestors = new Set(scopeChain(state, tok.scopeId));
  const seen = new Set<string>();
  const out: { elementId: string; name: string; actor?: string }[] = [];
  for (const h of [...state.history].reverse()) {
    if (!h.taskId || h.elementId === task.elementId || seen.has(h.elementId)) continue;
    if (!ancestors.has(h.scopes?.[0] ?? h.scopeId)) continue;
    if (model.elements[h.elementId]?.type !== 'userTask') continue;
    seen.add(h.elementId);
    out.push({ elementId: h.elementId, name: model.elements[h.elementId].name, actor: h.actor });
  }
  return out;
}

/** The light and deadline of an instance at `now`, from its open tasks and waiting activities. */
export function progressOf(state: InstanceState, now: number): { light: Light; dueDate: string | null; originalDueDate: string | null } {
  let light: Light = 'green';
  let dueDate: string | null = null;
  let originalDueDate: string | null = null;
  const consider = (due: string | undefined, dueAt: number | undefined, warnAt: number | undefined, original: string | undefined) => {
    if (dueAt !== undefined && dueAt < now) light = 'red';
    else if (warnAt !== undefined && warnAt <= now && light === 'green') light = 'yellow';
    if (due && (dueDate === null || due < dueDate)) {
      dueDate = due;
      originalDueDate = original && original !== due ? original : null;
    }
  };
  for (const t of Object.values(state.tasks)) consider(t.dueDate, t.dueAt, t.warnAt, t.originalDueDate);
  for (const tok of Object.values(state.tokens)) if (tok.dueAt !== undefined) consider(tok.dueDate, tok.dueAt, undefined, undefined);
  return { light, dueDate, originalDueDate };
}

/** Element ids for the diagram: done steps, current steps, and current steps past their deadline. */
export function diagramMarks(state: InstanceState, now: number): { done: string[]; current: string[]; overdue: string[] } {
  const done = [...new Set(state.history.map((h) => h.elementId))];
  const current = new Set<string>();
  const overdue = new Set<string>();
  for (const tok of Object.values(state.tokens)) {
    current.add(tok.elementId);
    if (tok.dueAt !== undefined && tok.dueAt < now) overdue.add(tok.elementId);
  }
  for (const t of Object.values(state.tasks)) {
    current.add(t.elementId);
    if (t.dueAt !== undefined && t.dueAt < now) overdue.add(t.elementId);
  }
  return { done, current: [...current], overdue: [...overdue] };
}

/** The message boundary event through which a step asks for more time (申请延期), if its diagram attaches one. */
export function extensionBoundaryOf(model: ProcessModel, elementId: string): ElementModel | undefined {
  const el = model.elements[elementId];
  return (el?.boundary ?? []).map((id) => model.elements[id]).find((b) => b?.eventKind === 'message' && b.messageName === EXTENSION_MESSAGE);
}

/** The steps of the path that follows an extension boundary, up to its ends (or back to the step it left). */
export function extensionPath(model: ProcessModel, boundaryId: string): Set<string> {
  const attachedTo = model.elements[boundaryId]?.attachedTo;
  const seen = new Set<string>();
  const queue = [boundaryId];
  while (queue.length) {
    const id = queue.pop()!;
    if (seen.has(id) || id === attachedTo) continue;
    seen.add(id);
    for (const f of model.elements[id]?.outgoing ?? []) {
      const target = model.flows[f]?.target;
      if (target) queue.push(target);
    }
  }
  seen.delete(boundaryId);
  return seen;
}

/** Whether an extension asked for through `boundaryId` is still being decided (a step of its path is open). */
export function extensionPending(state: InstanceState, model: ProcessModel, boundaryId: string): boolean {
  const path = extensionPath(model, boundaryId);
  return Object.values(state.tasks).some((t) => path.has(t.elementId)) || Object.values(state.tokens).some((t) => path.has(t.elementId));
}
