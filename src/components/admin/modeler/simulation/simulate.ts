/**
 * Runs a process in the browser with the real engine (Simulator) on the real
 * calendar: starts an item on a chosen date with sample variables and completes
 * every task with its first outcome, recording each step's assignee and due date.
 */
import { startOfDay, toLocalDate, WorkCalendar, type ImportedSchedule, type Override } from '../../../../engine/calendar';
import type { Assignment, Effect, ProcessModel } from '../../../../engine/types';
import { Simulator } from '../../../../engine/simulator';

/** One step of a simulated run. */
export interface SimStep {
  index: number;
  kind: 'task' | 'service' | 'child' | 'end' | 'stop';
  processKey: string;
  elementId: string;
  name: string;
  assignment?: Assignment;
  /** When the step started (epoch ms). */
  startedAt: number;
  dueDate?: string;
  provisional?: boolean;
  outcome?: string;
  note?: string;
}

/** Options of a run. */
export interface SimulationInput {
  models: ProcessModel[];
  processKey: string;
  /** Start instant (epoch ms). */
  start: number;
  vars: Record<string, unknown>;
  calendar: WorkCalendar;
  /** Complete each task on its due date (worst case) instead of at once. */
  useFullTime?: boolean;
  /** Stop after this many completed tasks (loops). */
  maxTasks?: number;
}

/** The outcome of a run. */
export interface SimulationResult {
  steps: SimStep[];
  status: 'completed' | 'running' | 'terminated' | 'failed';
  error?: string;
  endedAt: number;
}

/** A WorkCalendar from the administrator's stored entries (as the server builds it). */
export function calendarFromEntries(rows: { date: string; year: number; workday: number; source: string; note: string | null }[]): WorkCalendar {
  const schedules = new Map<number, Override[]>();
  const overrides: Override[] = [];
  for (const r of rows) {
    const entry: Override = { date: r.date, kind: r.workday ? 'workday' : 'holiday', ...(r.note ? { name: r.note } : {}) };
    if (r.source === 'schedule') schedules.set(r.year, [...(schedules.get(r.year) ?? []), entry]);
    else overrides.push(entry);
  }
  const imported: ImportedSchedule[] = [...schedules].map(([year, entries]) => ({ year, entries }));
  return new WorkCalendar({ schedules: imported, overrides });
}

/** 17:00 China time on a date: the end of its working day. */
function closingOf(date: string): number {
  return startOfDay(date) + 17 * 3_600_000;
}

/** Run the simulation; engine errors end the run with a Chinese message instead of throwing. */
export function simulate(input: SimulationInput): SimulationResult {
  const steps: SimStep[] = [];
  const sim = new Simulator({ models: input.models, now: input.start, calendar: input.calendar });
  const byKey = new Map(input.models.map((m) => [m.key, m]));
  const names = (key: string, id: string) => byKey.get(key)?.elements[id]?.name || id;
  const instanceKey = new Map<string, string>();
  let seen = 0;
  const record = () => {
    for (; seen < sim.log.length; seen++) {
      const { instanceId, effect } = sim.log[seen] as { instanceId: string; effect: Effect };
      const key = instanceKey.get(instanceId) ?? (() => {
        const k = sim.state(instanceId).key;
        instanceKey.set(instanceId, k);
        return k;
      })();
      if (effect.type === 'task.created') {
        steps.push({
          index: steps.length + 1,
          kind: 'task',
          processKey: key,
          elementId: effect.task.elementId,
          name: effect.name || names(key, effect.task.elementId),
          assignment: effect.task.assignment,
          startedAt: effect.task.createdAt,
          dueDate: effect.task.dueDate,
          provisional: effect.task.provisional,
        });
      } else if (effect.type === 'service.requested') {
        steps.push({ index: steps.length + 1, kind: 'service', processKey: key, elementId: effect.elementId, name: names(key, effect.elementId), startedAt: sim.now });
      } else if (effect.type === 'child.started') {
        const token = sim.state(instanceId).tokens[effect.tokenId];
        steps.push({
          index: steps.length + 1,
          kind: 'child',
          processKey: key,
          elementId: token?.elementId ?? '',
          name: `${names(key, token?.elementId ?? '')} → 启动子流程“${byKey.get(effect.processKey)?.name ?? effect.processKey}”`,
          startedAt: sim.now,
          dueDate: token?.dueDate,
        });
      }
    }
  };
  let root: string;
  try {
    root = sim.start(input.processKey, input.vars, { id: 'admin', name: '模拟' });
    record();
  } catch (err) {
    return { steps, status: 'failed', error: (err as Error).message, endedAt: sim.now };
  }
  const limit = input.maxTasks ?? 150;
  for (let done = 0; done < limit; done++) {
    const open = sim.openTasks().filter((t) => !sim.state(t.instanceId).tasks[t.taskId]?.suspended);
    if (open.length === 0) break;
    const task = open[0];
    const model = byKey.get(task.processKey);
    const outcome = model?.elements[task.elementId]?.outcomes?.[0];
    try {
      if (input.useFullTime && task.dueDate) {
        const target = Math.max(sim.now, closingOf(task.dueDate));
        sim.advanceTo(target);
        record();
        if (!sim.state(task.instanceId).tasks[task.taskId]) continue;
      }
      sim.complete(task.taskId, { outcome, actor: { id: 'admin', name: '模拟' } });
    } catch (err) {
      steps.push({ index: steps.length + 1, kind: 'stop', processKey: task.processKey, elementId: task.elementId, name: task.name, startedAt: sim.now, note: (err as Error).message });
      return { steps, status: 'failed', error: (err as Error).message, endedAt: sim.now };
    }
    const step = [...steps].reverse().find((s) => s.kind === 'task' && s.elementId === task.elementId && s.outcome === undefined);
    if (step) step.outcome = outcome ?? '提交';
    record();
    if (!input.useFullTime) sim.advanceTo(sim.now + 60_000);
  }
  const status = sim.status(root);
  if (status === 'completed' || status === 'terminated') {
    steps.push({ index: steps.length + 1, kind: 'end', processKey: input.processKey, elementId: '', name: status === 'completed' ? '流程办结' : '流程终止', startedAt: sim.now });
  }
  return { steps, status, endedAt: sim.now, ...(status === 'running' ? { error: `已自动办理 ${limit} 个环节仍未结束（可能存在循环），模拟停止` } : {}) };
}

/** The local date ('YYYY-MM-DD') of an instant in China time. */
export const localDate = toLocalDate;
