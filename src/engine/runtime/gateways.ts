import { EngineError } from '../errors';
import { evalCondition } from '../expressions/feel';
import type { ElementModel, TokenState } from '../types';
import type { Execution } from './execution';

// Gateways: exclusive and inclusive splits, parallel and inclusive joins.

/** The one flow an exclusive gateway takes: the first whose condition holds, else the default. */
export function exclusiveFlows(x: Execution, el: ElementModel, scopeId: string): string[] {
  if (el.outgoing.length === 1) return el.outgoing;
  const vars = x.vars(scopeId);
  for (const id of el.outgoing) {
    if (id === el.defaultFlow) continue;
    const f = x.model.flows[id];
    if (!f.condition || evalCondition(f.condition, vars)) return [id];
  }
  if (el.defaultFlow) return [el.defaultFlow];
  throw new EngineError('NO_PATH', `网关“${el.name}”没有满足条件的出口`, { elementId: el.id });
}

/** The flows an inclusive gateway takes: every one whose condition holds, else the default. */
export function inclusiveFlows(x: Execution, el: ElementModel, scopeId: string): string[] {
  if (el.outgoing.length === 1) return el.outgoing;
  const vars = x.vars(scopeId);
  const taken = el.outgoing.filter((id) => {
    if (id === el.defaultFlow) return false;
    const f = x.model.flows[id];
    return !f.condition || evalCondition(f.condition, vars);
  });
  if (taken.length) return taken;
  if (el.defaultFlow) return [el.defaultFlow];
  throw new EngineError('NO_PATH', `网关“${el.name}”没有满足条件的出口`, { elementId: el.id });
}

/** A token arrives at a gateway: pass through, or wait until the join is complete. */
export function join(x: Execution, tok: TokenState, el: ElementModel, viaFlow: string | undefined, inclusive: boolean): void {
  if (el.incoming.length <= 1) {
    x.take(tok, inclusive ? inclusiveFlows(x, el, tok.scopeId) : el.outgoing);
    return;
  }
  tok.wait = 'join';
  const key = `${el.id}@${tok.scopeId}`;
  const j = (x.state.joins[key] ??= { flows: [], tokens: [] });
  j.flows.push(viaFlow ?? '');
  j.tokens.push(tok.id);
  if (inclusive) tryInclusive(x, key);
  else if (el.incoming.every((f) => j.flows.includes(f))) fireJoin(x, key, el, el.incoming);
}

/** Consume one arrival per joined flow and continue past the gateway. */
export function fireJoin(x: Execution, key: string, el: ElementModel, flows: string[]): void {
  const j = x.state.joins[key];
  const scopeId = key.slice(el.id.length + 1);
  for (const f of flows) {
    const i = j.flows.indexOf(f);
    if (i < 0) continue;
    delete x.state.tokens[j.tokens[i]];
    j.flows.splice(i, 1);
    j.tokens.splice(i, 1);
  }
  if (j.tokens.length === 0) delete x.state.joins[key];
  const outs = el.type === 'inclusiveGateway' ? inclusiveFlows(x, el, scopeId) : el.outgoing;
  for (const id of outs) x.enter(x.model.flows[id].target, scopeId, id);
}

/** Fire an inclusive join when no other token of its scope can still reach it. */
export function tryInclusive(x: Execution, key: string): boolean {
  const j = x.state.joins[key];
  if (!j) return false;
  const gwId = key.slice(0, key.indexOf('@'));
  const scopeId = key.slice(gwId.length + 1);
  const reach = new Set(x.model.reach?.[gwId] ?? []);
  const waiting = new Set(j.tokens);
  for (const t of Object.values(x.state.tokens)) {
    if (t.scopeId === scopeId && !waiting.has(t.id) && reach.has(t.elementId)) return false;
  }
  fireJoin(x, key, x.element(gwId), [...new Set(j.flows)]);
  return true;
}

/** Re-check waiting inclusive joins after tokens moved elsewhere. */
export function settleJoins(x: Execution): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const key of Object.keys(x.state.joins)) {
      const gwId = key.slice(0, key.indexOf('@'));
      if (x.model.elements[gwId]?.type === 'inclusiveGateway' && tryInclusive(x, key)) changed = true;
    }
  }
}
