import { describe, expect, it } from 'vitest';
import { at, audits, effects, simulate } from './support';
import { endOfDay, startOfDay } from '../../../src/engine/calendar';
import type { Simulator } from '../../../src/engine/simulator';

const fixture = new URL('./fixtures/deadlines.bpmn', import.meta.url);

function notifies(sim: Simulator, id: string) {
  return effects(sim, id, 'notify').map((n) => n.reason);
}

async function taskOf(process: string, now: string, vars: Record<string, unknown> = {}) {
  const sim = await simulate(fixture, now);
  const id = sim.start(process, vars);
  return { sim, id, task: sim.taskAt(`${process}-task`, id) };
}

describe('user task due dates (duban:due)', () => {
  it('given 5WD from Monday 2 March 2026, then the task is due at the end of Monday 9 March', async () => {
    const { task, sim, id } = await taskOf('due-wd', '2026-03-02T09:00:00');
    expect(task.dueDate).toBe('2026-03-09');
    expect(sim.state(id).tasks[task.taskId].dueAt).toBe(endOfDay('2026-03-09'));
  });

  it('given 2WD starting on 30 September 2026, then the 国庆 holiday (1–7 October) is skipped: due 9 October', async () => {
    const { task } = await taskOf('due-2wd', '2026-09-30T10:00:00');
    expect(task.dueDate).toBe('2026-10-09');
    expect(task.provisional).toBeFalsy();
  });

  it('given 2WD starting on 12 February 2026, then the make-up Saturday 14 February counts as a working day', async () => {
    const { task } = await taskOf('due-2wd', '2026-02-12T10:00:00');
    expect(task.dueDate).toBe('2026-02-14');
  });

  it('given 2WD starting on 13 February 2026, then 春节 (15–23 February) is skipped: due 24 February', async () => {
    const { task } = await taskOf('due-2wd', '2026-02-13T10:00:00');
    expect(task.dueDate).toBe('2026-02-24');
  });

  it('given P7D, then the task is due seven calendar days later, holidays included', async () => {
    expect((await taskOf('due-p7d', '2026-03-02T09:00:00')).task.dueDate).toBe('2026-03-09');
    expect((await taskOf('due-p7d', '2026-09-30T09:00:00')).task.dueDate).toBe('2026-10-07');
  });

  it('given P2M from a month end, then the due date is clamped to the end of the shorter month', async () => {
    expect((await taskOf('due-p2m', '2026-07-31T09:00:00')).task.dueDate).toBe('2026-09-30');
    expect((await taskOf('due-p2m', '2026-12-31T09:00:00')).task.dueDate).toBe('2027-02-28');
    expect((await taskOf('due-p2m', '2026-03-15T09:00:00')).task.dueDate).toBe('2026-05-15');
  });

  it('given due =deadline, then the FEEL date variable is the due date (end of that day)', async () => {
    const { task, sim, id } = await taskOf('due-feel', '2026-03-02T09:00:00', { deadline: '2026-04-15' });
    expect(task.dueDate).toBe('2026-04-15');
    expect(sim.state(id).tasks[task.taskId].dueAt).toBe(endOfDay('2026-04-15'));
  });

  it('given duban:dueFrom, then the deadline counts from that variable, not from when the task starts', async () => {
    const { task } = await taskOf('due-from', '2026-03-02T09:00:00', { assignedDate: '2026-02-26' });
    // 27 February (Friday) and the make-up Saturday 28 February.
    expect(task.dueDate).toBe('2026-02-28');
  });

  it('given duban:dueFrom naming a variable nobody filled in, then the deadline counts from when the task starts', async () => {
    const { task } = await taskOf('due-from', '2026-03-02T09:00:00');
    expect(task.dueDate).toBe('2026-03-04');
  });

  it('given duban:dueFrom naming a variable that holds no date, then the step is refused with BAD_DUE_FROM', async () => {
    const sim = await simulate(fixture);
    expect(() => sim.start('due-from', { assignedDate: '下周一' })).toThrow(expect.objectContaining({ code: 'BAD_DUE_FROM' }));
  });
});

describe('user task deadline timers (warn, remindBefore, overdue, remindEvery)', () => {
  it('given due 5WD, warn 3WD and remindBefore 1WD, then the three timers are scheduled at the right instants', async () => {
    const { sim, id, task } = await taskOf('due-wd', '2026-03-02T09:00:00');
    const timers = effects(sim, id, 'timer.scheduled').map((e) => e.timer);
    expect(timers.map((t) => [t.kind, t.fireAt, t.taskId])).toEqual([
      ['overdue', endOfDay('2026-03-09'), task.taskId],
      ['warn', startOfDay('2026-03-04'), task.taskId],
      ['remind', startOfDay('2026-03-06'), task.taskId],
    ]);
    expect(sim.state(id).tasks[task.taskId].warnAt).toBe(startOfDay('2026-03-04'));
  });

  it('given the clock moving, then warn, remind and overdue notify exactly when due and not a millisecond before', async () => {
    const { sim, id, task } = await taskOf('due-wd', '2026-03-02T09:00:00');

    sim.advanceTo(startOfDay('2026-03-04') - 1);
    expect(notifies(sim, id)).toEqual([]);
    sim.advanceTo(startOfDay('2026-03-04'));
    expect(notifies(sim, id)).toEqual(['warn']);

    sim.advanceTo(startOfDay('2026-03-06') - 1);
    expect(notifies(sim, id)).toEqual(['warn']);
    sim.advanceTo(startOfDay('2026-03-06'));
    expect(notifies(sim, id)).toEqual(['warn', 'remind']);

    sim.advanceTo(endOfDay('2026-03-09') - 1);
    expect(notifies(sim, id)).toEqual(['warn', 'remind']);
    sim.advanceTo(endOfDay('2026-03-09'));
    expect(notifies(sim, id)).toEqual(['warn', 'remind', 'overdue']);
    expect(effects(sim, id, 'notify').every((n) => n.taskId === task.taskId)).toBe(true);
    expect(audits(sim, id, 'task.overdue')).toEqual([expect.objectContaining({ taskId: task.taskId, data: { dueDate: '2026-03-09' } })]);

    // No remindEvery: nothing more after the due date.
    sim.advanceTo('2026-06-30');
    expect(notifies(sim, id)).toEqual(['warn', 'remind', 'overdue']);
  });

  it('given the task is completed, then its deadline timers are cancelled and never notify', async () => {
    const { sim, id, task } = await taskOf('due-wd', '2026-03-02T09:00:00');
    sim.complete(task.taskId);
    expect(effects(sim, id, 'timer.cancelled')).toHaveLength(3);
    expect(sim.state(id).timers).toEqual({});
    sim.advanceTo('2026-04-01');
    expect(notifies(sim, id)).toEqual([]);
  });

  it('given remindEvery 2WD, then after the due date a reminder fires every two working days until the task is done', async () => {
    const { sim, id, task } = await taskOf('due-every', '2026-03-02T09:00:00');
    expect(task.dueDate).toBe('2026-03-04');

    sim.advanceTo(endOfDay('2026-03-04'));
    expect(notifies(sim, id)).toEqual(['overdue']);
    const next = () => Object.values(sim.state(id).timers).filter((t) => t.kind === 'remind').map((t) => t.fireAt);
    expect(next()).toEqual([endOfDay('2026-03-06')]);

    sim.advanceTo(endOfDay('2026-03-06') - 1);
    expect(notifies(sim, id)).toEqual(['overdue']);
    sim.advanceTo(endOfDay('2026-03-06'));
    expect(notifies(sim, id)).toEqual(['overdue', 'remind']);
    // Friday 6 March + 2WD skips the weekend: Tuesday 10 March.
    expect(next()).toEqual([endOfDay('2026-03-10')]);
    sim.advanceTo(endOfDay('2026-03-12'));
    expect(notifies(sim, id)).toEqual(['overdue', 'remind', 'remind', 'remind']);

    sim.complete(task.taskId);
    sim.advanceTo('2026-05-01');
    expect(notifies(sim, id)).toEqual(['overdue', 'remind', 'remind', 'remind']);
    expect(sim.state(id).timers).toEqual({});
  });

  it('given the simulator advances past several instants at once, then timers fire in time order', async () => {
    const { sim, id } = await taskOf('due-wd', '2026-03-02T09:00:00');
    sim.advanceTo(at('2026-03-20'));
    expect(notifies(sim, id)).toEqual(['warn', 'remind', 'overdue']);
  });
});
