/**
 * P4 绩效评估, one year walked end to end on the real diagram: the office takes part in the
 * plan led by 县绩效办 (R15), the year-end review starts on 12-01 of the plan's year.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProcessModel } from '../../src/engine';
import { Simulator } from '../../src/engine/simulator';
import { loadModels, Walk } from './helpers';

let models: ProcessModel[];
beforeAll(async () => {
  models = await loadModels();
});

describe('P4 绩效评估', () => {
  it('plan, year-end collection of the supervision scores, 定量 and 定性, 年终复核, ranking, commendation list', () => {
    const sim = new Simulator({ models, now: '2026-01-05T09:00:00+08:00' });
    const w = new Walk(sim, sim.start('p4-evaluation', {}, { id: 'jixiao1' }));
    expect(w.task('P4_1_Participate')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'evaluation-plan', dueDate: '2026-01-19' });
    w.done('P4_1_Participate', { vars: { indicators: [{ name: '督查事项按期办结率' }] } });
    expect(w.task('P4_1_Plan').assignment).toEqual({ type: 'role', value: 'R15' });
    w.done('P4_1_Plan', { vars: { year: 2026 } });
    // nothing happens before the year-end
    sim.advanceTo('2026-11-30T09:00:00+08:00');
    expect(w.open()).toEqual([]);
    sim.advanceTo('2026-12-01T10:00:00+08:00');
    expect(w.services()).toEqual(['P4_2_Collect']);
    expect(sim.services[0].action).toBe('score');
    expect(w.open()).toEqual(['P4_2_Qualitative', 'P4_2_Quantitative']);
    expect(w.task('P4_2_Quantitative')).toMatchObject({ assignment: { value: 'R8' }, dueDate: '2026-12-15' });
    expect(w.task('P4_2_Qualitative').assignment.value).toBe('R15');
    w.done('P4_2_Quantitative');
    w.done('P4_2_Qualitative');
    for (const step of ['P4_3_Review', 'P4_4_Rank', 'P4_5_Commend']) {
      expect(w.task(step)).toMatchObject({ assignment: { value: 'R15' }, formKey: 'evaluation-review' });
      w.done(step);
    }
    // 常务副县长 审定: 不同意 sends the year back to the review.
    expect(w.task('P4_6_Approve').assignment).toEqual({ type: 'role', value: 'R2' });
    w.done('P4_6_Approve', { outcome: '不同意' });
    expect(w.open()).toEqual(['P4_3_Review']);
    for (const step of ['P4_3_Review', 'P4_4_Rank', 'P4_5_Commend']) w.done(step);
    w.done('P4_6_Approve', { outcome: '同意' });
    expect(sim.status(w.id)).toBe('completed');
    expect(w.services()).toEqual(['P4_2_Collect', 'P4_7_Publish', 'P4_7_Document', 'P4_Archive']);
  });
});
