import { describe, expect, it } from 'vitest';
import { actor, audits, codeOf, effects, simulate } from '../elements/support';

const fixture = new URL('./fixtures/terminate.bpmn', import.meta.url);

describe('终止 terminate', () => {
  it('given running tasks and a child instance, then everything is cancelled, the status is terminated and the reason recorded', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('parent', { unit: '县水利局' });
    const [child] = sim.children(id);
    const track = sim.taskAt('track', id).taskId;
    expect(sim.taskAt('handle', child)).toBeTruthy();

    sim.terminate(id, '上级已撤销该督办事项', actor('county-head'));

    const s = sim.state(id);
    expect(s.status).toBe('terminated');
    expect(s.endedAt).toBe(sim.now);
    expect(s.tasks).toEqual({});
    expect(s.tokens).toEqual({});
    expect(s.timers).toEqual({});
    expect(Object.keys(s.scopes)).toEqual([id]);
    expect(effects(sim, id, 'task.cancelled')).toEqual([expect.objectContaining({ taskId: track, reason: '上级已撤销该督办事项' })]);
    expect(effects(sim, id, 'child.cancelled')).toEqual([expect.objectContaining({ childId: child })]);
    expect(effects(sim, id, 'instance.terminated')).toEqual([{ type: 'instance.terminated', reason: '上级已撤销该督办事项' }]);
    expect(audits(sim, id, 'instance.terminated')).toEqual([
      expect.objectContaining({ actor: actor('county-head'), opinion: '上级已撤销该督办事项' }),
    ]);
    // The child was terminated as well.
    expect(sim.status(child)).toBe('terminated');
    expect(sim.openTasks(id)).toEqual([]);
  });

  it('given a terminated instance, then further commands are refused and its timers never fire', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('parent', { unit: '县水利局' });
    const track = sim.taskAt('track', id).taskId;
    sim.terminate(id, '撤销');
    expect(codeOf(() => sim.command(id, { type: 'complete', taskId: track, actor: actor('x') }))).toBe('NOT_RUNNING');
    sim.advanceTo('2026-12-31');
    expect(effects(sim, id, 'notify')).toEqual([]);
  });

  it('given no reason, then it is refused', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('parent', { unit: '县水利局' });
    expect(codeOf(() => sim.terminate(id, ' '))).toBe('REASON_REQUIRED');
    expect(sim.status(id)).toBe('running');
  });
});
