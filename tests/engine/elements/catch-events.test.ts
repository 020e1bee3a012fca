import { describe, expect, it } from 'vitest';
import { codeOf, effects, openAt, simulate } from './support';

const fixture = new URL('./fixtures/catch-events.bpmn', import.meta.url);

describe('intermediate message catch event', () => {
  it('given the token waits for a message, then nothing moves until it arrives; its variables are stored', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('message-catch');
    expect(effects(sim, id, 'subscription.opened')).toEqual([expect.objectContaining({ kind: 'message', name: '单位回函' })]);
    expect(openAt(sim, id)).toEqual([]);

    sim.message(id, '单位回函', { replyNo: '水利函〔2026〕3号' });
    expect(openAt(sim, id)).toEqual(['read']);
    expect(sim.vars(id).replyNo).toBe('水利函〔2026〕3号');
    expect(sim.state(id).subs).toEqual({});
  });

  it('given a message with another name, then it is refused with NO_SUBSCRIBER and the token keeps waiting', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('message-catch');
    expect(codeOf(() => sim.message(id, '其他消息'))).toBe('NO_SUBSCRIBER');
    expect(Object.values(sim.state(id).subs)).toHaveLength(1);
  });
});

describe('intermediate signal catch event', () => {
  it('given two tokens wait for the same signal, then one broadcast wakes both', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('signal-catch');
    expect(Object.values(sim.state(id).subs).map((s) => s.elementId).sort()).toEqual(['wait-a', 'wait-b']);

    sim.signal(id, '集中整改结束');
    expect(openAt(sim, id)).toEqual(['check-a', 'check-b']);
    expect(sim.state(id).subs).toEqual({});
  });
});
