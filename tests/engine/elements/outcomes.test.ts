import { describe, expect, it } from 'vitest';
import { codeOf, effects, errorOf, load, simulate } from './support';

const fixture = new URL('./fixtures/outcomes.bpmn', import.meta.url);

describe('outcomes declared by the diagram', () => {
  it('given duban:negativeOutcomes on the process, then each task keeps those it offers; an opinion is required for them by default', async () => {
    const [model] = await load(fixture);
    expect(model.elements.approve).toMatchObject({ negativeOutcomes: ['不同意'], opinionRequired: ['不同意'] });
    expect(model.elements.verify).toMatchObject({ negativeOutcomes: ['退回重办'], opinionRequired: ['通过', '退回重办', '暂缓'] });
    // A task's own declaration wins; an empty duban:opinionRequired asks for no opinion.
    expect(model.elements.sign.negativeOutcomes).toEqual(['不签发']);
    expect(model.elements.sign.opinionRequired).toBeUndefined();
  });

  it('given an outcome that needs an opinion and none, then completing is refused with OPINION_REQUIRED in Chinese', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('outcomes');
    const task = sim.taskAt('approve', id);
    expect(codeOf(() => sim.complete(task.taskId, { outcome: '不同意' }))).toBe('OPINION_REQUIRED');
    expect(errorOf(() => sim.complete(task.taskId, { outcome: '不同意', opinion: '  ' })).message).toBe('选择“不同意”时须填写办理意见');
    sim.complete(task.taskId, { outcome: '不同意', opinion: '材料不全' });
    expect(effects(sim, id, 'task.completed')).toEqual([expect.objectContaining({ elementId: 'approve', outcome: '不同意', negative: true })]);
  });

  it('given a positive outcome, then the completion is not negative and needs no opinion', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('outcomes');
    sim.complete(sim.taskAt('approve', id).taskId, { outcome: '同意' });
    expect(effects(sim, id, 'task.completed')[0]).toMatchObject({ outcome: '同意', negative: false });
    expect(codeOf(() => sim.complete(sim.taskAt('verify', id).taskId, { outcome: '通过' }))).toBe('OPINION_REQUIRED');
    sim.complete(sim.taskAt('verify', id).taskId, { outcome: '通过', opinion: '属实' });
    sim.complete(sim.taskAt('sign', id).taskId, { outcome: '不签发' });
    expect(effects(sim, id, 'task.completed').map((e) => e.negative)).toEqual([false, false, true]);
  });
});
