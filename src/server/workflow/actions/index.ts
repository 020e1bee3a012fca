import type { ServiceAction } from '../../../engine';
import { AppError } from '../../errors';
import type { EffectHandler } from '../effect';
import { scopeVars } from '../state';
import type { ServiceActionHandler } from './action';
import { archiveAction } from './archive';
import { documentAction } from './document';
import { extendAction } from './extend';
import { notifyAction } from './notify';
import { numberAction } from './number';
import { scoreAction } from './score';
import { sealAction } from './seal';

/**
 * The service actions, one file each (as the lint rules are): the compiler insists that every
 * action of the engine's vocabulary has its handler here.
 */
export const SERVICE_ACTION_HANDLERS: Record<ServiceAction, ServiceActionHandler> = {
  number: numberAction,
  document: documentAction,
  seal: sealAction,
  notify: notifyAction,
  archive: archiveAction,
  score: scoreAction,
  extend: extendAction,
};

/** A service task asks for its action: it runs in this transaction and its result variables go back as `serviceDone`. */
export const serviceRequested: EffectHandler<'service.requested'> = async (s, live, e) => {
  const handler = Object.prototype.hasOwnProperty.call(SERVICE_ACTION_HANDLERS, e.action) ? SERVICE_ACTION_HANDLERS[e.action] : undefined;
  if (!handler) throw new AppError('SERVICE_UNKNOWN', `未知的自动环节类型“${String(e.action)}”`, { status: 500 });
  const tok = live.state.tokens[e.tokenId];
  const vars = scopeVars(live.state, tok?.scopeId ?? live.id);
  const out = await handler({ s, live, elementId: e.elementId, action: e.action, params: e.params, vars });
  s.enqueue(live.id, { type: 'serviceDone', tokenId: e.tokenId, vars: out });
};
