/**
 * Shared helpers of the engine's behaviour specs: load a fixture diagram, run it in
 * the simulator, and read what came out (tasks, audit records, error codes).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parseDefinition, type ParseOptions } from '../../../src/engine/definition';
import { Simulator } from '../../../src/engine/simulator';
import { parseDateOrDateTime, WorkCalendar } from '../../../src/engine/calendar';
import type { Effect, ProcessModel } from '../../../src/engine/types';

/** Monday 2 March 2026, 09:00 China time: an ordinary working week. */
export const MONDAY = '2026-03-02T09:00:00';

export const calendar = WorkCalendar.default();

/** Epoch ms of a date or date-time in China time. */
export const at = (s: string): number => parseDateOrDateTime(s);

/** Load a fixture next to the calling spec; fails the test with the problems when the diagram does not load. */
export async function load(url: URL, options: ParseOptions = {}): Promise<ProcessModel[]> {
  const xml = readFileSync(url, 'utf8');
  const { models, problems } = await parseDefinition(xml, options);
  const errors = problems.filter((p) => p.severity === 'error');
  expect(errors, `problems in ${url.pathname.split('/').pop()}`).toEqual([]);
  expect(models.length).toBeGreaterThan(0);
  return models;
}

/** A simulator over the fixture's models, starting at `now`. */
export async function simulate(url: URL, now: string = MONDAY, options: ParseOptions = {}): Promise<Simulator> {
  return new Simulator({ models: await load(url, options), now });
}

/** The engine error code thrown by `fn` (fails when nothing is thrown). */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as { code?: string }).code ?? `non-engine error: ${(err as Error).message}`;
  }
  throw new Error('expected an engine error, but the call succeeded');
}

/** The error thrown by `fn`. */
export function errorOf(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected an error, but the call succeeded');
}

export type AuditEffect = Extract<Effect, { type: 'audit' }>;

/** Audit records of an instance, optionally of one action. */
export function audits(sim: Simulator, instanceId: string, action?: string): AuditEffect[] {
  return sim.effectsOf(instanceId).filter((e): e is AuditEffect => e.type === 'audit' && (!action || e.action === action));
}

/** Effects of one type of an instance. */
export function effects<T extends Effect['type']>(sim: Simulator, instanceId: string, type: T): Extract<Effect, { type: T }>[] {
  return sim.effectsOf(instanceId).filter((e): e is Extract<Effect, { type: T }> => e.type === type);
}

/** Element ids of the open tasks of an instance (and its children), sorted. */
export function openAt(sim: Simulator, instanceId: string): string[] {
  return sim.openTasks(instanceId).map((t) => t.elementId).sort();
}

/** The number of effects logged so far for an instance: take a mark, act, then read `since`. */
export function mark(sim: Simulator, instanceId: string): number {
  return sim.effectsOf(instanceId).length;
}

/** Effects of an instance after a mark. */
export function since(sim: Simulator, instanceId: string, from: number): Effect[] {
  return sim.effectsOf(instanceId).slice(from);
}

export const actor = (id: string) => ({ id, name: id });
