import type { ProcessModel } from '../types';

const KEYED = new Set(['elements', 'flows', 'reach', 'params']);

/**
 * Read a compiled model back from its JSON: the maps keyed by diagram ids get a
 * null prototype again, so ids such as `__proto__`, `constructor` or `toString`
 * are only ever elements, never inherited members.
 */
export function parseModel(json: string): ProcessModel {
  return JSON.parse(json, (key, value) =>
    KEYED.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.assign(Object.create(null), value) : value,
  ) as ProcessModel;
}
