import { describe, expect, it } from 'vitest';
import { actor, audits, codeOf, effects, simulate } from '../elements/support';

const fixture = new URL('./fixtures/approval.bpmn', import.meta.url);

describe('催办 urge', () => {
  it('given urges, then the count grows, each sends a notify with the method and is audited', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('approval');
    const taskId = sim.taskAt('review', id).taskId;

    sim.urge(taskId, 'phone', '请今日办结', actor('duchashi'));
    sim.urge(taskId, 'notice', '第二次催办', actor('duchashi'));

    expect(sim.state(id).tasks[taskId].urges).toBe(2);
    expect(effects(sim, id, 'notify')).toEqual([
      { type: 'notify', reason: 'urge', taskId, method: 'phone', note: '请今日办结' },
      { type: 'notify', reason: 'urge', taskId, method: 'notice', note: '第二次催办' },
    ]);
    expect(audits(sim, id, 'task.urged')).toEqual([
      expect.objectContaining({ actor: actor('duchashi'), taskId, opinion: '请今日办结', data: { method: 'phone', methodName: '电话催办', count: 1 } }),
      expect.objectContaining({ actor: actor('duchashi'), taskId, opinion: '第二次催办', data: { method: 'notice', methodName: '催办通知', count: 2 } }),
    ]);
    expect(effects(sim, id, 'task.updated').map((e) => [e.change, e.task.urges])).toEqual([
      ['urged', 1],
      ['urged', 2],
    ]);
  });

  it('given an unknown method, then it is refused and nothing is counted', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('approval');
    const taskId = sim.taskAt('review', id).taskId;
    expect(codeOf(() => sim.urge(taskId, 'email' as never))).toBe('BAD_URGE_METHOD');
    expect(sim.state(id).tasks[taskId].urges).toBe(0);
  });
});
