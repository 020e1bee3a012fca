import { describe, expect, it } from 'vitest';
import { actor, audits, codeOf, effects, openAt, simulate } from '../elements/support';

const fixture = new URL('./fixtures/approval.bpmn', import.meta.url);
const xu = { type: 'user' as const, value: 'xu' };

describe('委派 delegate', () => {
  it('given a delegated task, then it goes to the delegate; on their completion it comes back to the owner, who then completes it', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('approval');
    const taskId = sim.taskAt('review', id).taskId;

    sim.command(id, { type: 'delegate', taskId, actor: actor('chen'), to: xu, opinion: '请先核实数据' });
    expect(sim.taskAt('review', id).assignment).toEqual(xu);
    expect(sim.state(id).tasks[taskId]).toMatchObject({ owner: { type: 'role', value: 'R7' }, delegatedTo: xu });

    // The delegate does the work; no decision is asked of them.
    sim.complete(taskId, { actor: actor('xu'), vars: { checked: '数据已核实' }, opinion: '已核实' });
    expect(openAt(sim, id)).toEqual(['review']);
    const back = sim.state(id).tasks[taskId];
    expect(back.assignment).toEqual({ type: 'role', value: 'R7' });
    expect(back.owner).toBeUndefined();
    expect(back.delegatedTo).toBeUndefined();
    expect(sim.vars(id).checked).toBe('数据已核实');
    expect(sim.state(id).history).toEqual([]);
    expect(effects(sim, id, 'task.updated').map((e) => e.change)).toEqual(['delegated', 'returned']);
    expect(audits(sim, id, 'task.delegated')).toEqual([expect.objectContaining({ actor: actor('chen'), opinion: '请先核实数据', data: { to: xu } })]);
    expect(audits(sim, id, 'delegate.resolved')).toEqual([expect.objectContaining({ actor: actor('xu'), opinion: '已核实' })]);

    // The owner decides.
    expect(codeOf(() => sim.complete(taskId, { actor: actor('chen') }))).toBe('INVALID_OUTCOME');
    sim.complete(taskId, { actor: actor('chen'), outcome: '同意' });
    expect(openAt(sim, id)).toEqual(['approve']);
    expect(sim.state(id).history).toEqual([expect.objectContaining({ elementId: 'review', actor: 'chen', outcome: '同意' })]);
  });

  it('given a task already delegated, then delegating it again is refused', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('approval');
    const taskId = sim.taskAt('review', id).taskId;
    sim.delegate(taskId, xu);
    expect(codeOf(() => sim.delegate(taskId, { type: 'user', value: 'other' }))).toBe('ALREADY_DELEGATED');
  });
});
