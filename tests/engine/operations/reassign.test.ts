import { describe, expect, it } from 'vitest';
import { actor, audits, effects, openAt, simulate } from '../elements/support';

const fixture = new URL('./fixtures/approval.bpmn', import.meta.url);

describe('转办 reassign', () => {
  it('given an open task, then it goes to the new assignee with its deadline unchanged, and the new assignee completes it', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('approval');
    const before = sim.taskAt('review', id);

    sim.command(id, { type: 'reassign', taskId: before.taskId, actor: actor('chen'), to: { type: 'user', value: 'zhou' }, opinion: '出差，转周科长' });

    const after = sim.taskAt('review', id);
    expect(after.taskId).toBe(before.taskId);
    expect(after.assignment).toEqual({ type: 'user', value: 'zhou' });
    expect(after.dueDate).toBe(before.dueDate);
    expect(effects(sim, id, 'task.updated')).toEqual([expect.objectContaining({ change: 'reassigned', task: expect.objectContaining({ assignment: { type: 'user', value: 'zhou' } }) })]);
    expect(audits(sim, id, 'task.reassigned')).toEqual([
      expect.objectContaining({
        actor: actor('chen'),
        opinion: '出差，转周科长',
        data: { from: { type: 'role', value: 'R7' }, to: { type: 'user', value: 'zhou' } },
      }),
    ]);

    sim.complete(after.taskId, { outcome: '同意', actor: actor('zhou') });
    expect(openAt(sim, id)).toEqual(['approve']);
    expect(sim.state(id).history[0]).toMatchObject({ actor: 'zhou', assignment: { type: 'user', value: 'zhou' } });
  });

  it('given an unknown task, then it is refused with TASK_NOT_FOUND', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('approval');
    expect(() => sim.command(id, { type: 'reassign', taskId: 'nope', actor: actor('x'), to: { type: 'user', value: 'y' } })).toThrow(
      expect.objectContaining({ code: 'TASK_NOT_FOUND' }),
    );
  });
});
