import { describe, expect, it } from 'vitest';
import { openAt, simulate } from './support';

const fixture = new URL('./fixtures/inclusive-gateway.bpmn', import.meta.url);

describe('inclusive gateway', () => {
  it('given two of three conditions hold, then only those two branches start', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('inclusive', { needA: true, needB: false, needC: true });
    expect(openAt(sim, id)).toEqual(['a', 'c']);
  });

  it('given two taken branches, then the join waits for both and not for the branch not taken', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('inclusive', { needA: true, needB: false, needC: true });
    sim.complete(sim.taskAt('a', id).taskId);
    expect(openAt(sim, id)).toEqual(['c']);
    sim.complete(sim.taskAt('c', id).taskId);
    expect(openAt(sim, id)).toEqual(['after']);
    expect(sim.state(id).joins).toEqual({});
  });

  it('given a single taken branch, then the join passes as soon as it arrives', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('inclusive', { needA: false, needB: true, needC: false });
    expect(openAt(sim, id)).toEqual(['b']);
    sim.complete(sim.taskAt('b', id).taskId);
    expect(openAt(sim, id)).toEqual(['after']);
  });

  it('given no condition holds, then the default flow is the only branch', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('inclusive', { needA: false, needB: false, needC: false });
    expect(openAt(sim, id)).toEqual(['d']);
    sim.complete(sim.taskAt('d', id).taskId);
    expect(openAt(sim, id)).toEqual(['after']);
  });

  it('given every condition holds, then the default flow is not taken and the join waits for all three', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('inclusive', { needA: true, needB: true, needC: true });
    expect(openAt(sim, id)).toEqual(['a', 'b', 'c']);
    sim.complete(sim.taskAt('b', id).taskId);
    sim.complete(sim.taskAt('a', id).taskId);
    expect(openAt(sim, id)).toEqual(['c']);
    sim.complete(sim.taskAt('c', id).taskId);
    expect(openAt(sim, id)).toEqual(['after']);
  });
});
