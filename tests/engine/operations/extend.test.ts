import { describe, expect, it } from 'vitest';
import { actor, audits, codeOf, effects, mark, since, simulate } from '../elements/support';
import { endOfDay, startOfDay } from '../../../src/engine/calendar';
import type { Simulator } from '../../../src/engine/simulator';

const fixture = new URL('./fixtures/approval.bpmn', import.meta.url);

function timersOf(sim: Simulator, id: string) {
  return Object.values(sim.state(id).timers)
    .map((t) => [t.kind, t.fireAt] as const)
    .sort((a, b) => a[1] - b[1]);
}

async function started() {
  const sim = await simulate(fixture);
  const id = sim.start('approval');
  const taskId = sim.taskAt('review', id).taskId;
  return { sim, id, taskId };
}

describe('延期 extend', () => {
  it('given a new date, then the due date moves, the original is kept, and old timers are replaced by new ones at the new instants', async () => {
    const { sim, id, taskId } = await started();
    // 5WD from Monday 2 March: due 9 March, warn 3WD before, remind 1WD before.
    expect(timersOf(sim, id)).toEqual([
      ['warn', startOfDay('2026-03-04')],
      ['remind', startOfDay('2026-03-06')],
      ['overdue', endOfDay('2026-03-09')],
    ]);
    const oldIds = Object.keys(sim.state(id).timers).sort();
    const from = mark(sim, id);

    sim.command(id, { type: 'extend', taskId, actor: actor('duchashi'), newDue: '2026-03-20', reason: '涉及多部门协调' });

    const task = sim.taskAt('review', id);
    expect(task.dueDate).toBe('2026-03-20');
    expect(task.originalDueDate).toBe('2026-03-09');
    expect(sim.state(id).tasks[taskId].dueAt).toBe(endOfDay('2026-03-20'));
    const after = since(sim, id, from);
    expect(after.filter((e) => e.type === 'timer.cancelled').map((e) => (e as { timerId: string }).timerId).sort()).toEqual(oldIds);
    expect(timersOf(sim, id)).toEqual([
      ['warn', startOfDay('2026-03-17')],
      ['remind', startOfDay('2026-03-19')],
      ['overdue', endOfDay('2026-03-20')],
    ]);
    expect(audits(sim, id, 'task.extended')).toEqual([
      expect.objectContaining({
        actor: actor('duchashi'),
        taskId,
        opinion: '涉及多部门协调',
        data: { from: '2026-03-09', to: '2026-03-20', original: '2026-03-09' },
      }),
    ]);

    // Nothing fires at the old instants; everything fires at the new ones.
    sim.advanceTo(endOfDay('2026-03-16'));
    expect(effects(sim, id, 'notify')).toEqual([]);
    sim.advanceTo(endOfDay('2026-03-20'));
    expect(effects(sim, id, 'notify').map((n) => n.reason)).toEqual(['warn', 'remind', 'overdue']);
  });

  it('given a duration, then it is added to the current due date; extending again keeps the first original date', async () => {
    const { sim, id, taskId } = await started();
    sim.extend(taskId, '5WD', '第一次延期');
    expect(sim.taskAt('review', id).dueDate).toBe('2026-03-16');
    sim.extend(taskId, 'P7D', '第二次延期');
    const task = sim.taskAt('review', id);
    expect(task.dueDate).toBe('2026-03-23');
    expect(task.originalDueDate).toBe('2026-03-09');
    expect(timersOf(sim, id).at(-1)).toEqual(['overdue', endOfDay('2026-03-23')]);
  });

  it('given an overdue task with repeating reminders, then extending it stops them until the new deadline', async () => {
    const { sim, id, taskId } = await started();
    sim.advanceTo(endOfDay('2026-03-09'));
    expect(timersOf(sim, id)).toEqual([['remind', endOfDay('2026-03-11')]]);
    sim.extend(taskId, '2026-03-31', '补充调查');
    expect(timersOf(sim, id)).toEqual([
      ['warn', startOfDay('2026-03-26')],
      ['remind', startOfDay('2026-03-30')],
      ['overdue', endOfDay('2026-03-31')],
    ]);
  });

  it('given no reason, then it is refused', async () => {
    const { sim, taskId } = await started();
    expect(codeOf(() => sim.extend(taskId, '2026-03-20', ''))).toBe('REASON_REQUIRED');
    expect(codeOf(() => sim.extend(taskId, '2026-03-20', '  '))).toBe('REASON_REQUIRED');
  });

  it('given a date not later than the current due date, then it is refused and nothing changes', async () => {
    const { sim, id, taskId } = await started();
    const timers = structuredClone(sim.state(id).timers);
    expect(codeOf(() => sim.extend(taskId, '2026-03-05', '提前'))).toBe('EXTEND_NOT_LATER');
    expect(codeOf(() => sim.extend(taskId, '2026-03-09', '同一天'))).toBe('EXTEND_NOT_LATER');
    expect(sim.taskAt('review', id).dueDate).toBe('2026-03-09');
    expect(sim.state(id).timers).toEqual(timers);
  });
});
