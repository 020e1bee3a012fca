import type { ServiceAction } from '../../../engine';
import type { ActionSession, LiveInstance } from '../session';

/** What a service action is given: the session, the instance, the task's settings and the variables it sees. */
export interface ServiceCall {
  s: ActionSession;
  live: LiveInstance;
  elementId: string;
  action: ServiceAction;
  /** The service task's `duban:` settings. */
  params: Record<string, unknown>;
  /** The variables visible at the service task. */
  vars: Record<string, unknown>;
}

/** Performs one service action inside the action's transaction; returns the variables fed back to the engine. */
export type ServiceActionHandler = (call: ServiceCall) => Promise<Record<string, unknown>>;

/** A trimmed string setting, or ''. */
export const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** A list setting: an array, or text separated by commas or semicolons. */
export const splitList = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(/[,，;；]/).map((s) => s.trim()).filter(Boolean) : [];

/** The result variables: the task's `duban:resultVariable` (or the action's default name) holds `value`. */
export const result = (call: ServiceCall, value: unknown, fallback: string, extra: Record<string, unknown> = {}) => ({
  ...extra,
  [str(call.params.resultVariable) || fallback]: value,
});
