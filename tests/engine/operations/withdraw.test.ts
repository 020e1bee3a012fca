import { describe, expect, it } from 'vitest';
import { actor, at, audits, calendar, codeOf, effects, load, MONDAY, openAt, simulate } from '../elements/support';
import { startInstance, step } from '../../../src/engine/runtime/step';

const fixture = new URL('./fixtures/withdraw.bpmn', import.meta.url);
const zhang = actor('zhang');

async function drafted() {
  const sim = await simulate(fixture);
  const id = sim.start('linear', {}, zhang);
  const draft = sim.taskAt('draft', id).taskId;
  sim.complete(draft, { actor: zhang });
  return { sim, id, draft };
}

describe('撤回 withdraw', () => {
  it('given the next task is untouched, then it is cancelled (with its timers) and the step comes back to its actor', async () => {
    const { sim, id, draft } = await drafted();
    const review = sim.taskAt('review', id).taskId;

    sim.command(id, { type: 'withdraw', taskId: draft, actor: zhang, opinion: '补充附件' });

    expect(openAt(sim, id)).toEqual(['draft']);
    expect(sim.taskAt('draft', id).assignment).toEqual({ type: 'user', value: 'zhang' });
    expect(effects(sim, id, 'task.cancelled')).toEqual([expect.objectContaining({ taskId: review, reason: '撤回' })]);
    expect(sim.state(id).timers).toEqual({});
    expect(audits(sim, id, 'task.withdrawn')).toEqual([
      expect.objectContaining({ actor: zhang, taskId: draft, elementId: 'draft', opinion: '补充附件' }),
    ]);

    // The withdrawn step can be done again and the flow goes on.
    sim.complete(sim.taskAt('draft', id).taskId, { actor: zhang });
    expect(openAt(sim, id)).toEqual(['review']);
  });

  it('given the next handler already delegated the task, then it is refused', async () => {
    const { sim, id, draft } = await drafted();
    sim.delegate(sim.taskAt('review', id).taskId, { type: 'user', value: 'li' }, actor('chen'));
    expect(codeOf(() => sim.withdraw(id, draft, zhang))).toBe('WITHDRAW_NOT_ALLOWED');
    expect(openAt(sim, id)).toEqual(['review']);
  });

  it('given the next step was already completed, then it is refused', async () => {
    const { sim, id, draft } = await drafted();
    sim.complete(sim.taskAt('review', id).taskId, { actor: actor('chen') });
    expect(codeOf(() => sim.withdraw(id, draft, zhang))).toBe('WITHDRAW_NOT_ALLOWED');
    expect(openAt(sim, id)).toEqual(['approve']);
  });

  it("given someone else's completed task, then it is refused", async () => {
    const { sim, id, draft } = await drafted();
    expect(codeOf(() => sim.withdraw(id, draft, actor('li')))).toBe('WITHDRAW_NOT_ALLOWED');
    expect(openAt(sim, id)).toEqual(['review']);
  });

  it('given an unknown or still open task, then it is refused', async () => {
    const { sim, id } = await drafted();
    expect(codeOf(() => sim.withdraw(id, sim.taskAt('review', id).taskId, zhang))).toBe('WITHDRAW_NOT_ALLOWED');
    expect(codeOf(() => sim.withdraw(id, 'nope', zhang))).toBe('WITHDRAW_NOT_ALLOWED');
  });

  it('given an automatic service ran after the step, then it is refused', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('auto', {}, zhang);
    const draft = sim.taskAt('a-draft', id).taskId;
    sim.complete(draft, { actor: zhang });
    expect(sim.vars(id).letterNo).toBeTruthy();
    expect(codeOf(() => sim.withdraw(id, draft, zhang))).toBe('WITHDRAW_NOT_ALLOWED');
    expect(openAt(sim, id)).toEqual(['a-review']);
  });

  it('given an automatic service was requested and is still running, then it is refused too', async () => {
    const [model] = (await load(fixture)).filter((m) => m.key === 'auto');
    const now = at(MONDAY);
    let s = startInstance(model, { id: 'i1', actor: zhang, now, calendar }).state;
    const draft = Object.keys(s.tasks)[0];
    s = step(model, s, { type: 'complete', taskId: draft, actor: zhang }, now, calendar).state;
    expect(Object.values(s.tokens)).toEqual([expect.objectContaining({ wait: 'service' })]);
    expect(codeOf(() => step(model, s, { type: 'withdraw', taskId: draft, actor: zhang }, now, calendar))).toBe('WITHDRAW_NOT_ALLOWED');
  });
});

describe('撤回 into a parallel 会签', () => {
  const sendBack = new URL('./fixtures/send-back.bpmn', import.meta.url);

  it('given no unit has signed yet, then withdrawing cancels every unit task; once one unit signed, it is refused', async () => {
    const sim = await simulate(sendBack);
    const id = sim.start('mi-parallel', { units: ['甲局', '乙局'] });
    const reg = sim.taskAt('p-register', id).taskId;
    sim.complete(reg, { actor: actor('wu') });
    expect(sim.openTasks(id)).toHaveLength(2);

    sim.withdraw(id, reg, actor('wu'));
    expect(openAt(sim, id)).toEqual(['p-register']);
    expect(Object.keys(sim.state(id).scopes)).toEqual([id]);

    const again = sim.taskAt('p-register', id).taskId;
    sim.complete(again, { actor: actor('wu') });
    sim.complete(sim.openTasks(id)[0].taskId);
    expect(codeOf(() => sim.withdraw(id, again, actor('wu')))).toBe('WITHDRAW_NOT_ALLOWED');
  });
});
