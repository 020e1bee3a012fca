/**
 * Scenario: a 县长督办令 (P5) walks through the real `processes/p5-order.bpmn` and
 * `unit-handling.bpmn` with the real forms, over HTTP, person by person: request,
 * approvals and countersigning in order, numbering, the printed order, the county
 * head's seal applied by 机要室, one child item per unit, summary, archive.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxParagraphs } from '../support/office';
import { P5_ORDER } from '../support/p5-walk';
import { databases, startServer, type TestServer } from './helpers';

describe.each(databases())('scenario: 县长督办令 on $name', (database) => {
  let s: TestServer;
  let itemId: string;
  beforeAll(async () => {
    s = await startServer(database, { bundled: true });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  /** The open task of an item (or one of its children) at a step, from a person's to-do list. */
  async function taskOf(user: string, elementId: string, item = itemId) {
    const todo = await s.call(user, 'GET', '/api/tasks/todo?pageSize=200');
    const children = (await s.ctx.db.selectFrom('items').select('id').where('parentItemId', '=', item).execute()).map((c) => c.id);
    const t = todo.body.rows.find((r: any) => r.elementId === elementId && (r.itemId === item || children.includes(r.itemId)));
    expect(t, `${user} should have ${elementId}; has ${todo.body.rows.map((r: any) => r.elementId).join(', ')}`).toBeTruthy();
    return t;
  }

  async function complete(user: string, elementId: string, body: Record<string, unknown> = {}) {
    const t = await taskOf(user, elementId);
    const r = await s.call(user, 'POST', `/api/tasks/${encodeURIComponent(t.id)}/complete`, body);
    expect(r.status, `${user} ${elementId}: ${JSON.stringify(r.body)}`).toBe(200);
    return t;
  }

  const agree = { outcome: '同意', data: { outcome: '同意', signDate: '2026-03-02' } };
  const order = P5_ORDER;

  it('runs from the request to the archive', async () => {
    const start = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'p5-order', title: order.title, source: 'P5.S3', units: order.units, leadUnit: order.leadUnit });
    expect(start.status, JSON.stringify(start.body)).toBe(201);
    itemId = start.body.itemId;

    await complete('fengxl', 'P5_1_Request', {
      data: { title: order.title, source: 'P5.S3', draftedBy: 'zjj', domain: order.domain, background: '城区停车位缺口大', reason: '推进效果不理想' },
    });
    await complete('limh', 'P5_1_RequestR2', agree);
    await complete('wangjianguo', 'P5_1_AgreeR1', agree);
    await complete('fengxl', 'P5_1_Register', { data: { title: order.title, source: 'P5.S3', content: order.targetTask, units: order.units, leadUnit: order.leadUnit, deadline: order.deadline, domain: order.domain } });
    await complete('fengxl', 'P5_2_Draft', { data: order });
    await complete('qianzy', 'P5_2_ReviewR7', agree);
    await complete('sunlx', 'P5_2_ReviewR5', agree);

    // 会签 in order: the 分管副县长 of 城乡建设与交通 (陈国栋) first, not another 副县长.
    const other = await s.call('zhangzq', 'GET', '/api/tasks/todo');
    expect(other.body.rows.some((r: any) => r.elementId === 'P5_2_CountersignR3')).toBe(false);
    await complete('chengd', 'P5_2_CountersignR3', agree);
    await complete('limh', 'P5_2_CountersignR2', agree);
    await complete('wangjianguo', 'P5_2_SignR1', agree);
    await complete('hejj', 'P5_3_Proofread', { data: { title: order.title, targetTask: order.targetTask, responsibility: order.responsibility, requirements: order.requirements } });

    // Numbered and printed: 清政督令〔2026〕1号, waiting for the county head's seal by 机要室.
    let detail = await s.call('fengxl', 'GET', `/api/items/${itemId}`);
    const doc = detail.body.documents.find((d: any) => d.docType === '督办令');
    expect(doc).toMatchObject({ number: '清政督令〔2026〕1号', hasContent: true, seal: null });
    // The order's text, as printed, from the office's template.
    const printed = docxParagraphs((await s.app.inject({ method: 'GET', url: doc.url, headers: s.auth('fengxl') })).rawPayload).join('\n');
    for (const want of ['清河县人民政府县长督办令', '清政督令〔2026〕1号', '一、目标任务', order.targetTask, '二、工作责任', '四、办结时限']) expect(printed).toContain(want);
    // 用印: the county head's seal is kept by 机要室 (R10), who approves the request after the county head signed.
    await complete('mads', 'P5_3_SealRequest', { outcome: '同意用印', data: { checked: true, sealCopies: 3 } });
    detail = await s.call('fengxl', 'GET', `/api/items/${itemId}`);
    expect(detail.body.documents.find((d: any) => d.id === doc.id)).toMatchObject({ seal: 'county-head', sealName: '县长印章', sealedByName: '马德胜' });
    const register = await s.call('mads', 'GET', '/api/seals/register?seal=county-head');
    expect(register.body.rows.map((r: any) => [r.number, r.sealName, r.statusName, r.requestedByName, r.approvedByName, r.appliedByName])).toEqual([
      ['清政督令〔2026〕1号', '县长印章', '已用印', '何俊杰', '马德胜', '马德胜'],
    ]);

    // One child item per unit; each unit handles only its own.
    const children = detail.body.children;
    expect(children.map((c: any) => c.units[0].id).sort()).toEqual(['jtj', 'zjj']);

    // 申请延期 (X7) through the step's side action takes the diagram's extension path: R7 reviews
    // and re-drafts the date, R5 agrees, the step's deadline moves and the first one is kept.
    const handle = await taskOf('zjj01', 'UH_Handle');
    expect(handle.dueDate).toBe(order.deadline);
    expect((await s.call('zjj01', 'GET', `/api/tasks/${encodeURIComponent(handle.id)}`)).body.actions).toContain('requestExtension');
    let r = await s.call('zjj01', 'POST', `/api/tasks/${encodeURIComponent(handle.id)}/extension`, { newDue: '2026-07-31', reason: '雨季影响施工' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    r = await s.call('zjj01', 'POST', `/api/tasks/${encodeURIComponent(handle.id)}/extension`, { newDue: '2026-08-31', reason: '再次申请' });
    expect(r.status).toBe(409);
    expect((await s.call('zjj01', 'GET', `/api/tasks/${encodeURIComponent(handle.id)}`)).body.actions).not.toContain('requestExtension');
    const review = await taskOf('qianzy', 'X7_ExtReviewR7');
    const reviewDetail = await s.call('qianzy', 'GET', `/api/tasks/${encodeURIComponent(review.id)}`);
    expect(reviewDetail.body.data).toMatchObject({ reason: '雨季影响施工', requestedDeadline: '2026-07-31', currentDeadline: order.deadline });
    // 不同意 needs an opinion, said in Chinese by the server itself.
    r = await s.call('qianzy', 'POST', `/api/tasks/${encodeURIComponent(review.id)}/complete`, { outcome: '不同意', data: {} });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'OPINION_REQUIRED', message: '选择“不同意”时须填写办理意见' });
    await complete('qianzy', 'X7_ExtReviewR7', { outcome: '同意', opinion: '理由充分', data: { proposedDeadline: '2026-07-15' } });
    await complete('sunlx', 'X7_ExtApproveR5', { outcome: '同意', opinion: '同意', data: { outcome: '同意', signDate: '2026-05-06' } });
    const extended = await taskOf('zjj01', 'UH_Handle');
    expect(extended).toMatchObject({ id: handle.id, dueDate: '2026-07-15', originalDueDate: order.deadline });
    const unitItem = await s.call('zjj01', 'GET', `/api/items/${handle.itemId}`);
    expect(unitItem.body.extensions).toEqual([
      expect.objectContaining({ requestedByName: '唐建军', reason: '雨季影响施工', currentDue: order.deadline, newDue: '2026-07-31', approvedDue: '2026-07-15', status: 'approved' }),
    ]);
    expect(unitItem.body.extensions[0].decisions.map((d: any) => [d.step, d.outcome])).toEqual([
      ['督查室主任审核并重新拟定落实时间', '同意'],
      ['县政府办主任同意延期', '同意'],
    ]);
    expect(unitItem.body.timeline.map((e: any) => e.action)).toEqual(expect.arrayContaining(['extension.requested', 'boundary', 'extension.approved', 'task.extended']));
    for (const [user, unit] of [['zjj01', 'zjj'], ['jtj01', 'jtj']]) {
      const t = await taskOf(user, 'UH_Handle');
      expect(children.find((c: any) => c.id === t.itemId).units[0].id).toBe(unit);
      const r = await s.call(user, 'POST', `/api/tasks/${encodeURIComponent(t.id)}/complete`, { outcome: '办结', data: { result: `${unit} 已完成`, completedDate: '2026-05-20' } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }

    await complete('fengxl', 'P5_5_Summary', { data: { title: '督办令落实情况汇总', overview: '两单位均已按期完成' } });
    await complete('fengxl', 'P5_R_Apply', { data: {} });

    detail = await s.call('fengxl', 'GET', `/api/items/${itemId}`);
    expect(detail.body.item.status).toBe('completed');
    expect(detail.body.audit.ok).toBe(true);
    const actions = detail.body.timeline.map((e: any) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['document.numbered', 'document.generated', 'document.sealed', 'child.started', 'notify.sent', 'item.archived', 'evaluation.recorded']));
    // The report went to 县长, 常务副县长, 分管副县长 and 县政府办主任 as copies.
    for (const leader of ['wangjianguo', 'limh', 'sunlx']) {
      expect((await s.call(leader, 'GET', '/api/copies')).body.rows.some((c: any) => c.itemId === itemId), leader).toBe(true);
    }
    // The .docx of the order downloads.
    const dl = await s.app.inject({ method: 'GET', url: `/api/documents/${doc.id}/download`, headers: s.auth('zjj01') });
    expect(dl.statusCode).toBe(200);
  }, 120_000);
});
