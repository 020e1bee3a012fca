/**
 * P6 常务会议议定事项督办, walked end to end on the real diagrams over the 2026 May Day
 * holiday: minutes within 7 WD, items per unit followed by the unit's liaison (R6),
 * 延期 reviewed by R7 and agreed by R5, feedback signed by R6.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProcessModel } from '../../src/engine';
import { Simulator } from '../../src/engine/simulator';
import { loadModels, Walk } from './helpers';

let models: ProcessModel[];
beforeAll(async () => {
  models = await loadModels();
});

describe('P6 常务会议议定事项督办', () => {
  it('minutes, 督办函 to liaisons, per-unit follow-up by R6, 延期 and 补办, summary R8 → R7 → R5', () => {
    // given an executive meeting on Tuesday 2026-04-28, just before the May Day holiday
    const sim = new Simulator({ models, now: '2026-04-28T15:00:00+08:00' });
    const w = new Walk(sim, sim.start('p6-meeting', { meetingDate: '2026-04-28', title: '县政府第12次常务会议' }, { id: 'wenmi1' }));
    // D13: minutes within 7 WD of the meeting: 04-29, 04-30, 05-06, 05-07, 05-08, 05-09 (调休), 05-11
    expect(w.task('P6_1_Minutes')).toMatchObject({ assignment: { type: 'role', value: 'R9' }, formKey: 'minutes', dueDate: '2026-05-11' });
    sim.advanceTo('2026-04-30T10:00:00+08:00');
    w.done('P6_1_Minutes');
    expect(sim.services.find((s) => s.elementId === 'P6_1_Send')!.params.notifyTo).toBe('R8');
    // the office splits the minutes into items with units and deadlines
    expect(w.task('P6_2_Decompose')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'decomposition', dueDate: '2026-05-08' });
    w.done('P6_2_Decompose', {
      vars: {
        items: [
          { title: '启动城区停车场建设', units: ['u-build'], leadUnit: 'u-build', deadline: '2026-05-29' },
          { title: '制定夏粮收购方案', units: ['u-agri', 'u-grain'], leadUnit: 'u-agri', deadline: '2026-06-30' },
        ],
      },
    });
    expect(sim.services.find((s) => s.elementId === 'P6_2_Number')!.params.docType).toBe('督办函');
    w.done('P6_2_Letter');
    expect(w.services()).toEqual(['P6_1_Send', 'P6_2_Number', 'P6_2_Print', 'P6_2_CopyLiaison']);

    // then each unit's liaison follows up first (P6.3)
    expect(w.tasks('P6_3_LiaisonAssign').map((t) => t.assignment).sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { type: 'liaison', value: 'u-agri' },
      { type: 'liaison', value: 'u-build' },
      { type: 'liaison', value: 'u-grain' },
    ]);
    for (const unit of ['u-build', 'u-agri', 'u-grain']) w.done('P6_3_LiaisonAssign', { value: unit });
    // and each unit works to its item's deadline
    expect(w.tasks('UH_Handle').map((t) => [t.assignment.value, t.dueDate]).sort()).toEqual([
      ['u-agri', '2026-06-30'],
      ['u-build', '2026-05-29'],
      ['u-grain', '2026-06-30'],
    ]);

    // when three working days pass (05-06, 05-07, 05-08 after the holiday), the liaison (not the office) urges
    sim.advanceTo('2026-05-08T18:00:00+08:00');
    expect(w.tasks('P6_3_LiaisonUrge')).toEqual([]);
    sim.advanceTo('2026-05-09T09:00:00+08:00');
    const urges = w.tasks('P6_3_LiaisonUrge');
    expect(urges.map((t) => t.assignment.type)).toEqual(['liaison', 'liaison', 'liaison']);
    expect(w.tasks('UH_Urge')).toEqual([]);
    for (const t of urges) sim.complete(t.taskId, { vars: { method: 'phone' } });

    // when u-build cannot make it: written reason, R7 re-drafts the date, R5 agrees
    sim.requestExtension(w.task('UH_Handle', 'u-build').taskId, '2026-06-30', '用地手续未批');
    expect(w.task('X7_ExtReviewR7')).toMatchObject({ assignment: { value: 'R7' }, formKey: 'extension-request' });
    w.done('X7_ExtReviewR7', { outcome: '同意', vars: { proposedDeadline: '2026-06-12' } });
    expect(w.task('X7_ExtApproveR5')).toMatchObject({ assignment: { value: 'R5' }, formKey: 'approval' });
    w.done('X7_ExtApproveR5', { outcome: '同意' });
    expect(w.task('UH_Handle', 'u-build').dueDate).toBe('2026-06-12');

    // when a unit's feedback is signed by its liaison, or sent back for 补办
    w.done('UH_Handle', { value: 'u-build', outcome: '办结' });
    expect(w.task('P6_4_LiaisonSign')).toMatchObject({ assignment: { type: 'liaison', value: 'u-build' }, formKey: 'review' });
    w.done('P6_4_LiaisonSign', { value: 'u-build', outcome: '补办' });
    expect(w.task('UH_Handle', 'u-build').dueDate).toBe('2026-06-12');
    w.done('UH_Handle', { value: 'u-build', outcome: '办结' });
    w.done('P6_4_LiaisonSign', { value: 'u-build', outcome: '通过' });
    for (const unit of ['u-agri', 'u-grain']) {
      w.done('UH_Handle', { value: unit, outcome: '办结' });
      w.done('P6_4_LiaisonSign', { value: unit, outcome: '通过' });
    }
    for (const t of [...w.tasks('P6_3_LiaisonUrge'), ...w.tasks('UH_Urge')]) sim.complete(t.taskId, { vars: { method: 'phone' } });

    // then the office aggregates; R7 reviews, R5 approves, leaders are told
    expect(w.task('P6_4_Summary')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'summary-report' });
    w.done('P6_4_Summary');
    w.done('P6_4_SummaryR7', { outcome: '不同意' });
    w.done('P6_4_Summary');
    expect(w.task('P6_4_SummaryR7').assignment.value).toBe('R7');
    w.done('P6_4_SummaryR7', { outcome: '同意' });
    expect(w.task('P6_4_SummaryR5').assignment.value).toBe('R5');
    w.done('P6_4_SummaryR5', { outcome: '同意' });
    expect(sim.status(w.id)).toBe('completed');
    expect(w.services().slice(-3)).toEqual(['P6_4_Report', 'P6_5_Archive', 'P6_5_Score']);
  });
});
