import { describe, expect, it } from 'vitest';
import { at, calendar, load, MONDAY } from './elements/support';
import { startInstance, step } from '../../src/engine/runtime/step';
import type { Command, InstanceState, ProcessModel, StepResult } from '../../src/engine/types';

const approval = new URL('./operations/fixtures/approval.bpmn', import.meta.url);
const multi = new URL('./operations/fixtures/send-back.bpmn', import.meta.url);
const now = at(MONDAY);
const who = { id: 'chen' };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Run a script of commands; `pick` chooses the task for each command from the state. */
function script(model: ProcessModel, vars: Record<string, unknown>): { states: InstanceState[]; results: StepResult[] } {
  const first = startInstance(model, { id: 'i1', vars, actor: { id: 'zhang' }, now, calendar });
  const states = [first.state];
  const results: StepResult[] = [first];
  let s = first.state;
  let t = now;
  for (let i = 0; i < 12 && s.status === 'running'; i++) {
    const task = Object.values(s.tasks).find((x) => !x.suspended);
    let cmd: Command;
    if (i === 1 && task) cmd = { type: 'urge', taskId: task.id, actor: who, method: 'phone' };
    else if (i === 2 && task) cmd = { type: 'extend', taskId: task.id, actor: who, newDue: '3WD', reason: '协调' };
    else if (i === 3 && task) cmd = { type: 'addSigner', taskId: task.id, actor: who, signer: { type: 'user', value: 'x' }, position: 'after' };
    else if (task) cmd = { type: 'complete', taskId: task.id, actor: who, outcome: '同意', vars: { note: `第${i}步` } };
    else break;
    t += 3_600_000;
    const r = step(model, s, cmd, t, calendar);
    results.push(r);
    states.push(r.state);
    s = r.state;
  }
  return { states, results };
}

describe('determinism of step()', () => {
  it('given the same commands on the same state, then the results are deep-equal', async () => {
    const [model] = await load(approval);
    const a = script(model, {});
    const b = script(model, {});
    expect(a.results).toEqual(b.results);
    expect(a.states.at(-1)!.status).toBe('completed');
  });

  it('given a multi-instance flow, then two runs give deep-equal states and effects too', async () => {
    const model = (await load(multi)).find((m) => m.key === 'mi-parallel')!;
    const a = script(model, { units: ['甲', '乙', '丙'] });
    const b = script(model, { units: ['甲', '乙', '丙'] });
    expect(a.results).toEqual(b.results);
  });

  it('given a deeply frozen input state, then step() works and leaves it untouched', async () => {
    const [model] = await load(approval);
    const s0 = startInstance(model, { id: 'i1', actor: who, now, calendar }).state;
    const snapshot = JSON.stringify(s0);
    deepFreeze(s0);
    const taskId = Object.keys(s0.tasks)[0];
    const r = step(model, s0, { type: 'complete', taskId, actor: who, outcome: '同意', vars: { a: 1 } }, now, calendar);
    expect(JSON.stringify(s0)).toBe(snapshot);
    expect(r.state).not.toBe(s0);
    expect(r.state.tasks[taskId]).toBeUndefined();
    expect(s0.tasks[taskId]).toBeDefined();
  });

  it('given a refused command, then the input state is untouched as well', async () => {
    const [model] = await load(approval);
    const s0 = startInstance(model, { id: 'i1', actor: who, now, calendar }).state;
    const snapshot = JSON.stringify(s0);
    const taskId = Object.keys(s0.tasks)[0];
    expect(() => step(model, s0, { type: 'complete', taskId, actor: who, outcome: '不存在' }, now, calendar)).toThrow();
    expect(JSON.stringify(s0)).toBe(snapshot);
  });

  it('given the model, then step() does not modify it either', async () => {
    const [model] = await load(approval);
    const snapshot = JSON.stringify(model);
    script(model, {});
    expect(JSON.stringify(model)).toBe(snapshot);
  });

  it('given every intermediate state, then it survives a JSON round-trip exactly and stays small', async () => {
    const model = (await load(multi)).find((m) => m.key === 'mi-parallel')!;
    const { states, results } = script(model, { units: ['甲', '乙', '丙'] });
    for (const s of states) {
      const json = JSON.stringify(s);
      expect(JSON.parse(json)).toStrictEqual(s);
      expect(json.length).toBeLessThan(6_000);
    }
    for (const r of results) expect(JSON.parse(JSON.stringify(r.effects))).toEqual(r.effects);
  });

  it('given a state restored from JSON, then continuing from it gives the same result as from the original', async () => {
    const [model] = await load(approval);
    const s0 = startInstance(model, { id: 'i1', actor: who, now, calendar }).state;
    const restored = JSON.parse(JSON.stringify(s0)) as InstanceState;
    const taskId = Object.keys(s0.tasks)[0];
    const cmd: Command = { type: 'complete', taskId, actor: who, outcome: '同意' };
    expect(step(model, restored, cmd, now, calendar)).toEqual(step(model, s0, cmd, now, calendar));
  });
});

describe('regression: no undefined-valued keys in state or effects', () => {
  const boundary = new URL('./elements/fixtures/boundary-timer.bpmn', import.meta.url);

  it('extending a task that had no due date does not write originalDueDate: undefined', async () => {
    const model = (await load(multi)).find((m) => m.key === 'linear')!;
    const s0 = startInstance(model, { id: 'i1', vars: { urgent: false }, actor: who, now, calendar }).state;
    const taskId = Object.keys(s0.tasks)[0];
    const r = step(model, s0, { type: 'extend', taskId, actor: who, newDue: '2026-03-20', reason: '协调' }, now, calendar);
    expect(r.state.tasks[taskId]).not.toHaveProperty('originalDueDate');
    expect(JSON.parse(JSON.stringify(r.state))).toStrictEqual(r.state);
    expect(JSON.parse(JSON.stringify(r.effects))).toEqual(r.effects);
  });

  it('a one-shot boundary timer carries no repeat/interval keys', async () => {
    const model = (await load(boundary)).find((m) => m.key === 'interrupting')!;
    const r = startInstance(model, { id: 'i1', actor: who, now, calendar });
    expect(JSON.parse(JSON.stringify(r.state))).toStrictEqual(r.state);
    expect(JSON.parse(JSON.stringify(r.effects))).toEqual(r.effects);
    const cycle = (await load(boundary)).find((m) => m.key === 'cycle')!;
    const c = startInstance(cycle, { id: 'i2', actor: who, now, calendar });
    expect(Object.values(c.state.timers)).toEqual([expect.objectContaining({ repeat: -1, interval: '3WD' })]);
  });
});
