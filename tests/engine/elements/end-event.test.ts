import { describe, expect, it } from 'vitest';
import { actor, audits, effects, simulate } from './support';

const fixture = new URL('./fixtures/start-end.bpmn', import.meta.url);

describe('none end event', () => {
  it('given the last task, when it is completed, then the instance completes and leaves nothing behind', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('start-end', {}, { id: 'zhang' });
    sim.complete(sim.taskAt('register', id).taskId, { actor: actor('zhang') });

    const s = sim.state(id);
    expect(s.status).toBe('completed');
    expect(s.tokens).toEqual({});
    expect(s.tasks).toEqual({});
    expect(s.timers).toEqual({});
    expect(effects(sim, id, 'instance.completed')).toHaveLength(1);
    expect(audits(sim, id, 'instance.completed')).toHaveLength(1);
  });

  it('given a completed instance, when any command arrives, then it is refused with NOT_RUNNING', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('start-end');
    sim.complete(sim.taskAt('register', id).taskId);

    expect(() => sim.terminate(id, '重复终止')).toThrow(expect.objectContaining({ code: 'NOT_RUNNING' }));
  });
});
