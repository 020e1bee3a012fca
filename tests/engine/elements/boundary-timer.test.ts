import { describe, expect, it } from 'vitest';
import { audits, effects, openAt, simulate } from './support';
import { endOfDay } from '../../../src/engine/calendar';

const fixture = new URL('./fixtures/boundary-timer.bpmn', import.meta.url);

describe('interrupting boundary timer', () => {
  it('given the task is still open when the timer fires, then the task is cancelled and the boundary path runs', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('interrupting');
    const handle = sim.taskAt('handle', id).taskId;
    // 3WD from Monday 2 March 2026.
    expect(Object.values(sim.state(id).timers)).toEqual([expect.objectContaining({ kind: 'boundary', elementId: 'late', fireAt: endOfDay('2026-03-05') })]);

    sim.advanceTo(endOfDay('2026-03-05') - 1);
    expect(openAt(sim, id)).toEqual(['handle']);
    sim.advanceTo(endOfDay('2026-03-05'));

    expect(openAt(sim, id)).toEqual(['escalate']);
    expect(effects(sim, id, 'task.cancelled')).toEqual([expect.objectContaining({ taskId: handle, elementId: 'handle' })]);
    expect(audits(sim, id, 'boundary')).toEqual([expect.objectContaining({ elementId: 'late', data: { activity: 'handle', interrupting: true } })]);
  });

  it('given the task completes before the timer, then the timer is cancelled and never fires', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('interrupting');
    sim.complete(sim.taskAt('handle', id).taskId);
    expect(sim.status(id)).toBe('completed');
    expect(effects(sim, id, 'timer.cancelled')).toHaveLength(1);
    expect(audits(sim, id, 'boundary')).toEqual([]);
  });
});

describe('non-interrupting cycle boundary timer (R/3WD)', () => {
  it('given the task stays open, then the boundary path runs every three working days and the task stays', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('cycle');
    const handle = sim.taskAt('c-handle', id).taskId;
    const fired = () => sim.services.filter((s) => s.elementId === 'notify').length;

    sim.advanceTo(endOfDay('2026-03-05'));
    expect(fired()).toBe(1);
    expect(sim.taskAt('c-handle', id).taskId).toBe(handle);

    // Thursday 5 March + 3WD = Tuesday 10 March; + 3WD = Friday 13 March.
    sim.advanceTo(endOfDay('2026-03-10') - 1);
    expect(fired()).toBe(1);
    sim.advanceTo(endOfDay('2026-03-10'));
    expect(fired()).toBe(2);
    sim.advanceTo(endOfDay('2026-03-13'));
    expect(fired()).toBe(3);
    expect(sim.taskAt('c-handle', id).taskId).toBe(handle);
    expect(sim.status(id)).toBe('running');
  });

  it('given the task completes, then the cycle stops', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('cycle');
    sim.advanceTo(endOfDay('2026-03-05'));
    sim.complete(sim.taskAt('c-handle', id).taskId);

    expect(sim.status(id)).toBe('completed');
    expect(sim.state(id).timers).toEqual({});
    sim.advanceTo('2026-06-30');
    expect(sim.services.filter((s) => s.elementId === 'notify')).toHaveLength(1);
  });
});
