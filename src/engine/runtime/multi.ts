import { EngineError } from '../errors';
import { evalCondition, evalFeel } from '../expressions/feel';
import type { Assignment, ElementModel, ScopeState, TokenState } from '../types';
import type { Execution } from './execution';

// Multi-instance activities: 会签 in parallel or in order, and 或签 with a completion condition.
// The body token waits in the enclosing scope; each instance runs in a scope of its own.

/** Enter a multi-instance activity: evaluate its collection and start the first (sequential) or every (parallel) instance. */
export function startMulti(x: Execution, tok: TokenState, el: ElementModel): void {
  const m = el.multi!;
  const items = evalFeel(m.collection, x.vars(tok.scopeId));
  if (!Array.isArray(items)) {
    throw new EngineError('MULTI_NOT_LIST', `环节“${el.name}”的多实例集合“${m.collection}”不是列表`, { elementId: el.id });
  }
  tok.wait = 'multi';
  x.attachBoundary(tok, el);
  // `<out>List` holds one entry per item, in the order of the items, fresh on every run of the step.
  for (const name of el.outputs ?? []) x.setVars(tok.scopeId, { [`${name}List`]: items.map(() => null) });
  if (items.length === 0) {
    x.completeActivity(tok);
    return;
  }
  const ms: ScopeState = {
    id: x.newId('s'),
    elementId: el.id,
    parentScopeId: tok.scopeId,
    parentTokenId: tok.id,
    vars: { nrOfInstances: items.length },
    multi: { items, next: 0, completed: 0, active: 0 },
  };
  x.state.scopes[ms.id] = ms;
  if (m.sequential) startLoopInstance(x, ms, el, 0);
  else for (let i = 0; i < items.length; i++) startLoopInstance(x, ms, el, i);
}

/** Start one instance of a multi-instance activity. */
export function startLoopInstance(x: Execution, ms: ScopeState, el: ElementModel, index: number, assignment?: Assignment): void {
  const multi = ms.multi!;
  const scope: ScopeState = {
    id: x.newId('s'),
    elementId: el.id,
    parentScopeId: ms.id,
    vars: { [el.multi!.elementVariable]: multi.items[index], loopCounter: index },
    loopIndex: index,
  };
  x.state.scopes[scope.id] = scope;
  multi.next = Math.max(multi.next, index + 1);
  multi.active += 1;
  x.enter(el.id, scope.id, undefined, { inner: true, assignment });
}

/** One instance finished: collect its outputs, then complete the activity once the completion condition or the last instance says so. */
export function instanceDone(x: Execution, tok: TokenState): void {
  const el = x.element(tok.elementId);
  const scope = x.state.scopes[tok.scopeId];
  const ms = x.state.scopes[scope.parentScopeId!];
  const multi = ms.multi!;
  x.removeToken(tok);
  delete x.state.scopes[scope.id];
  multi.active -= 1;
  multi.completed += 1;
  const body = x.state.tokens[ms.parentTokenId!];
  for (const name of el.outputs ?? []) {
    const listName = `${name}List`;
    const current = x.vars(body.scopeId)[listName];
    const list = Array.isArray(current) ? [...current] : [];
    list[scope.loopIndex ?? list.length] = Object.prototype.hasOwnProperty.call(scope.vars, name) ? (scope.vars[name] ?? null) : null;
    x.setVars(body.scopeId, { [listName]: list });
  }
  const msVars = x.writableVars(ms);
  msVars.nrOfCompletedInstances = multi.completed;
  msVars.nrOfActiveInstances = multi.active;
  const cond = el.multi!.completionCondition;
  const total = multi.items.length;
  const done =
    multi.completed >= total ||
    (cond !== undefined &&
      evalCondition(cond, {
        ...x.vars(ms.id),
        nrOfInstances: total,
        nrOfCompletedInstances: multi.completed,
        nrOfActiveInstances: multi.active,
      }));
  if (done) {
    x.cancelScope(ms.id, '多实例已满足完成条件');
    delete x.state.scopes[ms.id];
    x.completeActivity(body);
  } else if (el.multi!.sequential && multi.active === 0 && multi.next < total) {
    startLoopInstance(x, ms, el, multi.next);
  }
}
