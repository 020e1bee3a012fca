import { describe, expect, it } from 'vitest';
import { effects, openAt, simulate } from './support';

const fixture = new URL('./fixtures/terminate-end.bpmn', import.meta.url);

describe('terminate end event', () => {
  it('given two parallel branches, when one reaches a terminate end, then the other branch is cancelled and the instance completes', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('terminate-end');
    expect(openAt(sim, id)).toEqual(['fast', 'slow']);
    const slow = sim.taskAt('slow', id).taskId;

    sim.complete(sim.taskAt('fast', id).taskId);

    const s = sim.state(id);
    expect(s.status).toBe('completed');
    expect(s.tasks).toEqual({});
    expect(s.tokens).toEqual({});
    expect(s.timers).toEqual({});
    expect(effects(sim, id, 'task.cancelled').map((e) => e.taskId)).toEqual([slow]);
    expect(effects(sim, id, 'instance.completed')).toHaveLength(1);
  });

  it('given a terminate end inside a sub-process, then only the sub-process ends and the parent continues', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('terminate-in-sub');
    expect(openAt(sim, id)).toEqual(['a', 'b']);

    sim.complete(sim.taskAt('a', id).taskId);

    expect(sim.status(id)).toBe('running');
    expect(openAt(sim, id)).toEqual(['after']);
    expect(effects(sim, id, 'task.cancelled').map((e) => e.elementId)).toEqual(['b']);
    sim.complete(sim.taskAt('after', id).taskId);
    expect(sim.status(id)).toBe('completed');
  });
});
