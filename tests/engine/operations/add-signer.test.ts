import { describe, expect, it } from 'vitest';
import { actor, audits, codeOf, effects, openAt, simulate } from '../elements/support';

const fixture = new URL('./fixtures/approval.bpmn', import.meta.url);
const expert = { type: 'user' as const, value: 'expert' };

describe('加签 before', () => {
  it('given a signer added before, then the original task is suspended, the signer signs first, and then it resumes', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('approval');
    const original = sim.taskAt('review', id).taskId;

    sim.command(id, { type: 'addSigner', taskId: original, actor: actor('chen'), signer: expert, position: 'before', opinion: '请法律顾问先把关' });

    const tasks = sim.openTasks(id);
    expect(tasks.map((t) => [t.kind, t.assignment.value])).toEqual([
      ['normal', 'R7'],
      ['addsign-before', 'expert'],
    ]);
    expect(sim.state(id).tasks[original].suspended).toBe(true);
    expect(codeOf(() => sim.complete(original, { outcome: '同意' }))).toBe('TASK_SUSPENDED');
    expect(audits(sim, id, 'task.signerAdded')).toEqual([
      expect.objectContaining({ actor: actor('chen'), opinion: '请法律顾问先把关', data: { signer: expert, position: 'before' } }),
    ]);

    const added = tasks[1].taskId;
    expect(sim.state(id).tasks[added].parentTaskId).toBe(original);
    sim.complete(added, { actor: actor('expert'), opinion: '无法律问题' });
    expect(sim.openTasks(id).map((t) => t.taskId)).toEqual([original]);
    expect(sim.state(id).tasks[original].suspended).toBe(false);
    expect(effects(sim, id, 'task.updated').map((e) => e.change)).toEqual(['suspended', 'resumed']);

    sim.complete(original, { outcome: '同意', actor: actor('chen') });
    expect(openAt(sim, id)).toEqual(['approve']);
  });
});

describe('加签 after', () => {
  it('given a signer added after, then they get a task once the original completes, and only then does the flow continue', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('approval');
    const original = sim.taskAt('review', id).taskId;
    const deputy = { type: 'user' as const, value: 'deputy' };

    sim.command(id, { type: 'addSigner', taskId: original, actor: actor('chen'), signer: deputy, position: 'after', opinion: '请副主任复核' });
    expect(sim.openTasks(id).map((t) => t.taskId)).toEqual([original]);

    sim.complete(original, { outcome: '同意', actor: actor('chen') });
    const after = sim.openTasks(id);
    expect(after.map((t) => [t.elementId, t.kind, t.assignment.value])).toEqual([['review', 'addsign-after', 'deputy']]);

    sim.complete(after[0].taskId, { actor: actor('deputy') });
    expect(openAt(sim, id)).toEqual(['approve']);
    expect(audits(sim, id, 'task.signerAdded')).toEqual([expect.objectContaining({ actor: actor('chen'), opinion: '请副主任复核', data: { signer: deputy, position: 'after' } })]);
  });

  it('given two signers added after, then they sign one after the other', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('approval');
    const original = sim.taskAt('review', id).taskId;
    sim.addSigner(original, { type: 'user', value: 'a' }, 'after');
    sim.addSigner(original, { type: 'user', value: 'b' }, 'after');
    sim.complete(original, { outcome: '同意' });
    expect(sim.taskAt('review', id).assignment.value).toBe('a');
    sim.complete(sim.taskAt('review', id).taskId);
    expect(sim.taskAt('review', id).assignment.value).toBe('b');
    sim.complete(sim.taskAt('review', id).taskId);
    expect(openAt(sim, id)).toEqual(['approve']);
  });
});
