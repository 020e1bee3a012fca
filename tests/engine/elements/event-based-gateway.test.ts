import { describe, expect, it } from 'vitest';
import { codeOf, effects, openAt, simulate } from './support';
import { endOfDay } from '../../../src/engine/calendar';

const fixture = new URL('./fixtures/event-based-gateway.bpmn', import.meta.url);

describe('event-based gateway', () => {
  it('given the gateway is reached, then it subscribes to the message and schedules the timer at once', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('event-gateway');
    expect(Object.values(sim.state(id).subs)).toEqual([expect.objectContaining({ kind: 'message', name: '单位回函', elementId: 'reply' })]);
    // 5WD from Monday 2 March 2026.
    expect(Object.values(sim.state(id).timers)).toEqual([expect.objectContaining({ kind: 'catch', elementId: 'timeout', fireAt: endOfDay('2026-03-09') })]);
    expect(sim.openTasks(id)).toEqual([]);
  });

  it('given the message arrives first, then its branch wins and the timer is cancelled', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('event-gateway');
    const timerId = Object.keys(sim.state(id).timers)[0];
    sim.message(id, '单位回函', { replyNo: '水利函〔2026〕3号' });

    expect(openAt(sim, id)).toEqual(['read']);
    expect(sim.vars(id).replyNo).toBe('水利函〔2026〕3号');
    expect(sim.state(id).timers).toEqual({});
    expect(effects(sim, id, 'timer.cancelled').map((e) => e.timerId)).toEqual([timerId]);
    sim.advanceTo('2026-04-01');
    expect(openAt(sim, id)).toEqual(['read']);
  });

  it('given the timer fires first, then its branch wins and the message subscription is closed', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('event-gateway');
    sim.advanceTo(endOfDay('2026-03-09'));

    expect(openAt(sim, id)).toEqual(['chase']);
    expect(sim.state(id).subs).toEqual({});
    expect(effects(sim, id, 'subscription.closed')).toEqual([expect.objectContaining({ name: '单位回函' })]);
    expect(codeOf(() => sim.message(id, '单位回函'))).toBe('NO_SUBSCRIBER');
  });
});
