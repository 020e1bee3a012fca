import { describe, expect, it } from 'vitest';
import { openAt, simulate } from './support';

const fixture = new URL('./fixtures/parallel-gateway.bpmn', import.meta.url);

describe('parallel gateway', () => {
  it('given a fork, then every branch gets a task', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('parallel');
    expect(openAt(sim, id)).toEqual(['a', 'b', 'c']);
  });

  it('given a join, then it waits for every branch, in any order, and continues once', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('parallel');
    sim.complete(sim.taskAt('c', id).taskId);
    expect(openAt(sim, id)).toEqual(['a', 'b']);
    sim.complete(sim.taskAt('a', id).taskId);
    expect(openAt(sim, id)).toEqual(['b']);
    expect(Object.values(sim.state(id).tokens).filter((t) => t.wait === 'join')).toHaveLength(2);

    sim.complete(sim.taskAt('b', id).taskId);
    expect(openAt(sim, id)).toEqual(['after']);
    expect(sim.state(id).joins).toEqual({});
    expect(Object.values(sim.state(id).tokens)).toHaveLength(1);
  });
});
