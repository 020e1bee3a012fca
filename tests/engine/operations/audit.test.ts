import { describe, expect, it } from 'vitest';
import { at, calendar, load, MONDAY } from '../elements/support';
import { startInstance, step } from '../../../src/engine/runtime/step';
import type { Command, InstanceState, ProcessModel } from '../../../src/engine/types';

const approval = new URL('./fixtures/approval.bpmn', import.meta.url);
const sendBack = new URL('./fixtures/send-back.bpmn', import.meta.url);
const withdraw = new URL('./fixtures/withdraw.bpmn', import.meta.url);
const now = at(MONDAY);
const boss = { id: 'boss', name: '主任' };

function run(model: ProcessModel, state: InstanceState, cmd: Command) {
  return step(model, state, cmd, now, calendar);
}

function started(model: ProcessModel) {
  return startInstance(model, { id: 'i1', actor: { id: 'zhang' }, now, calendar }).state;
}

const firstTask = (s: InstanceState) => Object.keys(s.tasks)[0];

describe('every operation is audited with its actor and opinion', () => {
  it.each([
    ['complete', 'task.completed', (t: string): Command => ({ type: 'complete', taskId: t, actor: boss, outcome: '同意', opinion: '同意上报' }), '同意上报'],
    ['reassign', 'task.reassigned', (t: string): Command => ({ type: 'reassign', taskId: t, actor: boss, to: { type: 'user', value: 'z' }, opinion: '转周科长' }), '转周科长'],
    ['delegate', 'task.delegated', (t: string): Command => ({ type: 'delegate', taskId: t, actor: boss, to: { type: 'user', value: 'z' }, opinion: '请先核实' }), '请先核实'],
    ['addSigner', 'task.signerAdded', (t: string): Command => ({ type: 'addSigner', taskId: t, actor: boss, signer: { type: 'user', value: 'z' }, position: 'before', opinion: '请法务把关' }), '请法务把关'],
    ['urge', 'task.urged', (t: string): Command => ({ type: 'urge', taskId: t, actor: boss, method: 'visit', note: '派人催办' }), '派人催办'],
    ['extend', 'task.extended', (t: string): Command => ({ type: 'extend', taskId: t, actor: boss, newDue: '2026-04-30', reason: '情况复杂' }), '情况复杂'],
    ['terminate', 'instance.terminated', (): Command => ({ type: 'terminate', actor: boss, reason: '事项撤销' }), '事项撤销'],
  ] as const)('%s → audit %s', async (_name, action, command, opinion) => {
    const [model] = await load(approval);
    const s = started(model);
    const r = run(model, s, command(firstTask(s)));
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'audit', action, actor: boss, opinion }));
  });

  it('sendBack → audit task.sentBack', async () => {
    const [model] = (await load(sendBack)).filter((m) => m.key === 'linear');
    let s = startInstance(model, { id: 'i1', actor: { id: 'zhang' }, now, calendar, vars: { urgent: false } }).state;
    s = run(model, s, { type: 'complete', taskId: firstTask(s), actor: { id: 'wu' } }).state;
    const r = run(model, s, { type: 'sendBack', taskId: firstTask(s), actor: boss, target: 'register', opinion: '请补充材料' });
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'audit', action: 'task.sentBack', actor: boss, opinion: '请补充材料' }));
  });

  it('withdraw → audit task.withdrawn', async () => {
    const [model] = (await load(withdraw)).filter((m) => m.key === 'linear');
    let s = started(model);
    const draft = firstTask(s);
    s = run(model, s, { type: 'complete', taskId: draft, actor: { id: 'zhang' } }).state;
    const r = run(model, s, { type: 'withdraw', taskId: draft, actor: { id: 'zhang' }, opinion: '漏了附件' });
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'audit', action: 'task.withdrawn', actor: { id: 'zhang' }, opinion: '漏了附件' }));
  });
});
