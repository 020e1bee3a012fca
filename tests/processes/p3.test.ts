/**
 * P3 督查调研, one half-year cycle walked end to end on the real diagram: topics approved
 * by R2 then R1, plan approved, research within 15 WD with units, the report, leaders'
 * instructions passed on within 1 WD, archive.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProcessModel } from '../../src/engine';
import { Simulator } from '../../src/engine/simulator';
import { loadModels, Walk } from './helpers';

let models: ProcessModel[];
beforeAll(async () => {
  models = await loadModels();
});

function planned(participants?: string[]) {
  const sim = new Simulator({ models, now: '2026-03-02T09:00:00+08:00' });
  const w = new Walk(sim, sim.start('p3-research', {}, { id: 'staff1' }));
  expect(w.task('P3_1_Topic')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'research-topic', dueDate: '2026-03-16' });
  w.done('P3_1_Topic', { vars: { year: 2026, half: '上半年', topics: ['农村饮水安全'] } });
  expect(w.task('P3_1_TopicR2').assignment.value).toBe('R2');
  w.done('P3_1_TopicR2', { outcome: '同意' });
  expect(w.task('P3_1_TopicR1').assignment.value).toBe('R1');
  w.done('P3_1_TopicR1', { outcome: '不同意' });
  // the county head sends the topics back; they go through R2 and R1 again
  w.done('P3_1_Topic', { vars: { topics: ['农村饮水安全', '营商环境'] } });
  w.done('P3_1_TopicR2', { outcome: '同意' });
  w.done('P3_1_TopicR1', { outcome: '同意' });
  expect(w.task('P3_2_Plan').formKey).toBe('research-plan');
  w.done('P3_2_Plan', { vars: { participants } });
  expect(w.task('P3_2_PlanApproval').assignment.value).toBe('R4');
  sim.advanceTo('2026-03-24T09:00:00+08:00');
  w.done('P3_2_PlanApproval', { outcome: '同意' });
  return { sim, w };
}

describe('P3 督查调研', () => {
  it('research with two units over Qingming, two instructions passed on, archived after the reading period', () => {
    const { sim, w } = planned(['u-water', 'u-town3']);
    // D11: at most 15 WD from Tuesday 03-24, skipping the Qingming holiday (04-06): 04-15
    expect(w.task('P3_3_Research')).toMatchObject({ assignment: { value: 'R8' }, dueDate: '2026-04-15' });
    expect(w.tasks('P3_3_UnitsJoin').map((t) => [t.assignment.type, t.assignment.value, t.dueDate])).toEqual([
      ['unit', 'u-water', '2026-04-15'],
      ['unit', 'u-town3', '2026-04-15'],
    ]);
    w.done('P3_3_Research');
    w.done('P3_3_UnitsJoin', { value: 'u-water' });
    expect(w.open()).toEqual(['P3_3_UnitsJoin']);
    w.done('P3_3_UnitsJoin', { value: 'u-town3' });
    w.done('P3_4_Report');
    expect(sim.services.find((s) => s.elementId === 'P3_4_Submit')!.params.notifyTo).toBe('R1,R2');
    // when a leader writes an instruction on the report (Thursday 04-02)
    sim.advanceTo('2026-04-02T10:00:00+08:00');
    sim.message(w.id, 'leader-instruction', { leaderInstruction: '请水利局牵头整改' });
    // D12: passed on within 1 WD: Friday 04-03
    expect(w.task('P3_4_Forward')).toMatchObject({ assignment: { value: 'R8' }, dueDate: '2026-04-03' });
    w.done('P3_4_Forward', { vars: { forwardTo: ['u-water'] } });
    expect(sim.services.find((s) => s.elementId === 'P3_4_Dispatch')!.params.notifyTo).toEqual(['u-water']);
    // a second instruction on Friday 04-03 is due the next working day after Qingming
    sim.advanceTo('2026-04-03T16:00:00+08:00');
    sim.message(w.id, 'leader-instruction', { leaderInstruction: '请县政府办跟踪' });
    expect(w.task('P3_4_Forward').dueDate).toBe('2026-04-07');
    w.done('P3_4_Forward', { vars: { forwardTo: ['u-town3'] } });
    expect(sim.status(w.id)).toBe('running');
    // when 20 WD pass without another instruction, the materials are archived
    sim.advanceTo('2026-05-20T09:00:00+08:00');
    expect(sim.status(w.id)).toBe('completed');
    expect(w.services().slice(-1)).toEqual(['P3_5_Archive']);
  });

  it('research by the office alone: no unit tasks', () => {
    const { sim, w } = planned();
    expect(w.open()).toEqual(['P3_3_Research']);
    w.done('P3_3_Research');
    w.done('P3_4_Report');
    sim.advanceTo('2026-06-30T09:00:00+08:00');
    expect(sim.status(w.id)).toBe('completed');
  });
});
