/**
 * P5 县长督办令, walked end to end on the real diagrams: 立项, 会签 in order, 签发, 编号 and the
 * county head's seal, 交办, feedback, and the follow-ups 限期再办 / 县长约谈 / 追责.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProcessModel } from '../../src/engine';
import { Simulator } from '../../src/engine/simulator';
import { loadModels, Walk } from './helpers';

let models: ProcessModel[];
beforeAll(async () => {
  models = await loadModels();
});

function requested(sim: Simulator) {
  const w = new Walk(sim, sim.start('p5-order', { source: 'P5.S3', title: '高标准农田建设进度滞后' }, { id: 'staff1' }));
  expect(w.task('P5_1_Request')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'order-request', dueDate: '2026-03-05' });
  w.done('P5_1_Request', { vars: { domain: '农业农村' } });
  expect(w.task('P5_1_RequestR2').assignment.value).toBe('R2');
  return w;
}

/** Given an order agreed by R2 and R1, drafted, reviewed, countersigned in order and signed. */
function signed(handover?: string) {
  const sim = new Simulator({ models, now: '2026-03-02T09:00:00+08:00' });
  const w = requested(sim);
  w.done('P5_1_RequestR2', { outcome: '同意' });
  expect(w.task('P5_1_AgreeR1').assignment.value).toBe('R1');
  w.done('P5_1_AgreeR1', { outcome: '同意' });
  w.done('P5_1_Register', { vars: { units: ['u-agri', 'u-town2'], deadline: '2026-04-15' } });
  expect(w.task('P5_2_Draft').formKey).toBe('order');
  w.done('P5_2_Draft', { vars: { handover } });
  expect(w.task('P5_2_ReviewR7').assignment.value).toBe('R7');
  w.done('P5_2_ReviewR7', { outcome: '同意' });
  expect(w.task('P5_2_ReviewR5').assignment.value).toBe('R5');
  w.done('P5_2_ReviewR5', { outcome: '同意' });
  // 会签: first the 分管副县长 of the domain, who sends it back once
  expect(w.task('P5_2_CountersignR3').assignment).toEqual({ type: 'role', value: 'R3', scope: '农业农村' });
  w.done('P5_2_CountersignR3', { outcome: '不同意' });
  expect(w.open()).toEqual(['P5_2_Draft']);
  w.done('P5_2_Draft', { vars: { handover } });
  w.done('P5_2_ReviewR7', { outcome: '同意' });
  w.done('P5_2_ReviewR5', { outcome: '同意' });
  w.done('P5_2_CountersignR3', { outcome: '同意' });
  // then the 常务副县长, then the county head signs
  expect(w.task('P5_2_CountersignR2').assignment.value).toBe('R2');
  w.done('P5_2_CountersignR2', { outcome: '同意' });
  expect(w.task('P5_2_SignR1').assignment.value).toBe('R1');
  w.done('P5_2_SignR1', { outcome: '同意' });
  // 制发: proofread, number, print, the 机要室 applies the county head's seal
  w.done('P5_3_Proofread');
  expect(sim.vars(w.id).orderNo).toMatch(/〔2026〕1号/);
  expect(w.task('P5_3_SealRequest')).toMatchObject({ assignment: { type: 'seal', value: 'county-head' }, formKey: 'seal-request' });
  w.done('P5_3_SealRequest', { actor: 'jiyao1', outcome: '同意用印' });
  expect(sim.services.find((s) => s.elementId === 'P5_3_Seal')!.params).toMatchObject({ seal: 'county-head' });
  return { sim, w };
}

describe('P5 县长督办令', () => {
  it('notified units report by the order\'s deadline; 限期再办 with a new deadline, then 县长约谈', () => {
    const { sim, w } = signed();
    expect(w.services()).toEqual(['P5_3_Number', 'P5_3_Print', 'P5_3_Seal', 'P5_4_Notify']);
    expect(sim.services.find((s) => s.elementId === 'P5_3_Number')!.params.docType).toBe('督办令');
    expect(w.tasks('UH_Handle').map((t) => [t.assignment.value, t.dueDate])).toEqual([
      ['u-agri', '2026-04-15'],
      ['u-town2', '2026-04-15'],
    ]);
    w.done('UH_Handle', { value: 'u-agri', outcome: '办结' });
    w.done('UH_Handle', { value: 'u-town2', outcome: '办结' });
    // the report goes to the 业务主管部门 too; the office aggregates and reports to R1, R2, R3, R5
    expect(sim.services.find((s) => s.elementId === 'P5_5_CopyR11')!.params.notifyTo).toBe('R11');
    expect(w.task('P5_5_Summary')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'summary-report' });
    w.done('P5_5_Summary');
    expect(sim.services.find((s) => s.elementId === 'P5_5_Report')!.params.notifyTo).toBe('R1,R2,R3,R5');
    // 限期再办
    w.done('P5_R_Apply', { vars: { followUp: '限期再办', newDeadline: '2026-05-15' } });
    expect(w.tasks('UH_Handle').map((t) => [t.assignment.value, t.dueDate])).toEqual([
      ['u-agri', '2026-05-15'],
      ['u-town2', '2026-05-15'],
    ]);
    w.done('UH_Handle', { value: 'u-agri', outcome: '办结' });
    w.done('UH_Handle', { value: 'u-town2', outcome: '办结' });
    w.done('P5_5_Summary');
    // 县长约谈
    w.done('P5_R_Apply', { vars: { followUp: '县长约谈' } });
    expect(w.task('P5_R_Interview')).toMatchObject({ assignment: { value: 'R1' }, formKey: 'minutes' });
    w.done('P5_R_Interview');
    expect(sim.status(w.id)).toBe('completed');
    expect(w.services().slice(-2)).toEqual(['P5_R_Archive', 'P5_R_Score']);
  });

  it('handed over on site; 追责 of the responsible person', () => {
    const { sim, w } = signed('现场交办');
    expect(w.task('P5_4_OnSite').assignment.value).toBe('R8');
    expect(w.tasks('UH_Handle')).toEqual([]);
    w.done('P5_4_OnSite');
    for (const unit of ['u-agri', 'u-town2']) w.done('UH_Handle', { value: unit, outcome: '办结' });
    w.done('P5_5_Summary');
    w.done('P5_R_Apply', { vars: { followUp: '追责' } });
    expect(w.task('P5_R_Accountability')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'case-report' });
    w.done('P5_R_Accountability');
    expect(sim.status(w.id)).toBe('completed');
  });

  it('ends without an order when R2 or R1 does not agree', () => {
    const sim = new Simulator({ models, now: '2026-03-02T09:00:00+08:00' });
    const a = requested(sim);
    a.done('P5_1_RequestR2', { outcome: '不同意' });
    expect(sim.status(a.id)).toBe('completed');
    const b = requested(sim);
    b.done('P5_1_RequestR2', { outcome: '同意' });
    b.done('P5_1_AgreeR1', { outcome: '不同意' });
    expect(sim.status(b.id)).toBe('completed');
    expect(b.services()).toEqual([]);
  });
});
