import { describe, expect, it } from 'vitest';
import { actor, codeOf, effects, simulate } from './support';

const fixture = new URL('./fixtures/user-task.bpmn', import.meta.url);

async function started() {
  const sim = await simulate(fixture);
  const id = sim.start('user-task', { domain: '农业农村' }, { id: 'li' });
  return { sim, id };
}

describe('user task', () => {
  it('given duban:role with duban:roleScope, then the task goes to the role narrowed by the evaluated scope', async () => {
    const { sim, id } = await started();
    const task = sim.taskAt('byRole', id);
    expect(task.assignment).toEqual({ type: 'role', value: 'R3', scope: '农业农村' });
    expect(task.formKey).toBe('instruction');
    expect(task.name).toBe('分管副县长批示');
    expect(effects(sim, id, 'task.created')[0]).toMatchObject({ name: '分管副县长批示', formKey: 'instruction' });
  });

  it('given form data on completion, then it becomes variables that later steps use (duban:unit and duban:liaison =unit)', async () => {
    const { sim, id } = await started();
    sim.complete(sim.taskAt('byRole', id).taskId, { vars: { unit: '县水利局', instruction: '请抓紧办理' }, actor: actor('r3') });

    expect(sim.vars(id)).toMatchObject({ unit: '县水利局', instruction: '请抓紧办理' });
    expect(sim.taskAt('byUnit', id).assignment).toEqual({ type: 'unit', value: '县水利局' });
    sim.complete(sim.taskAt('byUnit', id).taskId);
    expect(sim.taskAt('byLiaison', id).assignment).toEqual({ type: 'liaison', value: '县水利局' });
  });

  it('given duban:assignee =initiator, then the task goes to the person who started the item', async () => {
    const { sim, id } = await started();
    sim.complete(sim.taskAt('byRole', id).taskId, { vars: { unit: '县水利局' } });
    sim.complete(sim.taskAt('byUnit', id).taskId);
    sim.complete(sim.taskAt('byLiaison', id).taskId);
    expect(sim.taskAt('byInitiator', id).assignment).toEqual({ type: 'user', value: 'li' });
  });

  it('given duban:outcomes, then completing without an outcome or with one not offered is refused, and the chosen outcome is stored in `outcome`', async () => {
    const { sim, id } = await started();
    sim.complete(sim.taskAt('byRole', id).taskId, { vars: { unit: '县水利局' } });
    sim.complete(sim.taskAt('byUnit', id).taskId);
    sim.complete(sim.taskAt('byLiaison', id).taskId);
    const taskId = sim.taskAt('byInitiator', id).taskId;

    expect(codeOf(() => sim.complete(taskId))).toBe('INVALID_OUTCOME');
    expect(codeOf(() => sim.complete(taskId, { outcome: '再议' }))).toBe('INVALID_OUTCOME');
    expect(sim.taskAt('byInitiator', id).taskId).toBe(taskId); // still open after the refusals

    sim.complete(taskId, { outcome: '不同意', actor: actor('li') });
    expect(sim.vars(id).outcome).toBe('不同意');
    expect(sim.status(id)).toBe('completed');
    expect(sim.state(id).history.at(-1)).toMatchObject({ elementId: 'byInitiator', outcome: '不同意', actor: 'li' });
    expect(effects(sim, id, 'task.completed').at(-1)).toMatchObject({ taskId, outcome: '不同意', actor: { id: 'li' } });
  });

  it('given an outcome sent as form data `outcome`, then it counts as the chosen outcome', async () => {
    const { sim, id } = await started();
    sim.complete(sim.taskAt('byRole', id).taskId, { vars: { unit: '县水利局' } });
    sim.complete(sim.taskAt('byUnit', id).taskId);
    sim.complete(sim.taskAt('byLiaison', id).taskId);
    sim.complete(sim.taskAt('byInitiator', id).taskId, { vars: { outcome: '同意' } });
    expect(sim.status(id)).toBe('completed');
    expect(sim.vars(id).outcome).toBe('同意');
  });

  it('given an assignee expression without a value, then the step is refused with ASSIGNEE_EMPTY', async () => {
    const { sim, id } = await started();
    expect(codeOf(() => sim.complete(sim.taskAt('byRole', id).taskId))).toBe('ASSIGNEE_EMPTY');
    expect(sim.taskAt('byRole', id)).toBeTruthy();
  });
});
