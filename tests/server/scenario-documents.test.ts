/**
 * Scenario: the documents a county clerk holds at the end of a 专项查办 (P2, upper-level case
 * handled by two units) and of a 常务会议议定事项督办 (P6), walked through the real diagrams and
 * forms over HTTP: each document's number, its text read back out of the .docx, the PDF made off
 * the transaction holding the same Chinese text, the seal register's rows, and a seal request the
 * keeper refuses going back to the clerk with the opinion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxMedia, docxParagraphs, PDFTOTEXT, pdfText } from '../support/office';
import { findSoffice } from '../../src/server/documents/render/pdf';
import { databases, startServer, type TestServer } from './helpers';

const REQUIRE_ALL = process.env.DUBAN_REQUIRE_ALL_SUITES === '1';
const PDF_SKIP = !findSoffice() ? 'LibreOffice (soffice) is not installed: apt install libreoffice-writer-nogui' : !PDFTOTEXT ? 'pdftotext is not installed: apt install poppler-utils' : null;
if (PDF_SKIP && !REQUIRE_ALL) console.warn(`[duban] PDF checks of the documents scenario SKIPPED: ${PDF_SKIP}`);

describe.each(databases())('scenario: the documents of P2 and P6 on $name', (database) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(database, { bundled: true });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  async function taskOf(user: string, elementId: string, item: string) {
    const todo = await s.call(user, 'GET', '/api/tasks/todo?pageSize=200');
    const children = (await s.ctx.db.selectFrom('items').select('id').where('parentItemId', '=', item).execute()).map((c) => c.id);
    const t = todo.body.rows.find((r: any) => r.elementId === elementId && (r.itemId === item || children.includes(r.itemId)));
    expect(t, `${user} should have ${elementId}; has ${todo.body.rows.map((r: any) => r.elementId).join(', ')}`).toBeTruthy();
    return t;
  }
  async function complete(user: string, elementId: string, item: string, body: Record<string, unknown> = {}) {
    const t = await taskOf(user, elementId, item);
    const r = await s.call(user, 'POST', `/api/tasks/${encodeURIComponent(t.id)}/complete`, body);
    expect(r.status, `${user} ${elementId}: ${JSON.stringify(r.body)}`).toBe(200);
    return t;
  }
  const agree = { outcome: '同意', data: { outcome: '同意', signDate: '2026-03-02' } };
  const documents = async (item: string, user = 'fengxl') => (await s.call(user, 'GET', `/api/items/${item}`)).body.documents as any[];
  async function docx(user: string, d: any): Promise<string[]> {
    const r = await s.app.inject({ method: 'GET', url: d.url, headers: s.auth(user) });
    expect(r.statusCode, r.body).toBe(200);
    return docxParagraphs(r.rawPayload);
  }
  async function pdf(user: string, d: any): Promise<string> {
    const r = await s.app.inject({ method: 'GET', url: d.pdfUrl, headers: s.auth(user) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    return pdfText(r.rawPayload);
  }
  const squeeze = (t: string) => t.replace(/\s+/g, '');

  it('P2: 拟办单, one 督查函 per unit sealed after one refusal, the 查办报告 and the reply in the name of 县政府', async () => {
    const start = await s.call('fengxl', 'POST', '/api/items', {
      procedureKey: 'p2-special-case',
      title: '城关镇中心小学校舍维修资金拨付滞后问题查办',
      source: 'P2.S1',
      units: ['jyj', 'czj'],
      leadUnit: 'jyj',
    });
    expect(start.status, JSON.stringify(start.body)).toBe(201);
    const item = start.body.itemId;
    await complete('fengxl', 'P2_1_Register', item, {
      data: {
        title: '城关镇中心小学校舍维修资金拨付滞后问题查办',
        source: 'P2.S1',
        instructingLeader: '王建国县长',
        instruction: '请县政府督查室牵头查办，限期答复。',
        receivedDate: '2026-03-02',
        upperLevel: true,
        assignedDate: '2026-03-02',
        publicComplaint: false,
        domain: '教育科技',
        content: '群众反映城关镇中心小学校舍维修资金迟迟未拨付，雨季前存在安全隐患。',
      },
    });
    await complete('fengxl', 'P2_1_Proposal', item, {
      data: { summary: '校舍维修资金拨付滞后', proposedOpinion: '建议由县教育局牵头、县财政局协办，15个工作日内报送结果。', mode: '协办', units: ['jyj', 'czj'], leadUnit: 'jyj', proposedDeadline: '2026-03-20' },
    });
    await complete('qianzy', 'P2_1_ReviewR7', item, agree);
    await complete('zhaozh', 'P2_1_ApproveR4', item, agree);
    await complete('sunlx', 'P2_1_ApproveR5', item, agree);
    // Once approved, the 拟办单 is printed, without a 文号, holding the proposal.
    let docs = await documents(item);
    const proposal = docs.find((d) => d.docType === '拟办单');
    expect(proposal).toMatchObject({ number: '', hasContent: true, template: 'proposal', templateVersion: 0 });
    const proposalText = (await docx('fengxl', proposal)).join('\n');
    expect(proposalText).toContain('清河县人民政府督查室拟办单');
    expect(proposalText).toContain('建议由县教育局牵头、县财政局协办');
    expect(proposalText).toContain('县教育局、县财政局');

    await complete('fengxl', 'P2_2_Register', item, { data: { units: ['jyj', 'czj'], leadUnit: 'jyj', assignedDate: '2026-03-02', deadline: '2026-03-23' } });
    const letter = {
      title: '城关镇中心小学校舍维修资金拨付滞后问题',
      units: ['jyj', 'czj'],
      leadUnit: 'jyj',
      leaderInstruction: '请县政府督查室牵头查办，限期答复。',
      content: '请查明维修资金拨付滞后原因，提出整改措施。',
      assignedDate: '2026-03-02',
      deadline: '2026-03-23',
      contact: '冯晓丽',
      contactPhone: '0318-5123456',
    };
    await complete('fengxl', 'P2_2_Letter', item, { data: letter });

    // One 督查函 per unit, each with its own number, naming the unit, the matter, the instruction and the D8 deadline.
    docs = await documents(item);
    let letters = docs.filter((d) => d.docType === '督查函');
    expect(letters.map((d) => [d.number, d.recipientName, d.seal])).toEqual([
      ['清政督函〔2026〕1号', '县教育局', null],
      ['清政督函〔2026〕2号', '县财政局', null],
    ]);
    const first = (await docx('fengxl', letters[0])).join('\n');
    expect(first).toContain('清河县人民政府督查室');
    expect(first).toContain('清政督函〔2026〕1号');
    expect(first).toContain('县教育局：');
    expect(first).toContain('关于城关镇中心小学校舍维修资金拨付滞后问题的督查函');
    expect(first).toContain('请县政府督查室牵头查办，限期答复。');
    expect(first).toContain('请于2026年3月23日前将办理结果书面报送县政府督查室');
    expect(first).toContain('本事项由你单位牵头办理，县财政局协同办理');
    const second = (await docx('fengxl', letters[1])).join('\n');
    expect(second).toContain('县财政局：');
    expect(second).toContain('本事项由县教育局牵头办理，你单位协同办理');

    // 用印: the 督查室主任 keeps the office seal. The request lists both letters; refusing needs an opinion.
    const sealTask = await taskOf('qianzy', 'P2_2_SealRequest', item);
    expect((await s.call('fengxl', 'GET', '/api/tasks/todo?pageSize=200')).body.rows.some((r: any) => r.elementId === 'P2_2_SealRequest')).toBe(false);
    const seen = await s.call('qianzy', 'GET', `/api/tasks/${encodeURIComponent(sealTask.id)}`);
    expect(seen.body.sealRequest).toMatchObject({ seal: 'office', sealName: '县人民政府督查室公章' });
    expect(seen.body.sealRequest.documents.map((d: any) => d.number)).toEqual(['清政督函〔2026〕1号', '清政督函〔2026〕2号']);
    const blank = await s.call('qianzy', 'POST', `/api/tasks/${encodeURIComponent(sealTask.id)}/complete`, { outcome: '退回', data: { checked: false } });
    expect(blank.status).toBe(422);
    expect(blank.body.error.code).toBe('OPINION_REQUIRED');
    await complete('qianzy', 'P2_2_SealRequest', item, { outcome: '退回', opinion: '联系电话有误，请核对后重新提交。', data: { checked: false } });

    // Sent back: the clerk has the letter step again, with the keeper's opinion in the record; the letters are not sealed.
    const back = await taskOf('fengxl', 'P2_2_Letter', item);
    const timeline = (await s.call('fengxl', 'GET', `/api/items/${item}`)).body;
    expect(JSON.stringify(timeline)).toContain('联系电话有误，请核对后重新提交。');
    expect((await documents(item)).filter((d) => d.docType === '督查函').every((d) => d.seal === null)).toBe(true);
    let register = await s.call('qianzy', 'GET', '/api/seals/register');
    expect(register.status).toBe(200);
    expect(register.body.rows.map((r: any) => [r.number, r.statusName, r.opinion])).toEqual([
      ['清政督函〔2026〕2号', '已退回', '联系电话有误，请核对后重新提交。'],
      ['清政督函〔2026〕1号', '已退回', '联系电话有误，请核对后重新提交。'],
    ]);
    expect(back).toBeTruthy();

    // Corrected and sent again: the letters are made anew under the same numbers, and sealed this time.
    await complete('fengxl', 'P2_2_Letter', item, { data: { ...letter, contactPhone: '0318-5123457' } });
    await complete('qianzy', 'P2_2_SealRequest', item, { outcome: '同意用印', data: { checked: true, sealCopies: 2 } });
    docs = await documents(item);
    letters = docs.filter((d) => d.docType === '督查函');
    expect(letters.map((d) => [d.number, d.seal, d.sealName])).toEqual([
      ['清政督函〔2026〕1号', 'office', '县人民政府督查室公章'],
      ['清政督函〔2026〕2号', 'office', '县人民政府督查室公章'],
    ]);
    const sealed = (await docx('fengxl', letters[0])).join('\n');
    expect(sealed).toContain('0318-5123457');
    // The seal picture replaced the template's transparent placeholder.
    const media = Object.values(docxMedia((await s.app.inject({ method: 'GET', url: letters[0].url, headers: s.auth('fengxl') })).rawPayload));
    expect(Math.max(...media.map((m) => m.length))).toBeGreaterThan(2000);

    register = await s.call('qianzy', 'GET', '/api/seals/register?status=applied');
    expect(register.body.rows.map((r: any) => [r.number, r.sealName, r.requestedByName, r.approvedByName, r.appliedByName, r.sourceName])).toEqual([
      ['清政督函〔2026〕2号', '县人民政府督查室公章', '冯晓丽', '钱志远', '钱志远', '电子样章'],
      ['清政督函〔2026〕1号', '县人民政府督查室公章', '冯晓丽', '钱志远', '钱志远', '电子样章'],
    ]);
    // The register is not for everybody.
    expect((await s.call('jyj01', 'GET', '/api/seals/register')).status).toBe(403);
    const xlsx = await s.app.inject({ method: 'GET', url: '/api/seals/register/export', headers: s.auth('sunlx') });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    // The PDF of a sealed letter holds the same Chinese text.
    if (!PDF_SKIP || REQUIRE_ALL) {
      const early = await s.app.inject({ method: 'GET', url: letters[0].pdfUrl, headers: s.auth('fengxl') });
      expect([200, 409]).toContain(early.statusCode);
      await s.documents.drain();
      const text = await pdf('fengxl', letters[0]);
      for (const want of ['清政督函〔2026〕1号', '县教育局：', '请县政府督查室牵头查办，限期答复。', '2026年3月23日', '清河县人民政府督查室']) expect(text).toContain(squeeze(want));
      expect((await documents(item)).find((d) => d.id === letters[0].id).pdfStatus).toBe('ready');
    }

    // The units handle it; the lead unit sums up; the office reviews and writes the 查办报告.
    await complete('jyj01', 'UH_Handle', item, { outcome: '办结', data: { result: '维修资金已拨付到位，工程已开工。', completedDate: '2026-03-16' } });
    await complete('czj01', 'UH_Handle', item, { outcome: '办结', data: { result: '已拨付维修资金120万元。', completedDate: '2026-03-16' } });
    await complete('jyj01', 'P2_3_LeadSummary', item, { data: { result: '县教育局、县财政局已拨付资金，维修工程已开工，预计雨季前完工。', completedDate: '2026-03-17' } });
    await complete('fengxl', 'P2_5_Review', item, { outcome: '通过', data: { outcome: '通过', needVerify: false } });
    await complete('fengxl', 'P2_5_Report', item, {
      data: { title: '城关镇中心小学校舍维修资金拨付滞后问题', background: '县长批示交办，督查室当日立项。', process: '向县教育局、县财政局发出督查函，跟踪办理。', findings: '资金已拨付到位，工程已开工。', suggestions: '建议县教育局建立维修资金拨付台账。', copies: 2 },
    });
    const report = (await documents(item)).find((d) => d.docType === '查办报告');
    expect(report).toMatchObject({ number: '', hasContent: true });
    const reportText = (await docx('fengxl', report)).join('\n');
    for (const want of ['关于城关镇中心小学校舍维修资金拨付滞后问题的查办报告', '一、基本情况', '资金已拨付到位，工程已开工。', '建议县教育局建立维修资金拨付台账。', '本报告一式2份。']) expect(reportText).toContain(want);
    for (const [who, step] of [['qianzy', 'P2_5_ReportR7'], ['zhaozh', 'P2_5_ReportR4'], ['sunlx', 'P2_5_ReportR5'], ['wangjianguo', 'P2_5_LeaderReview']] as const) await complete(who, step, item, agree);

    // The formal reply to the upper level, in the name of 县政府 (its own 文号 series), signed by the county head.
    await complete('fengxl', 'P2_6_Reply', item, {
      data: { issuer: '县政府', signer: '王建国', title: '清河县人民政府关于城关镇中心小学校舍维修资金问题查办情况的报告', recipient: '市人民政府督查室', assignedDate: '2026-03-02', answers: [{ question: '维修资金为何拨付滞后？', answer: '因预算调整延误，现已全部拨付。' }], delayed: false },
    });
    await complete('wangjianguo', 'P2_6_SignR1', item, agree);
    const reply = (await documents(item)).find((d) => d.docType.startsWith('查办结果报告'));
    expect(reply).toMatchObject({ docType: '查办结果报告（县政府）', number: '清政报〔2026〕1号', hasContent: true });
    const replyText = (await docx('fengxl', reply)).join('\n');
    for (const want of ['清河县人民政府文件', '清政报〔2026〕1号', '市人民政府督查室：', '维修资金为何拨付滞后？', '因预算调整延误，现已全部拨付。', '清河县人民政府']) expect(replyText).toContain(want);
  }, 240_000);

  it('P6: one 督办函 per 议定事项 and 责任单位, listing that item, copied to that unit\'s own liaison', async () => {
    const start = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'p6-meeting', title: '县政府第12次常务会议议定事项督办', source: 'P6.S1', vars: { meetingDate: '2026-03-02' } });
    expect(start.status, JSON.stringify(start.body)).toBe(201);
    const item = start.body.itemId;
    await complete('zhulj', 'P6_1_Minutes', item, {
      data: { meetingNo: '第12次', meetingDate: '2026-03-02', title: '县政府第12次常务会议纪要', decisions: [{ title: '城区学校周边交通整治', requirement: '开学前完成' }, { title: '老旧小区雨污分流改造', requirement: '汛期前完成主体工程' }] },
    });
    const items = [
      { title: '城区学校周边交通整治', units: ['jyj', 'jtj'], leadUnit: 'jtj', deadline: '2026-04-30', requirement: '4月底前完成城区12所学校周边道路标线施划和护栏安装。' },
      { title: '老旧小区雨污分流改造', units: ['zjj'], leadUnit: 'zjj', deadline: '2026-05-29', requirement: '汛期前完成主体工程。' },
    ];
    await complete('fengxl', 'P6_2_Decompose', item, { data: { basis: '县政府第12次常务会议纪要', items } });
    await complete('fengxl', 'P6_2_Letter', item, { data: { title: '关于督办落实县政府第12次常务会议议定事项的函', content: '请按分解表抓好落实。', units: ['jyj', 'jtj', 'zjj'], leadUnit: 'jtj', deadline: '2026-05-29' } });

    const letters = (await documents(item)).filter((d) => d.docType === '督办函');
    expect(letters.map((d) => [d.number, d.recipientName])).toEqual([
      ['清政办督函〔2026〕1号', '县教育局'],
      ['清政办督函〔2026〕2号', '县交通运输局'],
      ['清政办督函〔2026〕3号', '县住房和城乡建设局'],
    ]);
    const edu = (await docx('fengxl', letters[0])).join('\n');
    for (const want of ['清河县人民政府办公室', '清政办督函〔2026〕1号', '县教育局：', '城区学校周边交通整治', '4月底前完成城区12所学校周边道路标线施划和护栏安装。', '本事项由县交通运输局牵头。', '2026年4月30日', '抄送：县政府办副主任吴晓燕。']) {
      expect(edu).toContain(want);
    }
    expect(edu).not.toContain('老旧小区雨污分流改造');
    const zjj = (await docx('fengxl', letters[2])).join('\n');
    expect(zjj).toContain('老旧小区雨污分流改造');
    expect(zjj).toContain('抄送：县政府办副主任周文斌。');
    expect(zjj).not.toContain('城区学校周边交通整治');

    // The copy goes to each unit's own liaison, not to every 副主任.
    const copied = await s.ctx.db.selectFrom('copies').select('personId').where('itemId', '=', item).where('reason', '=', '抄送联系责任单位的县政府办副主任').execute();
    expect([...new Set(copied.map((c) => c.personId))].sort()).toEqual(['wuxy', 'zhouwb']);

    if (!PDF_SKIP || REQUIRE_ALL) {
      await s.documents.drain();
      const text = await pdf('fengxl', letters[1]);
      for (const want of ['清政办督函〔2026〕2号', '县交通运输局：', '城区学校周边交通整治', '2026年4月30日']) expect(text).toContain(squeeze(want));
    }
  }, 240_000);

  it('P1: the 督查通知 and the 督查通报 of an on-site inspection, numbered and laid out from their templates', async () => {
    const start = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'p1-decision', title: '全县安全生产大检查督查', source: 'P1.S1' });
    expect(start.status, JSON.stringify(start.body)).toBe(201);
    const item = start.body.itemId;
    await complete('fengxl', 'P1_1_Register', item, { data: { title: '全县安全生产大检查督查', source: 'P1.S1', domain: '应急管理与安全生产', content: '县政府决定开展安全生产大检查。' } });
    await complete('fengxl', 'P1_1_Decompose', item, { data: { basis: '县政府安全生产工作会议', needOnSite: true, items: [{ title: '危化品企业隐患排查', units: ['yjj'], deadline: '2026-03-31' }] } });
    await complete('fengxl', 'P1_2_Plan', item, { data: { title: '全县安全生产大检查督查方案', draftedBy: 'dcs', objectives: '查找隐患，督促整改。', groups: [{ name: '第一督查组', leader: '钱志远' }], startDate: '2026-03-09', endDate: '2026-03-13', needMeeting: false } });
    for (const [who, step] of [['qianzy', 'P1_2_PlanR7'], ['sunlx', 'P1_2_PlanR5'], ['limh', 'P1_2_PlanR2']] as const) await complete(who, step, item, agree);
    await complete('fengxl', 'P1_2_Notice', item, {
      data: { title: '关于开展全县安全生产大检查督查的通知', recipients: ['yjj', 'jtj'], content: '为落实县政府安全生产工作会议精神，县政府决定开展安全生产大检查督查。', startDate: '2026-03-09', endDate: '2026-03-13', requirements: '各单位要如实提供材料，不得敷衍应付。', contact: '冯晓丽', contactPhone: '0318-5123456' },
    });
    const notice = (await documents(item)).find((d) => d.docType === '督查通知');
    expect(notice).toMatchObject({ number: '清政督通〔2026〕1号', hasContent: true, template: 'inspection-notice' });
    const noticeText = (await docx('fengxl', notice)).join('\n');
    for (const want of ['清河县人民政府办公室文件', '清政督通〔2026〕1号', '关于开展全县安全生产大检查督查的通知', '县应急管理局、县交通运输局：', '一、督查时间', '2026年3月9日至2026年3月13日。', '各单位要如实提供材料，不得敷衍应付。', '（联系人：冯晓丽；联系电话：0318-5123456）', '印发']) {
      expect(noticeText).toContain(want);
    }

    await complete('fengxl', 'P1_3_OnSite', item, { data: { group: '第一督查组', inspectedUnits: ['yjj'], startDate: '2026-03-09', endDate: '2026-03-13' } });
    await complete('yjj01', 'UH_Handle', item, { outcome: '办结', data: { result: '已完成危化品企业隐患排查，整改隐患12处。', completedDate: '2026-03-20' } });
    await complete('fengxl', 'P1_4_GroupReport', item, { data: { group: '第一督查组', overview: '督查组检查了8家危化品企业。' } });
    await complete('fengxl', 'P1_4_Report', item, { data: { title: '全县安全生产大检查督查专题报告', overview: '总体情况良好。' } });
    for (const [who, step] of [['qianzy', 'P1_4_ReportR7'], ['sunlx', 'P1_4_ReportR5']] as const) await complete(who, step, item, agree);
    const leader = (await s.call('fengxl', 'GET', `/api/items/${item}`)).body.tasks.find((t: any) => t.elementId === 'P1_4_ReportLeader' && t.status === 'open');
    expect(leader, 'the 分管副县长 of the domain approves').toBeTruthy();
    const leaderId = (await s.ctx.db.selectFrom('tasks').select('candidates').where('id', '=', leader.id).executeTakeFirstOrThrow()).candidates;
    await complete(JSON.parse(leaderId)[0], 'P1_4_ReportLeader', item, agree);
    await complete('fengxl', 'P1_5_Circular', item, {
      data: { title: '关于全县安全生产大检查督查情况的通报', kind: ['批评'], content: '3月9日至13日，县政府督查室对全县安全生产工作进行了督查。', criticisedUnits: ['jtj'], rectification: '对检查发现的问题立即整改。', rectificationDeadline: '2026-04-10', needRecheck: false },
    });
    const circular = (await documents(item)).find((d) => d.docType === '督查通报');
    expect(circular).toMatchObject({ number: '清政督报〔2026〕1号', hasContent: true });
    const circularText = (await docx('fengxl', circular)).join('\n');
    for (const want of ['清政督报〔2026〕1号', '关于全县安全生产大检查督查情况的通报', '各乡镇人民政府，县直各部门：', '二、予以批评的单位', '对县交通运输局予以通报批评', '请于2026年4月10日前将整改情况书面报送县政府督查室。']) expect(circularText).toContain(want);
    expect(circularText).not.toContain('予以表扬的单位');

    if (!PDF_SKIP || REQUIRE_ALL) {
      await s.documents.drain();
      const text = await pdf('fengxl', notice);
      for (const want of ['清政督通〔2026〕1号', '关于开展全县安全生产大检查督查的通知', '县应急管理局、县交通运输局：']) expect(text).toContain(squeeze(want));
    }
  }, 240_000);
});
