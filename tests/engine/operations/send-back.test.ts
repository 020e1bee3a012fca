import { describe, expect, it } from 'vitest';
import { actor, audits, codeOf, effects, openAt, simulate } from '../elements/support';

const fixture = new URL('./fixtures/send-back.bpmn', import.meta.url);

async function atApprove() {
  const sim = await simulate(fixture);
  const id = sim.start('linear', { urgent: false });
  sim.complete(sim.taskAt('register', id).taskId, { actor: actor('wu') });
  sim.complete(sim.taskAt('review', id).taskId, { actor: actor('chen') });
  return { sim, id, approve: sim.taskAt('approve', id).taskId };
}

describe('退回 sendBack', () => {
  it('given an earlier step on the path, then the current task is cancelled and the step reopens for the person who handled it', async () => {
    const { sim, id, approve } = await atApprove();
    sim.sendBack(approve, 'register', '材料不全，请补充', actor('boss'));

    expect(openAt(sim, id)).toEqual(['register']);
    expect(sim.taskAt('register', id).assignment).toEqual({ type: 'user', value: 'wu' });
    expect(effects(sim, id, 'task.cancelled')).toEqual([expect.objectContaining({ taskId: approve, reason: '退回' })]);
    expect(audits(sim, id, 'task.sentBack')).toEqual([
      expect.objectContaining({
        actor: actor('boss'),
        taskId: approve,
        elementId: 'approve',
        opinion: '材料不全，请补充',
        data: { target: 'register', targetName: '登记' },
      }),
    ]);
  });

  it('given the step right before, then it goes back to its handler and the flow then continues normally', async () => {
    const { sim, id, approve } = await atApprove();
    sim.sendBack(approve, 'review', '意见不明确');
    const review = sim.taskAt('review', id);
    expect(review.assignment).toEqual({ type: 'user', value: 'chen' });
    sim.complete(review.taskId, { actor: actor('chen') });
    expect(openAt(sim, id)).toEqual(['approve']);
  });

  it('given a step not on the path (a branch not taken), then it is refused and nothing changes', async () => {
    const { sim, id, approve } = await atApprove();
    expect(codeOf(() => sim.sendBack(approve, 'fastReview', '退回'))).toBe('SEND_BACK_TARGET_INVALID');
    expect(codeOf(() => sim.sendBack(approve, 'approve', '退回自己'))).toBe('SEND_BACK_TARGET_INVALID');
    expect(codeOf(() => sim.sendBack(approve, 'nowhere', '退回'))).toBe('UNKNOWN_ELEMENT');
    expect(openAt(sim, id)).toEqual(['approve']);
  });

  it('given a later step, then it is refused', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('linear', { urgent: false });
    sim.complete(sim.taskAt('register', id).taskId);
    expect(codeOf(() => sim.sendBack(sim.taskAt('review', id).taskId, 'approve', '退到后面'))).toBe('SEND_BACK_TARGET_INVALID');
  });

  it('given no opinion (or only blanks), then it is refused with OPINION_REQUIRED', async () => {
    const { sim, id, approve } = await atApprove();
    expect(codeOf(() => sim.sendBack(approve, 'register', ''))).toBe('OPINION_REQUIRED');
    expect(codeOf(() => sim.sendBack(approve, 'register', '   '))).toBe('OPINION_REQUIRED');
    expect(openAt(sim, id)).toEqual(['approve']);
  });
});

describe('退回 inside a parallel multi-instance (会签)', () => {
  it('given one unit sends back to a step before the multi-instance, then every unit task is cancelled', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('mi-parallel', { units: ['甲局', '乙局', '丙局'] });
    sim.complete(sim.taskAt('p-register', id).taskId, { actor: actor('wu') });
    const [a, b, c] = sim.openTasks(id);
    sim.complete(a.taskId, { actor: actor('jia') });

    sim.sendBack(b.taskId, 'p-register', '会签稿有误，请重拟', actor('yi'));

    expect(openAt(sim, id)).toEqual(['p-register']);
    expect(sim.taskAt('p-register', id).assignment).toEqual({ type: 'user', value: 'wu' });
    expect(effects(sim, id, 'task.cancelled').map((e) => e.taskId).sort()).toEqual([b.taskId, c.taskId].sort());
    expect(Object.keys(sim.state(id).scopes)).toEqual([id]);

    // The re-drafted item goes to every unit again.
    sim.complete(sim.taskAt('p-register', id).taskId, { actor: actor('wu') });
    expect(sim.openTasks(id).map((t) => t.assignment.value)).toEqual(['甲局', '乙局', '丙局']);
  });
});

describe('退回 inside a multi-instance embedded sub-process (one per unit)', () => {
  it('given one unit sends back to an earlier step of its own sub-process, then only that unit is reset', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('mi-sub', { units: ['甲局', '乙局'] });
    sim.complete(sim.taskAt('s-register', id).taskId);
    const drafts = sim.openTasks(id);
    expect(drafts.map((t) => t.assignment.value)).toEqual(['甲局', '乙局']);
    sim.complete(drafts[0].taskId, { actor: actor('jia-handler') });
    const checkA = sim.taskAt('check', id);
    expect(checkA.assignment).toEqual({ type: 'liaison', value: '甲局' });
    const draftB = drafts[1].taskId;

    sim.sendBack(checkA.taskId, 'draft', '甲局拟办意见需细化', actor('liaison-jia'));

    const open = sim.openTasks(id);
    expect(open.map((t) => [t.elementId, t.assignment.value]).sort()).toEqual([
      ['draft', 'jia-handler'],
      ['draft', '乙局'],
    ]);
    expect(open.some((t) => t.taskId === draftB)).toBe(true); // unit 乙 untouched
    expect(effects(sim, id, 'task.cancelled').map((e) => e.taskId)).toEqual([checkA.taskId]);

    // Both units can still finish, and the flow continues after both.
    sim.complete(sim.openTasks(id).find((t) => t.assignment.value === 'jia-handler')!.taskId);
    sim.complete(draftB);
    for (const t of sim.openTasks(id)) sim.complete(t.taskId);
    expect(openAt(sim, id)).toEqual(['s-summary']);
  });
});

describe('退回 in a sequential 会签', () => {
  it('given the third signer sends back to the same step, then it returns to the second signer, and after them the third signs again', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('mi-sequential', { signers: ['wang', 'zhao', 'sun'] });
    sim.complete(sim.taskAt('q-sign', id).taskId, { actor: actor('wang') });
    sim.complete(sim.taskAt('q-sign', id).taskId, { actor: actor('zhao') });
    const third = sim.taskAt('q-sign', id);
    expect(third.assignment.value).toBe('sun');

    sim.sendBack(third.taskId, 'q-sign', '请赵局长再核', actor('sun'));

    const back = sim.taskAt('q-sign', id);
    expect(back.assignment).toEqual({ type: 'user', value: 'zhao' });
    sim.complete(back.taskId, { actor: actor('zhao') });

    const again = sim.taskAt('q-sign', id);
    expect(again.assignment.value).toBe('sun');
    sim.complete(again.taskId, { actor: actor('sun') });
    expect(openAt(sim, id)).toEqual(['q-summary']);
  });

  it('given the first signer sends back to the same step, then it is refused: there is no earlier signer', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('mi-sequential', { signers: ['wang', 'zhao'] });
    expect(codeOf(() => sim.sendBack(sim.taskAt('q-sign', id).taskId, 'q-sign', '退回'))).toBe('SEND_BACK_TARGET_INVALID');
  });
});

describe('regression: sequential 会签 sent back to an earlier signer', () => {
  it('does not count the redone signers twice: every later signer signs again before the flow moves on', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('mi-sequential', { signers: ['wang', 'zhao', 'sun', 'qian'] });
    for (const who of ['wang', 'zhao', 'sun']) sim.complete(sim.taskAt('q-sign', id).taskId, { actor: actor(who) });
    // qian sends back to the latest earlier signer (sun); sun then sends back to zhao.
    sim.sendBack(sim.taskAt('q-sign', id).taskId, 'q-sign', '请孙再核', actor('qian'));
    expect(sim.taskAt('q-sign', id).assignment.value).toBe('sun');
    sim.sendBack(sim.taskAt('q-sign', id).taskId, 'q-sign', '请赵再核', actor('sun'));
    const order: string[] = [];
    while (openAt(sim, id)[0] === 'q-sign') {
      const t = sim.taskAt('q-sign', id);
      order.push(t.assignment.value);
      sim.complete(t.taskId, { actor: actor(t.assignment.value) });
    }
    expect(order).toEqual(['zhao', 'sun', 'qian']);
    const ms = Object.values(sim.state(id).scopes).filter((s) => s.multi);
    expect(ms).toEqual([]); // the multi-instance scope and every instance scope are gone
    expect(Object.keys(sim.state(id).scopes)).toEqual([id]);
  });
});
