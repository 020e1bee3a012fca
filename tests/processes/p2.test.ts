/**
 * P2 专项查办, walked end to end on the real diagrams with the engine's simulator and the
 * 2026 official calendar: who gets each step and when it is due.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProcessModel } from '../../src/engine';
import { Simulator } from '../../src/engine/simulator';
import { loadModels, Walk } from './helpers';

let models: ProcessModel[];
beforeAll(async () => {
  models = await loadModels();
});

/** Given a case registered on Monday 2026-03-02 and approved for 立项 on Tuesday 03-03. */
function approvedCase(register: Record<string, unknown>, proposal: Record<string, unknown>, source = 'P2.S1') {
  const sim = new Simulator({ models, now: '2026-03-02T09:00:00+08:00' });
  const w = new Walk(sim, sim.start('p2-special-case', { source, title: '关于某校食堂问题的批示' }, { id: 'staff1' }));
  expect(w.task('P2_1_Register').assignment).toEqual({ type: 'role', value: 'R8' });
  w.done('P2_1_Register', { vars: { receivedDate: '2026-03-02', ...register } });
  // D6: the 拟办意见 within 2 WD of receipt
  expect(w.task('P2_1_Proposal')).toMatchObject({ assignment: { type: 'role', value: 'R8' }, dueDate: '2026-03-04', formKey: 'proposal' });
  w.done('P2_1_Proposal', { vars: proposal });
  sim.advanceTo('2026-03-03T09:00:00+08:00');
  expect(w.task('P2_1_ReviewR7').assignment.value).toBe('R7');
  w.done('P2_1_ReviewR7', { outcome: '同意' });
  expect(w.task('P2_1_ApproveR4').assignment.value).toBe('R4');
  w.done('P2_1_ApproveR4', { outcome: '同意' });
  expect(w.task('P2_1_ApproveR5').assignment.value).toBe('R5');
  w.done('P2_1_ApproveR5', { outcome: '同意' });
  // D7: 立项 within 3 WD
  expect(w.task('P2_2_Register')).toMatchObject({ assignment: { value: 'R8' }, dueDate: '2026-03-06' });
  w.done('P2_2_Register', { vars: { caseNo: 'CB-2026-001' } });
  expect(sim.vars(w.id).letterNo).toMatch(/督查函〔2026〕1号|函〔2026〕1号/);
  w.done('P2_2_Letter');
  // 用印: the letters go to the office seal's keepers, who approve
  expect(w.task('P2_2_SealRequest')).toMatchObject({ assignment: { type: 'seal', value: 'office' }, formKey: 'seal-request' });
  w.done('P2_2_SealRequest', { outcome: '同意用印' });
  return { sim, w };
}

/** Walk the 查办报告 chain R8 → R7 → R4 → R5 → the instructing leader. */
function reportChain(w: Walk, leader: string) {
  w.done('P2_5_Report', { vars: { copies: 2 } });
  w.done('P2_5_ReportR7', { outcome: '同意' });
  expect(w.task('P2_5_ReportR4').assignment.value).toBe('R4');
  w.done('P2_5_ReportR4', { outcome: '同意' });
  expect(w.task('P2_5_ReportR5').assignment.value).toBe('R5');
  w.done('P2_5_ReportR5', { outcome: '同意' });
  expect(w.task('P2_5_LeaderReview').assignment).toEqual({ type: 'role', value: 'R14', scope: leader });
  w.done('P2_5_LeaderReview', { outcome: '同意' });
}

describe('P2 专项查办', () => {
  it('转办 of a county leader\'s instruction on a public complaint: 重办, 核查, 回访, written report, archive', () => {
    // given a 领导批示 case on a public complaint, handed to one unit (转办)
    const { sim, w } = approvedCase(
      { upperLevel: false, publicComplaint: true, instructingLeader: 'leader-zhang', assignedDate: '2026-03-03', domain: '教育科技' },
      { mode: '转办', units: ['u-edu'] },
    );
    // then the 督查函 is numbered, sealed with the office seal and sent
    expect(w.services()).toEqual(['P2_1_ProposalDocument', 'P2_2_Number', 'P2_2_LetterDocument', 'P2_2_Seal', 'P2_3_Transfer']);
    expect(sim.services.find((s) => s.elementId === 'P2_2_Seal')!.params).toMatchObject({ seal: 'office' });
    expect(sim.services.find((s) => s.elementId === 'P2_3_Transfer')!.params.notifyTo).toEqual(['u-edu']);
    // and the unit has 15 WD from the 督查函 (D8)
    expect(w.task('UH_Handle')).toMatchObject({ assignment: { type: 'unit', value: 'u-edu' }, dueDate: '2026-03-24', formKey: 'handling-result' });

    // when three working days pass (the cycle runs to the end of the third one), the office gets a 催办 to log
    sim.advanceTo('2026-03-06T18:00:00+08:00');
    expect(w.tasks('UH_Urge')).toEqual([]);
    sim.advanceTo('2026-03-09T09:00:00+08:00');
    expect(w.task('UH_Urge')).toMatchObject({ assignment: { type: 'role', value: 'R8' }, formKey: 'urge-record', dueDate: '2026-03-09' });
    w.done('UH_Urge', { vars: { method: 'phone', note: '电话催办' } });
    // a call makes no 催办通知; only urging by notice does (below)
    expect(w.services()).not.toContain('UH_UrgeNotice');

    // when the unit reports and the office orders 重办
    w.done('UH_Handle', { outcome: '办结', vars: { result: '已整改' } });
    expect(w.task('P2_5_Review')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'review' });
    w.done('P2_5_Review', { outcome: '重办', vars: { reasons: '未说明整改措施' } });
    // then the leaders are told and the unit handles again
    expect(w.services()).toContain('P2_5_ReportLeader');
    expect(sim.services.find((s) => s.elementId === 'P2_5_ReportLeader')!.params.notifyTo).toBe('R7,R4');
    expect(w.task('UH_Handle').assignment.value).toBe('u-edu');
    w.done('UH_Handle', { outcome: '办结' });

    // when the result passes with a 核查 that R7 approves
    w.done('P2_5_Review', { outcome: '通过', vars: { needVerify: true } });
    expect(w.task('P2_5_VerifyApproval').assignment.value).toBe('R7');
    w.done('P2_5_VerifyApproval', { outcome: '同意' });
    expect(w.task('P2_5_Verify')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'verification' });
    w.done('P2_5_Verify', { vars: { conclusion: '办理到位' } });
    // then the public complaint is revisited
    expect(w.task('P2_5_Revisit')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'revisit' });
    w.done('P2_5_Revisit', { vars: { solved: true, satisfied: '满意' } });

    reportChain(w, 'leader-zhang');
    // a county leader's case ends with a written report to the leader
    expect(w.task('P2_6_WrittenReport')).toMatchObject({ assignment: { value: 'R8' }, formKey: 'reply' });
    w.done('P2_6_WrittenReport');

    expect(sim.status(w.id)).toBe('completed');
    const archive = sim.services.find((s) => s.elementId === 'P2_7_Archive')!;
    expect(archive.action).toBe('archive');
    expect(String(archive.params.materials)).toContain('查办报告(2份)');
    expect(w.services().slice(-2)).toEqual(['P2_7_Archive', 'P2_Score']);
  });

  it('协办 of an upper-level case: 延期 approved by R7 and R5, delay report, reply signed by R5 within two months', () => {
    // given a case assigned by the city 督查室 on 2026-02-27, handled by two units with a lead unit
    const { sim, w } = approvedCase(
      { upperLevel: true, assignedDate: '2026-02-27', instructingLeader: 'city-office', domain: '财政金融' },
      { mode: '协办', units: ['u-edu', 'u-fin'], leadUnit: 'u-edu' },
      'P2.S3',
    );
    expect(w.services()).toEqual(['P2_1_ProposalDocument', 'P2_2_Number', 'P2_2_LetterDocument', 'P2_2_Seal', 'P2_3_Cooperate']);
    expect(w.tasks('UH_Handle').map((t) => [t.assignment.value, t.dueDate])).toEqual([
      ['u-edu', '2026-03-24'],
      ['u-fin', '2026-03-24'],
    ]);

    // when u-fin cannot finish and asks for an extension with a written reason, its step goes on meanwhile
    const fin = w.task('UH_Handle', 'u-fin');
    sim.requestExtension(fin.taskId, '2026-05-29', '需等待财政预算调整');
    expect(w.task('UH_Handle', 'u-fin').taskId).toBe(fin.taskId);
    // then R7 reviews and re-drafts the date; R5 first refuses, R7 re-drafts, R5 agrees
    expect(w.task('X7_ExtReviewR7')).toMatchObject({ assignment: { value: 'R7' }, formKey: 'extension-request' });
    expect(sim.vars(w.task('X7_ExtReviewR7').instanceId)).toMatchObject({ reason: '需等待财政预算调整', requestedDeadline: '2026-05-29', currentDeadline: '2026-03-24' });
    w.done('X7_ExtReviewR7', { outcome: '同意', vars: { proposedDeadline: '2026-05-15' } });
    expect(w.task('X7_ExtApproveR5').assignment.value).toBe('R5');
    w.done('X7_ExtApproveR5', { outcome: '不同意' });
    expect(w.task('UH_Handle', 'u-fin').dueDate).toBe('2026-03-24');
    w.done('X7_ExtReviewR7', { outcome: '同意', vars: { proposedDeadline: '2026-04-30' } });
    w.done('X7_ExtApproveR5', { outcome: '同意' });
    // and u-fin works to the new deadline, u-edu still to the old one; the first deadline is kept
    expect(w.task('UH_Handle', 'u-fin')).toMatchObject({ taskId: fin.taskId, dueDate: '2026-04-30' });
    expect(w.task('UH_Handle', 'u-fin').originalDueDate).toBe('2026-03-24');
    expect(w.task('UH_Handle', 'u-edu').dueDate).toBe('2026-03-24');

    // when u-edu reports progress instead of a result
    w.done('UH_Handle', { value: 'u-edu', outcome: '报告进展' });
    expect(w.task('UH_Progress')).toMatchObject({ assignment: { value: 'u-edu' }, formKey: 'progress-report' });
    w.done('UH_Progress', { vars: { progress: '已完成过半' } });
    expect(w.task('UH_Handle', 'u-edu').dueDate).toBe('2026-03-24');

    // when seven days before the two months (2026-04-20) the units have not finished
    sim.advanceTo('2026-04-20T12:00:00+08:00');
    // then R8 reports progress and the reason for the delay to the upper level
    expect(w.task('P2_6_DelayReport')).toMatchObject({ assignment: { value: 'R8' }, dueDate: '2026-04-22', formKey: 'reply' });
    w.done('P2_6_DelayReport', { vars: { delayed: true, delayReason: '部分单位申请延期' } });
    const urged = w.tasks('UH_Urge').length;
    expect(urged).toBeGreaterThan(0);
    for (const t of w.tasks('UH_Urge')) sim.complete(t.taskId, { vars: { method: 'notice' } });
    // urged by notice: each makes a 催办通知
    expect(w.services().filter((id) => id === 'UH_UrgeNotice')).toHaveLength(urged);

    // when both units report, the lead unit sends the consolidated result
    w.done('UH_Handle', { value: 'u-edu', outcome: '办结' });
    w.done('UH_Handle', { value: 'u-fin', outcome: '办结' });
    expect(w.tasks('UH_Urge')).toEqual([]);
    expect(w.task('P2_3_LeadSummary')).toMatchObject({ assignment: { type: 'unit', value: 'u-edu' }, formKey: 'handling-result' });
    w.done('P2_3_LeadSummary');
    w.done('P2_5_Review', { outcome: '通过', vars: { needVerify: false } });
    // no revisit: not a public complaint
    reportChain(w, 'city-office');

    // then the formal reply is due two months after the upper-level assignment (D9)
    expect(w.task('P2_6_Reply')).toMatchObject({ assignment: { value: 'R8' }, dueDate: '2026-04-27', formKey: 'reply' });
    w.done('P2_6_Reply', { vars: { issuer: '县政府办' } });
    // in the name of 县政府办, R5 signs
    expect(w.task('P2_6_SignR5').assignment.value).toBe('R5');
    w.done('P2_6_SignR5', { outcome: '同意' });
    expect(sim.status(w.id)).toBe('completed');
    expect(w.services().slice(-4)).toEqual(['P2_6_ReplyDocument', 'P2_6_SendUpper', 'P2_7_Archive', 'P2_Score']);
  });

  it('自办 with 补办, and a reply in the name of 县政府 sent back once by the county head', () => {
    const { sim, w } = approvedCase(
      { upperLevel: true, assignedDate: '2026-03-02', instructingLeader: 'province-office' },
      { mode: '自办', units: [] },
      'P2.S2',
    );
    // the office handles the case itself within 15 WD
    expect(w.task('P2_3_SelfHandle')).toMatchObject({ assignment: { value: 'R8' }, dueDate: '2026-03-24' });
    w.done('P2_3_SelfHandle');
    w.done('P2_5_Review', { outcome: '补办' });
    expect(w.open()).toEqual(['P2_3_SelfHandle']);
    w.done('P2_3_SelfHandle');
    w.done('P2_5_Review', { outcome: '通过' });
    // the report is sent back once by R7
    w.done('P2_5_Report');
    w.done('P2_5_ReportR7', { outcome: '不同意' });
    reportChain(w, 'province-office');
    expect(w.task('P2_6_Reply').dueDate).toBe('2026-05-02');
    w.done('P2_6_Reply', { vars: { issuer: '县政府' } });
    expect(w.task('P2_6_SignR1').assignment.value).toBe('R1');
    w.done('P2_6_SignR1', { outcome: '不同意' });
    expect(w.task('P2_6_Reply').assignment.value).toBe('R8');
    w.done('P2_6_Reply', { vars: { issuer: '县政府' } });
    w.done('P2_6_SignR1', { outcome: '同意' });
    expect(sim.status(w.id)).toBe('completed');
  });

  it('sends the proposal back when a leader does not agree to open the case', () => {
    const sim = new Simulator({ models, now: '2026-03-02T09:00:00+08:00' });
    const w = new Walk(sim, sim.start('p2-special-case', { source: 'P2.S4' }));
    w.done('P2_1_Register', { vars: { receivedDate: '2026-02-27' } });
    // D6 counts from receipt: Friday 02-27 + 2 WD = Monday 03-02, Saturday 02-28 being a 调休 working day
    expect(w.task('P2_1_Proposal').dueDate).toBe('2026-03-02');
    w.done('P2_1_Proposal');
    w.done('P2_1_ReviewR7', { outcome: '同意' });
    w.done('P2_1_ApproveR4', { outcome: '不同意' });
    expect(w.open()).toEqual(['P2_1_Proposal']);
  });
});
