import { timerSchedule } from './deadlines';
import type { ElementModel, ScopeState, TokenState } from '../types';
import type { Execution } from './execution';

// Events: end events (none, terminate, error), BPMN errors, catch events and event-based gateways.

/** A token reaches an end event: none, terminate (ends its scope) or error (thrown to the nearest boundary). */
export function endEvent(x: Execution, tok: TokenState, el: ElementModel): void {
  if (el.eventKind === 'terminate') {
    x.removeToken(tok);
    const scope = x.state.scopes[tok.scopeId];
    x.audit('terminate-end', { elementId: el.id });
    for (const t of Object.values(x.state.tokens)) if (t.scopeId === scope.id) x.cancelToken(t, '终止结束事件');
    for (const s of Object.values(x.state.scopes)) if (s.parentScopeId === scope.id) x.cancelScope(s.id, '终止结束事件');
    x.completeScope(scope);
    return;
  }
  if (el.eventKind === 'error') {
    x.removeToken(tok);
    throwError(x, tok.scopeId, el.errorCode ?? '', el.name);
    return;
  }
  x.removeToken(tok);
  x.checkScope(tok.scopeId);
}

/** Throw a BPMN error from inside a scope (or from an activity's token) and let the nearest boundary catch it. */
export function throwError(x: Execution, scopeId: string, code: string, message: string, fromToken?: TokenState): void {
  const catchOn = (host: TokenState): boolean => {
    const el = x.element(host.elementId);
    const b = (el.boundary ?? [])
      .map((id) => x.element(id))
      .find((x) => x.eventKind === 'error' && (!x.errorCode || x.errorCode === code));
    if (!b) return false;
    x.audit('error.caught', { elementId: b.id, data: { code, message } });
    x.fireBoundary(host, b.id);
    return true;
  };
  if (fromToken) {
    const host = fromToken.inner ? bodyOf(x, fromToken) : fromToken;
    if (host && catchOn(host)) return;
    scopeId = host?.scopeId ?? scopeId;
  }
  for (let s: ScopeState | undefined = x.state.scopes[scopeId]; s; s = s.parentScopeId ? x.state.scopes[s.parentScopeId] : undefined) {
    if (s.loopIndex !== undefined) continue;
    const host = s.parentTokenId ? x.state.tokens[s.parentTokenId] : undefined;
    if (host && catchOn(host)) return;
  }
  x.terminate(`未处理的业务错误：${code || message}`);
}

/** The body token waiting for a multi-instance inner token. */
export function bodyOf(x: Execution, inner: TokenState): TokenState | undefined {
  const scope = x.state.scopes[inner.scopeId];
  const ms = scope?.parentScopeId ? x.state.scopes[scope.parentScopeId] : undefined;
  return ms?.parentTokenId ? x.state.tokens[ms.parentTokenId] : undefined;
}

/** A token reaches an intermediate catch event: schedule its timer or wait for its message or signal. */
export function catchEvent(x: Execution, tok: TokenState, el: ElementModel): void {
  if (el.eventKind === 'timer' && el.timer) {
    tok.wait = 'timer';
    const s = timerSchedule(el.timer, x.now, x.vars(tok.scopeId), x.calendar);
    x.schedule('catch', s.at, el.id, { tokenId: tok.id });
  } else if (el.eventKind === 'message' && el.messageName) {
    tok.wait = 'message';
    x.subscribe('message', el.messageName, tok.id, el.id);
  } else if (el.eventKind === 'signal' && el.signalName) {
    tok.wait = 'signal';
    x.subscribe('signal', el.signalName, tok.id, el.id);
  } else {
    x.leave(tok);
  }
}

/** An event-based gateway: wait on every following catch event; the first to fire wins. */
export function eventGateway(x: Execution, tok: TokenState, el: ElementModel): void {
  tok.wait = 'event-gateway';
  for (const fid of el.outgoing) {
    const target = x.element(x.model.flows[fid].target);
    if (target.eventKind === 'timer' && target.timer) {
      const s = timerSchedule(target.timer, x.now, x.vars(tok.scopeId), x.calendar);
      x.schedule('catch', s.at, target.id, { tokenId: tok.id });
    } else if (target.eventKind === 'message' && target.messageName) {
      x.subscribe('message', target.messageName, tok.id, target.id);
    } else if (target.eventKind === 'signal' && target.signalName) {
      x.subscribe('signal', target.signalName, tok.id, target.id);
    }
  }
}

/** A catch event (intermediate, or behind an event-based gateway) is triggered. */
export function triggerCatch(x: Execution, tok: TokenState, elementId: string, vars?: Record<string, unknown>): void {
  x.setVars(tok.scopeId, vars);
  x.detach(tok);
  if (tok.wait === 'event-gateway') {
    x.removeToken(tok);
    const next: TokenState = { id: x.newId('k'), elementId, scopeId: tok.scopeId, wait: 'timer', origin: x.state.seq };
    x.state.tokens[next.id] = next;
    x.leave(next);
    return;
  }
  x.leave(tok);
}
