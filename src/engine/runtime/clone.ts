import type { InstanceState } from '../types';

function mapValues<T>(rec: Record<string, T>, fn: (v: T) => T): Record<string, T> {
  const out: Record<string, T> = {};
  const keys = Object.keys(rec);
  for (let i = 0; i < keys.length; i++) out[keys[i]] = fn(rec[keys[i]]);
  return out;
}

/**
 * Copy an instance state for one step. Only what a step mutates is copied:
 * records of tokens, tasks, timers, scopes, joins and the history list. Scope
 * variables are shared and copied on first write (Execution.writableVars);
 * variable values and history entries are never mutated in place.
 */
export function cloneState(s: InstanceState): InstanceState {
  return {
    ...s,
    scopes: mapValues(s.scopes, (sc) => (sc.multi ? { ...sc, multi: { ...sc.multi } } : { ...sc })),
    tokens: mapValues(s.tokens, (t) => ({ ...t })),
    tasks: mapValues(s.tasks, (t) => ({ ...t })),
    timers: mapValues(s.timers, (t) => ({ ...t })),
    subs: mapValues(s.subs, (x) => ({ ...x })),
    joins: mapValues(s.joins, (j) => ({ flows: [...j.flows], tokens: [...j.tokens] })),
    history: s.history.slice(),
  };
}
