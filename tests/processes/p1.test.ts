/**
 * P1 决策督查, walked end to end on the real diagrams with the engine's simulator and the
 * 2026 official calendar: on-site supervision versus 督查函, and what follows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProcessModel } from '../../src/engine';
import { Simulator } from '../../src/engine/simulator';
import { loadModels, Walk } from './helpers';

let models: ProcessModel[];
beforeAll(async () => {
  models = await loadModels();
});

const ITEMS = [
  { title: '老旧小区改造开工', units: ['u-build', 'u-town1'], leadUnit: 'u-build', deadline: '2026-04-10' },
  { title: '城区道路提升', units: ['u-traffic'], leadUnit: 'u-traffic', deadline: '2026-04-17' },
];

/** Given a decision of an important county meeting, registered and decomposed on Monday 2026-03-02. */
function decomposed(needOnSite: boolean, extra: Record<string, unknown> = {}) {
  const sim = new Simulator({ models, now: '2026-03-02T09:00:00+08:00' });
  const w = new Walk(sim, sim.start('p1-decision', { source: 'P1.S3', title: '县政府第5次常务会议重点项目推进' }, { id: 'staff1' }));
  expect(w.task('P1_1_Register').assignment).toEqual({ type: 'role', value: 'R8' });
  w.done('P1_1_Register', { vars: { domain: '城乡建设与交通' } });
  expect(w.task('P1_1_Decompose')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'decomposition', dueDate: '2026-03-05' });
  w.done('P1_1_Decompose', { vars: { items: ITEMS, needOnSite, ...extra } });
  return { sim, w };
}

/** The units of both items handle and report. */
function unitsReport(w: Walk) {
  expect(w.tasks('UH_Handle').map((t) => [t.assignment.value, t.dueDate]).sort()).toEqual([
    ['u-build', '2026-04-10'],
    ['u-town1', '2026-04-10'],
    ['u-traffic', '2026-04-17'],
  ]);
  for (const unit of ['u-build', 'u-town1', 'u-traffic']) w.done('UH_Handle', { value: unit, outcome: '办结' });
}

/** 专题报告 R8 → R7 → R5 → the 分管副县长 of the domain, then the 通报 within 1 WD. */
function reportAndCircular(sim: Simulator, w: Walk, needRecheck: boolean) {
  expect(w.task('P1_4_Report')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'special-report' });
  w.done('P1_4_Report');
  w.done('P1_4_ReportR7', { outcome: '同意' });
  expect(w.task('P1_4_ReportR5').assignment.value).toBe('R5');
  w.done('P1_4_ReportR5', { outcome: '同意' });
  expect(w.task('P1_4_ReportLeader').assignment).toEqual({ type: 'role', value: 'R3', scope: '城乡建设与交通' });
  sim.advanceTo('2026-04-20T09:00:00+08:00');
  w.done('P1_4_ReportLeader', { outcome: '同意' });
  // D5: the 通报 within 1 WD of the approval
  expect(w.task('P1_5_Circular')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'circular', dueDate: '2026-04-21' });
  w.done('P1_5_Circular', { vars: { kind: ['表扬', '批评'], praisedUnits: ['u-build'], criticisedUnits: ['u-traffic'], needRecheck } });
  expect(sim.vars(w.id).circularNo).toMatch(/〔2026〕1号/);
}

describe('P1 决策督查', () => {
  it('on-site supervision: plan sent back once, R7 → R5 → R2, notice within 2 WD, groups inspect in a week and report in 3 WD', () => {
    const { sim, w } = decomposed(true);
    // D1: the plan within 3 WD
    expect(w.task('P1_2_Plan')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'inspection-plan', dueDate: '2026-03-05' });
    w.done('P1_2_Plan', { vars: { needMeeting: true } });
    expect(w.task('P1_2_PlanR7').assignment.value).toBe('R7');
    w.done('P1_2_PlanR7', { outcome: '同意' });
    expect(w.task('P1_2_PlanR5').assignment.value).toBe('R5');
    w.done('P1_2_PlanR5', { outcome: '不同意' });
    // sent back: the plan is drafted again
    expect(w.open()).toEqual(['P1_2_Plan']);
    w.done('P1_2_Plan', { vars: { needMeeting: true } });
    w.done('P1_2_PlanR7', { outcome: '同意' });
    w.done('P1_2_PlanR5', { outcome: '同意' });
    expect(w.task('P1_2_PlanR2').assignment.value).toBe('R2');
    sim.advanceTo('2026-03-04T16:00:00+08:00');
    w.done('P1_2_PlanR2', { outcome: '同意' });
    // D2: the 督查通知 within 2 WD of R2's approval
    expect(w.task('P1_2_Notice')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'inspection-notice', dueDate: '2026-03-06' });
    w.done('P1_2_Notice');
    expect(w.services()).toEqual(['P1_2_NoticeNumber', 'P1_2_NoticeDocument']);
    expect(sim.services.find((s) => s.elementId === 'P1_2_NoticeNumber')!.params.docType).toBe('督查通知');
    // a deployment meeting, then the groups go out while the units report on schedule
    expect(w.task('P1_2_Meeting').formKey).toBe('minutes');
    w.done('P1_2_Meeting');
    // D3: the inspection within one week
    expect(w.task('P1_3_OnSite')).toMatchObject({ assignment: { type: 'role', value: 'R13' }, dueDate: '2026-03-11' });
    sim.advanceTo('2026-03-11T17:00:00+08:00');
    w.done('P1_3_OnSite');
    // D4: the group report within 3 WD of the inspection's end
    expect(w.task('P1_4_GroupReport')).toMatchObject({ assignment: { value: 'R13' }, formKey: 'inspection-report', dueDate: '2026-03-16' });
    w.done('P1_4_GroupReport');
    // the join waits for the units
    expect(w.open().filter((e) => !e.startsWith('UH_'))).toEqual([]);
    for (const t of w.tasks('UH_Urge')) sim.complete(t.taskId, { vars: { method: 'visit' } });
    unitsReport(w);
    // a summary meeting of the groups
    expect(w.task('P1_4_SummaryMeeting').assignment.value).toBe('R8');
    w.done('P1_4_SummaryMeeting');
    reportAndCircular(sim, w, true);
    // 回访复核
    expect(w.task('P1_6_Recheck')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'revisit' });
    w.done('P1_6_Recheck', { vars: { solved: true } });
    expect(sim.status(w.id)).toBe('completed');
    expect(w.services().slice(-4)).toEqual(['P1_5_Number', 'P1_5_Publish', 'P1_7_Archive', 'P1_Score']);
  });

  it('no on-site supervision: a numbered, sealed 督查函 to the units of each item; no meeting, no recheck', () => {
    const { sim, w } = decomposed(false);
    expect(w.services()).toEqual(['P1_3_LetterNumber']);
    expect(sim.vars(w.id).letterNo).toMatch(/〔2026〕1号/);
    expect(w.task('P1_3_Letter')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'inspection-letter', dueDate: '2026-03-04' });
    w.done('P1_3_Letter');
    // one 督查函 per unit, then 用印 approved by the office seal's keepers
    expect(sim.services.find((s) => s.elementId === 'P1_3_LetterDocument')!.params).toMatchObject({ docType: '督查函', each: 'units' });
    expect(w.task('P1_3_SealRequest')).toMatchObject({ assignment: { type: 'seal', value: 'office' }, formKey: 'seal-request' });
    w.done('P1_3_SealRequest', { outcome: '同意用印' });
    expect(sim.services.find((s) => s.elementId === 'P1_3_LetterSeal')!.params).toMatchObject({ seal: 'office' });
    unitsReport(w);
    reportAndCircular(sim, w, false);
    expect(sim.status(w.id)).toBe('completed');
    expect(w.services()).not.toContain('P1_2_NoticeNumber');
  });
});
