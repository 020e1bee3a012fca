import { EngineError } from '../errors';
import type { Actor, Calendar, Command, InstanceState, ProcessModel, StepResult } from '../types';
import { Execution } from './execution';
import { settleJoins } from './gateways';
import { throwError } from './events';
import { cloneState } from './clone';
import * as op from './operations';

/** Start an instance of a process: the initiator and start variables go into the process scope. */
export function startInstance(
  model: ProcessModel,
  opts: { id: string; vars?: Record<string, unknown>; actor: Actor; now: number; calendar: Calendar },
): StepResult {
  const state: InstanceState = {
    id: opts.id,
    key: model.key,
    version: model.version,
    status: 'running',
    startedAt: opts.now,
    seq: 1,
    ids: 0,
    scopes: {
      [opts.id]: { id: opts.id, elementId: null, parentScopeId: null, vars: { ...(opts.vars ?? {}), initiator: opts.actor.id } },
    },
    tokens: {},
    tasks: {},
    timers: {},
    subs: {},
    joins: {},
    history: [],
  };
  const x = new Execution(model, state, opts.now, opts.calendar);
  x.audit('instance.started', { actor: opts.actor, data: { key: model.key, version: model.version } });
  if (!model.start) throw new EngineError('NO_START', `流程“${model.name}”缺少开始事件`, { key: model.key });
  x.enter(model.start, state.id);
  settleJoins(x);
  return { state, effects: x.effects };
}

/**
 * Apply one command to an instance: the pure core of the engine.
 * The input state is not modified; the result holds the new state and the effects to persist.
 */
export function step(model: ProcessModel, state: InstanceState, command: Command, now: number, calendar: Calendar): StepResult {
  if (state.key !== model.key || state.version !== model.version) {
    throw new EngineError('VERSION_MISMATCH', `事项属于流程 ${state.key} 第 ${state.version} 版，不能用第 ${model.version} 版执行`, {
      key: state.key,
    });
  }
  const next: InstanceState = cloneState(state);
  const x = new Execution(model, next, now, calendar);
  if (next.status !== 'running' && command.type !== 'fireTimer') {
    throw new EngineError('NOT_RUNNING', next.status === 'completed' ? '事项已办结' : '事项已终止', { status: next.status });
  }
  if (next.status !== 'running') return { state, effects: [] };
  next.seq += 1;
  switch (command.type) {
    case 'complete':
      op.complete(x, command);
      break;
    case 'sendBack':
      op.sendBack(x, command);
      break;
    case 'withdraw':
      op.withdraw(x, command);
      break;
    case 'reassign':
      op.reassign(x, command);
      break;
    case 'delegate':
      op.delegate(x, command);
      break;
    case 'addSigner':
      op.addSigner(x, command);
      break;
    case 'urge':
      op.urge(x, command);
      break;
    case 'extend':
      op.extend(x, command);
      break;
    case 'terminate':
      if (!command.reason?.trim()) throw new EngineError('REASON_REQUIRED', '终止事项必须写明理由');
      x.terminate(command.reason, command.actor);
      break;
    case 'fireTimer':
      op.fireTimer(x, command);
      break;
    case 'message':
    case 'signal':
      op.deliver(x, command.type, command.name, command.vars);
      break;
    case 'serviceDone':
      op.serviceDone(x, command.tokenId, command.vars);
      break;
    case 'serviceError': {
      const tok = next.tokens[command.tokenId];
      if (!tok || tok.wait !== 'service') throw new EngineError('SERVICE_NOT_WAITING', `没有等待中的自动环节 <${command.tokenId}>`);
      x.audit('service.failed', { elementId: tok.elementId, data: { code: command.errorCode, message: command.message } });
      throwError(x, tok.scopeId, command.errorCode, command.message ?? command.errorCode, tok);
      break;
    }
    case 'childDone':
      op.childDone(x, command);
      break;
    case 'setVariables':
      x.setVars(next.id, command.vars);
      x.audit('variables.set', { actor: command.actor, data: { names: Object.keys(command.vars) } });
      break;
    default:
      throw new EngineError('UNKNOWN_COMMAND', `未知的操作 <${(command as { type: string }).type}>`);
  }
  settleJoins(x);
  return { state: next, effects: x.effects };
}
