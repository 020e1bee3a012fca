import { describe, expect, it } from 'vitest';
import { codeOf, effects, openAt, simulate } from './support';

const fixture = new URL('./fixtures/exclusive-gateway.bpmn', import.meta.url);

describe('exclusive gateway', () => {
  it('given outcome 同意, then only the 同意 branch is taken', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('xor');
    sim.complete(sim.taskAt('review', id).taskId, { outcome: '同意' });
    expect(openAt(sim, id)).toEqual(['approved']);
  });

  it('given outcome 不同意, then only the 不同意 branch is taken', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('xor');
    sim.complete(sim.taskAt('review', id).taskId, { outcome: '不同意' });
    expect(openAt(sim, id)).toEqual(['rejected']);
  });

  it('given no condition matches and no default flow, then the step is refused with NO_PATH and nothing changes', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('xor');
    const before = structuredClone(sim.state(id));
    const logged = sim.effectsOf(id).length;
    const taskId = sim.taskAt('review', id).taskId;

    expect(codeOf(() => sim.complete(taskId, { outcome: '待定' }))).toBe('NO_PATH');

    expect(sim.state(id)).toEqual(before);
    expect(sim.effectsOf(id)).toHaveLength(logged);
    expect(sim.taskAt('review', id).taskId).toBe(taskId);
  });

  it('given a FEEL comparison that holds, then its branch is taken, not the default', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('xor-default', { amount: 500 });
    expect(openAt(sim, id)).toEqual(['countyHead']);
  });

  it('given no condition holds, then the default flow is taken', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('xor-default', { amount: 20 });
    expect(openAt(sim, id)).toEqual(['office']);
    expect(effects(sim, id, 'task.created')).toHaveLength(1);
  });
});
