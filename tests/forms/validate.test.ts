import { describe, expect, it } from 'vitest';
import { loadForms, validateSubmission } from '../../src/forms';
import type { FieldPermissions } from '../../src/forms';

const forms = loadForms();
const form = (key: string) => forms.get(key)!;
const unit = (n: number) => `unit-${n}`;

const registration = {
  title: '关于推进老旧小区改造的批示件',
  source: 'P2.S1',
  content: '请督查室跟踪落实并于月底前报告。',
  units: [unit(1), unit(2)],
  leadUnit: unit(1),
  deadline: '2026-03-20',
};

describe('validateSubmission', () => {
  it('given a complete registration, when validated, then it is accepted and returned as data', async () => {
    const result = await validateSubmission(form('registration'), registration);
    expect(result).toEqual({ ok: true, data: registration });
  });

  it('given a registration without 事项名称, when validated, then it is refused with a Chinese required message', async () => {
    const { title: _title, ...rest } = registration;
    const result = await validateSubmission(form('registration'), rest);
    expect(result).toEqual({ ok: false, errors: [{ field: 'title', code: 'required', message: '“事项名称”为必填项' }] });
  });

  it('given a required field the step does not let the actor edit, when it is empty, then it is not required', async () => {
    const permissions: FieldPermissions = { editable: ['content'], readonly: [], hidden: [], otherwise: 'readonly' };
    const result = await validateSubmission(form('registration'), { content: '补充说明' }, { permissions, previous: {} });
    expect(result.ok).toBe(true);
  });

  it('given a read-only field changed against the stored data, when validated, then it is refused', async () => {
    const permissions: FieldPermissions = { editable: ['content'], readonly: ['title'], hidden: [], otherwise: 'readonly' };
    const previous = { ...registration, caseNo: '督登〔2026〕3号' };
    const result = await validateSubmission(
      form('registration'),
      { ...previous, title: '被篡改的事项名称', content: '新的内容' },
      { permissions, previous },
    );
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'title', code: 'readonly-field', message: '“事项名称”在当前环节不可修改' }],
    });
  });

  it('given read-only fields echoed back unchanged, when validated, then only editable fields are merged over the stored data', async () => {
    const permissions: FieldPermissions = { editable: ['content'], readonly: [], hidden: ['instruction'], otherwise: 'readonly' };
    const previous = { ...registration, instruction: '请抓紧办理', caseNo: '督登〔2026〕3号' };
    const result = await validateSubmission(
      form('registration'),
      { title: registration.title, content: '新的内容' },
      { permissions, previous },
    );
    expect(result).toEqual({ ok: true, data: { ...previous, content: '新的内容' } });
  });

  it('given the system number caseNo edited by a user with full rights, when validated, then it is refused', async () => {
    const result = await validateSubmission(form('registration'), { ...registration, caseNo: '自编号' });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'caseNo', code: 'readonly-field' }] });
  });

  it('given a hidden field sent with a value, when validated, then it is refused', async () => {
    const permissions: FieldPermissions = { editable: ['*'], readonly: [], hidden: ['instruction'], otherwise: 'readonly' };
    const result = await validateSubmission(form('registration'), { ...registration, instruction: '猜测的批示' }, { permissions });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'instruction', code: 'readonly-field' }] });
  });

  it('given an unknown field, a wrong type, a value outside the options and a bad date, when validated, then each has its code', async () => {
    const result = await validateSubmission(form('registration'), {
      ...registration,
      secret: 1,
      title: 42,
      source: 'P9.S9',
      deadline: '2026-02-30',
    });
    expect(result.ok).toBe(false);
    const codes = !result.ok ? result.errors.map((e) => [e.field, e.code]) : [];
    expect(codes).toEqual([
      ['secret', 'unknown-field'],
      ['title', 'type'],
      ['source', 'enum'],
      ['deadline', 'format'],
    ]);
    if (!result.ok) for (const e of result.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('given a lead unit that is not among the units, when validated, then it is refused with the rule message', async () => {
    const result = await validateSubmission(form('registration'), { ...registration, leadUnit: unit(9) });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'leadUnit', code: 'custom' }] });
  });
});

describe('decomposition rows', () => {
  const row = { title: '完成一期改造', units: [unit(1)], deadline: '2026-04-30' };

  it('given rows with units and deadlines, when validated, then they are accepted', async () => {
    const result = await validateSubmission(form('decomposition'), { items: [row, { ...row, units: [unit(1), unit(2)], leadUnit: unit(2) }] });
    expect(result.ok).toBe(true);
  });

  it('given a row without units, when validated, then it is refused with the row field path', async () => {
    const result = await validateSubmission(form('decomposition'), { items: [row, { title: '二期', deadline: '2026-05-29' }] });
    expect(result).toEqual({
      ok: false,
      errors: [{ field: 'items.1.units', code: 'required', message: '“分解事项”第2行：“责任单位”为必填项' }],
    });
  });

  it('given a row with several units and no lead unit, when validated, then the lead unit is asked for', async () => {
    const result = await validateSubmission(form('decomposition'), { items: [{ ...row, units: [unit(1), unit(2)] }] });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'items.0.leadUnit', code: 'custom' }] });
  });

  it('given a row whose lead unit is not one of its units, when validated, then it is refused', async () => {
    const result = await validateSubmission(form('decomposition'), { items: [{ ...row, leadUnit: unit(3) }] });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'items.0.leadUnit', code: 'custom' }] });
  });

  it('given no rows at all, when validated, then it is refused once on the table', async () => {
    const result = await validateSubmission(form('decomposition'), { items: [] });
    expect(result).toEqual({ ok: false, errors: [{ field: 'items', code: 'required', message: '“分解事项”为必填项' }] });
  });

  it('given a row with an unknown column and a bad date, when validated, then both are reported with their paths', async () => {
    const result = await validateSubmission(form('decomposition'), { items: [{ ...row, colour: 'red', deadline: '30/04/2026' }] });
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { field: 'items.0.colour', code: 'unknown-field' },
        { field: 'items.0.deadline', code: 'format' },
      ],
    });
  });
});

describe('conditional rules', () => {
  it('given an extension whose new deadline is before the current one, when validated, then it is refused', async () => {
    const result = await validateSubmission(form('extension-request'), {
      currentDeadline: '2026-05-15',
      requestedDeadline: '2026-05-08',
      proposedDeadline: '2026-05-01',
      reason: '涉及多部门协调，需延期',
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'requestedDeadline', code: 'custom', message: '申请延期的日期须晚于原截止日期' },
        { field: 'proposedDeadline', code: 'custom', message: '重新拟定的落实时间须晚于原截止日期' },
      ],
    });
  });

  it('given an extension to the same day, when validated, then it is refused too', async () => {
    const result = await validateSubmission(form('extension-request'), {
      currentDeadline: '2026-05-15', requestedDeadline: '2026-05-15', reason: '需延期',
    });
    expect(result.ok).toBe(false);
  });

  it('given an extension without a reason, when validated, then the reason is required', async () => {
    const result = await validateSubmission(form('extension-request'), { currentDeadline: '2026-05-15', requestedDeadline: '2026-05-29' });
    expect(result).toEqual({ ok: false, errors: [{ field: 'reason', code: 'required', message: '“延期原因”为必填项' }] });
  });

  it('given a review with 重办 and no reasons, when validated, then reasons are required; with 通过 they are not', async () => {
    const refused = await validateSubmission(form('review'), { outcome: '重办' });
    expect(refused).toMatchObject({ ok: false, errors: [{ field: 'reasons', code: 'required' }] });
    const accepted = await validateSubmission(form('review'), { outcome: '通过' });
    expect(accepted.ok).toBe(true);
  });

  it('given a review outcome outside 通过/重办/补办, when validated, then it is refused as enum', async () => {
    const result = await validateSubmission(form('review'), { outcome: '驳回', reasons: '不符合' });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'outcome', code: 'enum' }] });
  });

  it('given three research topics in one half year, when validated, then at most two are allowed', async () => {
    const topic = { title: '营商环境', category: '当前重点工作' };
    const result = await validateSubmission(form('research-topic'), { year: 2026, half: '上半年', topics: [topic, topic, topic] });
    expect(result).toEqual({ ok: false, errors: [{ field: 'topics', code: 'custom', message: '每半年最多确定2个调研选题' }] });
  });

  it('given indicator weights that do not add up to 100, when validated, then the plan is refused', async () => {
    const result = await validateSubmission(form('evaluation-plan'), {
      year: 2026, title: '2026年度综合绩效评估', indicators: [{ name: '重点工作', type: '定量', weight: 60 }, { name: '群众满意', type: '定性', weight: 30 }],
    });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'indicators', message: '各项指标权重合计须为100分' }] });
  });

  it('given a circular that praises nobody by name, when validated, then the praised units are required', async () => {
    const result = await validateSubmission(form('circular'), { title: '通报', kind: ['表扬'], content: '……' });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'praisedUnits', code: 'required' }] });
  });

  it('given an archive list with a required material missing, when validated, then archiving is refused', async () => {
    const result = await validateSubmission(form('archive-list'), {
      materials: [{ name: '查办报告', required: true, present: false }, { name: '拟办单', required: true, present: true }],
    });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'materials', message: '必备材料尚未收齐，不能归档' }] });
  });

  it('given malformed attachments, when validated, then they are refused as type errors', async () => {
    const result = await validateSubmission(form('handling-result'), {
      result: '已办结', completedDate: '2026-03-02', attachments: [{ id: 'a1', name: '现场照片.jpg', size: 12, sha256: 'ab' }, 'oops'],
    });
    expect(result).toMatchObject({ ok: false, errors: [{ field: 'attachments.1', code: 'type' }] });
  });
});
