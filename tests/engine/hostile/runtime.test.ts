import { describe, expect, it } from 'vitest';
import { EngineError, parseDefinition, startInstance, step, WorkCalendar, type ElementModel, type FlowModel, type ProcessModel } from '../../../src/engine';
import { deepFeel, gatewayLoop, nestedSubProcesses, withCondition } from './generate';

const calendar = WorkCalendar.default();
const now = Date.parse('2026-03-02T09:00:00+08:00');
const actor = { id: 'u1' };
const CHINESE = /[\u4e00-\u9fff]/;

// A compiled model of start → g1 → … → gN → task → end, built directly (a file this long is over the size limit).
function gatewayChainModel(n: number): ProcessModel {
  const elements: Record<string, ElementModel> = Object.create(null);
  const flows: Record<string, FlowModel> = Object.create(null);
  const node = (id: string, type: ElementModel['type'], extra: Partial<ElementModel> = {}) => {
    elements[id] = { id, type, name: id, parent: null, incoming: [], outgoing: [], ...extra };
  };
  const link = (id: string, source: string, target: string) => {
    flows[id] = { id, name: '', source, target };
    elements[source].outgoing.push(id);
    elements[target].incoming.push(id);
  };
  node('start', 'startEvent', { eventKind: 'none' });
  let previous = 'start';
  for (let i = 1; i <= n; i++) {
    node(`g${i}`, i % 2 ? 'exclusiveGateway' : 'parallelGateway');
    link(`f${i}`, previous, `g${i}`);
    previous = `g${i}`;
  }
  node('task', 'userTask', { assignment: { type: 'role', value: 'R8' } });
  node('end', 'endEvent', { eventKind: 'none' });
  link('f_task', previous, 'task');
  link('f_end', 'task', 'end');
  return { key: 'chain', name: '网关链', version: 1, start: 'start', elements, flows, reach: {} };
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('execution without recursion', () => {
  it('given a chain of 100,000 gateways, then the token runs through it to the task without overflowing the stack', () => {
    const model = gatewayChainModel(100_000);
    const { state } = startInstance(model, { id: 'i1', actor, now, calendar });
    expect(Object.values(state.tasks).map((t) => t.elementId)).toEqual(['task']);
    const done = step(model, state, { type: 'complete', taskId: Object.values(state.tasks)[0].id, actor }, now, calendar);
    expect(done.state.status).toBe('completed');
  });

  it('given a loop of gateways that slipped past the lint, then the step stops with ENDLESS_LOOP in Chinese, not a stack overflow', async () => {
    const { models } = await parseDefinition(gatewayLoop(), { skipLint: true });
    const err = thrown(() => startInstance(models[0], { id: 'i2', actor, now, calendar }));
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('ENDLESS_LOOP');
    expect((err as EngineError).message).toMatch(CHINESE);
  });

  it('given 200 nested sub-processes, then the token reaches the innermost task and the item completes', async () => {
    const { models, problems } = await parseDefinition(nestedSubProcesses(200), { formKeys: ['approval'] });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const { state } = startInstance(models[0], { id: 'i3', actor, now, calendar });
    const task = Object.values(state.tasks)[0];
    expect(task.elementId).toBe('task');
    expect(step(models[0], state, { type: 'complete', taskId: task.id, actor }, now, calendar).state.status).toBe('completed');
  });

  it('given a condition nested deeper than the limit, then the lint refuses it and evaluating it stops with FEEL_TOO_DEEP', async () => {
    const xml = withCondition(deepFeel(100));
    const linted = await parseDefinition(xml);
    expect(linted.problems).toContainEqual(expect.objectContaining({ code: 'duban-feel', elementId: 'yes', message: expect.stringContaining('嵌套超过') }));
    const { models } = await parseDefinition(xml, { skipLint: true });
    const { state } = startInstance(models[0], { id: 'i4', actor, now, calendar });
    const err = thrown(() => step(models[0], state, { type: 'complete', taskId: Object.values(state.tasks)[0].id, actor, outcome: '通过' }, now, calendar));
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('FEEL_TOO_DEEP');
    expect((err as EngineError).message).toMatch(CHINESE);
  });
});
