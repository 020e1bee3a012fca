import { describe, expect, it } from 'vitest';
import { at, openAt, simulate } from './support';
import { endOfDay } from '../../../src/engine/calendar';

const fixture = new URL('./fixtures/intermediate-timer.bpmn', import.meta.url);

describe('intermediate timer catch event', () => {
  it('given a 2WD wait, then the token waits until the end of the second working day and then moves on', async () => {
    const sim = await simulate(fixture, '2026-09-29T10:00:00');
    const id = sim.start('wait-timer');
    // Tuesday 29 September 2026: the 30th, then 国庆 1–7 October, then Thursday 8 October.
    expect(Object.values(sim.state(id).tokens)).toEqual([expect.objectContaining({ elementId: 'wait', wait: 'timer' })]);
    expect(Object.values(sim.state(id).timers)).toEqual([expect.objectContaining({ kind: 'catch', fireAt: endOfDay('2026-10-08') })]);

    sim.advanceTo(endOfDay('2026-10-08') - 1);
    expect(openAt(sim, id)).toEqual([]);
    sim.advanceTo(endOfDay('2026-10-08'));
    expect(openAt(sim, id)).toEqual(['after']);
    expect(sim.state(id).timers).toEqual({});
  });

  it('given a timeDate from a FEEL variable, then the token waits until that instant', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('wait-date', { meetingAt: '2026-03-10T15:00:00+08:00' });
    expect(Object.values(sim.state(id).timers)[0].fireAt).toBe(at('2026-03-10T15:00:00'));
    sim.advanceTo('2026-03-10T14:59:59');
    expect(openAt(sim, id)).toEqual([]);
    sim.advanceTo('2026-03-10T15:00:00');
    expect(openAt(sim, id)).toEqual(['d-after']);
  });

  it('given a timer is fired twice, then the second firing does nothing', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('wait-timer');
    const timerId = Object.keys(sim.state(id).timers)[0];
    sim.command(id, { type: 'fireTimer', timerId });
    const after = structuredClone(sim.state(id));
    sim.command(id, { type: 'fireTimer', timerId });
    expect(openAt(sim, id)).toEqual(['after']);
    expect({ ...sim.state(id), seq: after.seq }).toEqual(after);
  });
});
