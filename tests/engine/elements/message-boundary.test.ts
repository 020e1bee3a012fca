import { describe, expect, it } from 'vitest';
import { effects, openAt, simulate } from './support';

const fixture = new URL('./fixtures/message-boundary.bpmn', import.meta.url);

describe('message boundary event', () => {
  it('given an interrupting message arrives while the task is open, then the task and its deadline timer are cancelled', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('message-boundary');
    const handle = sim.taskAt('handle', id).taskId;

    sim.message(id, '撤销交办', { revokeReason: '上级已另行部署' });

    expect(openAt(sim, id)).toEqual(['close']);
    expect(effects(sim, id, 'task.cancelled')).toEqual([expect.objectContaining({ taskId: handle })]);
    expect(sim.vars(id).revokeReason).toBe('上级已另行部署');
    expect(Object.values(sim.state(id).timers)).toEqual([]);
    // Both boundary subscriptions of the cancelled task are gone.
    expect(sim.state(id).subs).toEqual({});
  });

  it('given a non-interrupting message, then the boundary path runs and the task stays open, and it may arrive again', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('message-boundary');
    const handle = sim.taskAt('handle', id).taskId;

    sim.message(id, '补充材料');
    expect(openAt(sim, id)).toEqual(['handle', 'readExtra']);
    expect(sim.taskAt('handle', id).taskId).toBe(handle);
    sim.message(id, '补充材料');
    expect(sim.openTasks(id).filter((t) => t.elementId === 'readExtra')).toHaveLength(2);
  });

  it('given the task completes, then its message boundaries no longer listen', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('message-boundary');
    sim.complete(sim.taskAt('handle', id).taskId);
    expect(sim.status(id)).toBe('completed');
    expect(sim.state(id).subs).toEqual({});
    expect(effects(sim, id, 'subscription.closed').map((e) => e.name).sort()).toEqual(['撤销交办', '补充材料']);
  });
});

describe('regression: interrupting message boundary closes its subscription with an effect', () => {
  it('emits subscription.closed for every subscription it opened, so a host mirroring subscriptions keeps none', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('message-boundary');
    sim.message(id, '撤销交办');
    const opened = effects(sim, id, 'subscription.opened').map((e) => `${e.name}@${e.tokenId}`).sort();
    const closed = effects(sim, id, 'subscription.closed').map((e) => `${e.name}@${e.tokenId}`).sort();
    expect(closed).toEqual(opened);
  });
});
