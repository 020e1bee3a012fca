import { describe, expect, it } from 'vitest';
import { audits, effects, openAt, simulate } from './support';

const fixture = new URL('./fixtures/error-events.bpmn', import.meta.url);

describe('error end event caught by an error boundary on the sub-process', () => {
  it('given the check fails, then the sub-process (with its other branch) is cancelled and the boundary path runs', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('error-caught');
    expect(openAt(sim, id)).toEqual(['check', 'sideCheck']);
    const side = sim.taskAt('sideCheck', id).taskId;

    sim.complete(sim.taskAt('check', id).taskId, { outcome: '不合格' });

    expect(sim.status(id)).toBe('running');
    expect(openAt(sim, id)).toEqual(['rectify']);
    expect(effects(sim, id, 'task.cancelled').map((e) => e.taskId)).toEqual([side]);
    expect(audits(sim, id, 'error.caught')).toEqual([expect.objectContaining({ elementId: 'failed', data: expect.objectContaining({ code: 'CHECK_FAILED' }) })]);
    expect(Object.keys(sim.state(id).scopes)).toEqual([id]);
    expect(sim.state(id).timers).toEqual({});
  });

  it('given the check passes, then the sub-process ends normally and the parent continues', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('error-caught');
    sim.complete(sim.taskAt('check', id).taskId, { outcome: '合格' });
    sim.complete(sim.taskAt('sideCheck', id).taskId);
    expect(openAt(sim, id)).toEqual(['archive']);
  });
});

describe('uncaught error end event', () => {
  it('given nobody catches the error, then the instance is terminated with the error recorded', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('error-uncaught');
    sim.complete(sim.taskAt('u-check', id).taskId, { outcome: '不合格' });

    expect(sim.status(id)).toBe('terminated');
    expect(effects(sim, id, 'instance.terminated')).toEqual([{ type: 'instance.terminated', reason: expect.stringContaining('CHECK_FAILED') }]);
    expect(sim.state(id).tokens).toEqual({});
  });
});
