/**
 * The web app's decisions that need no browser: where a server refusal is shown, how the
 * 工作台 counts its lights, what a step's form lets a person fill, how the ledger keeps its
 * filters in the address, how the diagram marks steps, how the timeline speaks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { markerOf } from '@/components/BpmnViewer/markers';
import { plainValues, toDisplaySchema } from '@/components/FormRenderer/schema';
import { describeEntry, type TimelineEntry } from '@/components/ItemTimeline/describe';
import { countLights, lightAt } from '@/components/Light/lights';
import { workdayHint } from '@/components/WorkdayDatePicker/hint';
import { onTimeRate } from '@/pages/analysis/stats/service';
import { exportMessage, pagerTotal, paramsOf, queryFromParams, totalText } from '@/pages/items/ledger/query';
import { firstStepOf } from '@/pages/items/start/service';
import { editableFields, initialValues, renderedSchema } from '@/pages/tasks/detail/schema';
import type { TaskDetail } from '@/pages/tasks/detail/service';
import { groupPeople, matches } from '@/pages/user/login/service';
import { pdfStateText, sealSourceText } from '@/services/documents';
import { applyAntdFieldErrors, applyFieldErrors, errorMessage } from '@/services/errors';
import { ApiError, withQuery } from '@/services/request';

const refusal = new ApiError('FORM_INVALID', '表单填写有误，请检查标出的字段', 422, [
  { field: 'title', message: '“事项名称”为必填项' },
  { field: 'answers.0.reply', message: '第1行：“答复”为必填项' },
  { field: 'answers.1', message: '第2行格式不正确' },
  { field: 'ghost', message: '不在表单上的字段' },
]);

/** A stand-in for a Formily form: fields by path, each remembering its messages. */
function fakeForm(paths: string[]) {
  const shown: Record<string, string[]> = {};
  return {
    shown,
    query: (p: string) => ({ take: () => (paths.includes(p) ? { setSelfErrors: (m: string[]) => (shown[p] = m) } : undefined) }),
  };
}

describe('server refusals', () => {
  it('land next to their fields; a row message falls back to its list; the rest is handed back', () => {
    const form = fakeForm(['title', 'answers.0.reply', 'answers']);
    const unplaced = applyFieldErrors(form, refusal);
    expect(form.shown).toEqual({
      title: ['“事项名称”为必填项'],
      'answers.0.reply': ['第1行：“答复”为必填项'],
      answers: ['第2行格式不正确'],
    });
    expect(unplaced).toEqual([{ field: 'ghost', message: '不在表单上的字段' }]);
  });

  it('reach the fields of a dialog too, and say whether any did', () => {
    const set: unknown[] = [];
    const dialog = { setFields: (f: unknown[]) => set.push(...f), getFieldsValue: () => ({ newDue: undefined, reason: '' }) };
    const err = new ApiError('VALIDATION_FAILED', '申请延期的日期无效', 422, [{ field: 'newDue', message: '应晚于当前期限' }]);
    expect(applyAntdFieldErrors(dialog, err)).toBe(true);
    expect(set).toEqual([{ name: 'newDue', errors: ['应晚于当前期限'] }]);
    expect(applyAntdFieldErrors(dialog, new Error('x'))).toBe(false);
  });

  it('are worded in Chinese, never as a programmer error', () => {
    expect(errorMessage(refusal)).toBe('表单填写有误，请检查标出的字段');
    expect(errorMessage(new TypeError('Cannot read properties of undefined'))).toBe('操作失败，请稍后重试');
  });
});

describe('query strings', () => {
  it('leave out empty values and join lists', () => {
    expect(withQuery('/api/items', { q: '', unit: undefined, status: 'running', ids: ['a', 'b'], page: 2 })).toBe('/api/items?status=running&ids=a%2Cb&page=2');
    expect(withQuery('/api/x?token=t', { a: 1 })).toBe('/api/x?token=t&a=1');
  });
});

describe('warning lights', () => {
  const day = 86_400_000;
  it('turn yellow at the warning time and red past the deadline', () => {
    expect(lightAt(10 * day, 12 * day, 11 * day)).toBe('green');
    expect(lightAt(11 * day, 12 * day, 11 * day)).toBe('yellow');
    expect(lightAt(12 * day + 1, 12 * day, 11 * day)).toBe('red');
    expect(lightAt(12 * day, null, null)).toBeNull();
  });

  it('are counted exactly, and marked as a lower bound when the loaded window is all red or yellow', () => {
    const t = (light: 'red' | 'yellow' | 'green') => ({ light, dueAt: 1, warnAt: 1 });
    expect(countLights([t('red'), t('yellow'), t('green')], 3, 0)).toEqual({ red: 1, yellow: 1, truncated: false });
    expect(countLights([t('red'), t('red')], 500, 0)).toEqual({ red: 2, yellow: 0, truncated: true });
  });
});

describe("a step's form", () => {
  const schema = {
    type: 'object',
    properties: {
      outcome: { type: 'string', title: '审批结论', 'x-component': 'Radio.Group', 'x-pattern': 'editable', 'x-display': 'visible' },
      signDate: { type: 'string', title: '签批日期', 'x-component': 'DatePicker', 'x-pattern': 'editable', 'x-display': 'visible' },
      caseNo: { type: 'string', title: '登记编号', 'x-pattern': 'readOnly', 'x-display': 'visible' },
      secret: { type: 'string', title: '内部意见', 'x-pattern': 'readOnly', 'x-display': 'hidden' },
      grid: { type: 'void', properties: { units: { type: 'array', 'x-pattern': 'editable', 'x-display': 'visible' } } },
    },
  };

  it('sends only the fields this step may fill', () => {
    expect(editableFields(schema)).toEqual(['outcome', 'signDate', 'units']);
  });

  it('shows read-only fields as text, and everything as text when the step is not the reader’s', () => {
    const shown = toDisplaySchema(schema);
    expect(shown.properties.caseNo['x-pattern']).toBe('readPretty');
    expect(shown.properties.outcome['x-pattern']).toBe('editable');
    expect(toDisplaySchema(schema, true).properties.grid.properties.units['x-pattern']).toBe('readPretty');
    expect(schema.properties.caseNo['x-pattern']).toBe('readOnly');
  });

  it('hides its own outcome field when the step offers outcome buttons', () => {
    expect(renderedSchema(schema, ['同意', '不同意']).properties.outcome['x-display']).toBe('hidden');
    expect(renderedSchema(schema, []).properties.outcome['x-display']).toBe('visible');
  });

  it('starts a signing date at today and keeps the stored data', () => {
    const detail = { data: { caseNo: 'P2-2026-00001' }, form: { key: 'approval', name: '审批意见', schema } } as unknown as TaskDetail;
    const values = initialValues(detail);
    expect(values.caseNo).toBe('P2-2026-00001');
    expect(values.signDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("leaves Formily's internal row keys out of what is sent", () => {
    const form = { values: { answers: [{ question: '问', reply: '答', __DO_NOT_USE_THIS_PROPERTY_index__: 0 }] } };
    expect(plainValues(form as never)).toEqual({ answers: [{ question: '问', reply: '答' }] });
  });
});

describe('the ledger address', () => {
  it('round-trips a filtered, sorted page and drops defaults', () => {
    const q = queryFromParams(new URLSearchParams('procedure=p2-special-case&light=red&sort=dueDate&order=asc&page=3&pageSize=50&q=校舍'));
    expect(q).toMatchObject({ procedure: 'p2-special-case', light: 'red', sort: 'dueDate', order: 'asc', page: 3, pageSize: 50, q: '校舍' });
    expect(paramsOf(q)).toEqual({ procedure: 'p2-special-case', light: 'red', sort: 'dueDate', order: 'asc', page: '3', pageSize: '50', q: '校舍' });
    expect(paramsOf(queryFromParams(new URLSearchParams('')))).toEqual({});
  });

  it('ignores values the server would refuse', () => {
    expect(queryFromParams(new URLSearchParams('sort=drop table&pageSize=100000&page=-4'))).toMatchObject({ sort: 'createdAt', pageSize: 20, page: 1 });
  });
});

describe('the ledger total', () => {
  it('reads 「1万+」 or 「1000+」 when the server stopped counting, the number otherwise', () => {
    expect(totalText(8835)).toBe('8835');
    expect(totalText(10_000, true)).toBe('1万+');
    expect(totalText(1000, true)).toBe('1000+');
  });

  it('lets the pager go one page past a capped count while pages are full', () => {
    expect(pagerTotal(4479, false, 1, 20, 20)).toBe(4479);
    expect(pagerTotal(1000, true, 1, 20, 20)).toBe(1000);
    expect(pagerTotal(1000, true, 50, 20, 20)).toBe(1001);
    expect(pagerTotal(1000, true, 51, 20, 20)).toBe(1021);
    expect(pagerTotal(1000, true, 60, 20, 7)).toBe(1187);
  });

  it('says honestly how much was exported', () => {
    expect(exportMessage(35, false, 10_000)).toBe('已导出 35 项');
    expect(exportMessage(10_000, true, 10_000)).toBe('已导出最新的 10000 项（共 1万+ 项，请缩小筛选范围）');
    expect(exportMessage(1000, true, 10_000)).toBe('已导出 1000+ 项（最多导出最新的 10000 项）');
  });
});

describe('the diagram', () => {
  it('marks overdue over current over done', () => {
    const marks = { done: ['A', 'B', 'C'], current: ['B', 'C'], overdue: ['C'] };
    expect(['A', 'B', 'C', 'D'].map((id) => markerOf(id, marks))).toEqual(['duban-done', 'duban-current', 'duban-overdue', null]);
  });
});

describe('the timeline', () => {
  const entry = (action: string, data: Record<string, unknown>): TimelineEntry => ({ seq: 1, at: 0, actorId: null, actorName: null, action, opinion: null, data });
  it('says what happened in words', () => {
    expect(describeEntry(entry('task.sentBack', { targetName: '提出拟办意见' }))).toBe('退回至“提出拟办意见”');
    expect(describeEntry(entry('task.extended', { from: '2026-03-10', to: '2026-03-20' }))).toBe('期限由 2026-03-10 延至 2026-03-20');
    expect(describeEntry(entry('task.urged', { methodName: '电话催办', count: 2 }))).toBe('电话催办（第 2 次）');
    expect(describeEntry(entry('item.archived', { missing: ['督查函'] }))).toBe('缺少材料：督查函');
  });
});

describe('small words', () => {
  it('tell how far a date is in working days and warn on days off', () => {
    expect(workdayHint({ date: '2026-10-01', workday: false, name: '国庆节', workdaysFromToday: 4 })).toEqual({ text: '国庆节，非工作日，距今 4 个工作日', warn: true });
    expect(workdayHint({ date: '2026-03-02', workday: true, workdaysFromToday: -3 }).text).toBe('工作日，已过 3 个工作日');
  });

  it('compute the on-time rate among completed items only', () => {
    expect(onTimeRate({ key: 'x', name: 'x', total: 10, onTime: 3, late: 1, running: 5, overdue: 1 })).toBe(75);
    expect(onTimeRate({ key: 'x', name: 'x', total: 2, onTime: 0, late: 0, running: 2, overdue: 0 })).toBeNull();
  });

  it('group the login page: leaders first, handling units last, the administrator at the end', () => {
    const u = (id: string, capabilities: string[], unitName = '县政府办公室', handlesUnit = false) => ({ id, name: id, title: '', unitId: unitName, unitName, roles: [], roleNames: [], capabilities, handlesUnit });
    const groups = groupPeople([u('a', ['item.readUnit'], '县教育局', true), u('b', ['leader', 'item.readAll']), u('c', ['admin']), u('d', ['office'], '县政府督查室')]);
    expect(groups.map((g) => g.title)).toEqual(['县领导', '县政府督查室', '承办单位（县直部门、乡镇）', '系统管理']);
    expect(matches(u('e', ['office'], '县政府督查室'), '督查室')).toBe(true);
    expect(matches(u('e', ['office'], '县政府督查室'), '教育')).toBe(false);
  });
});

/** A one-process diagram with the given flow elements. */
const diagram = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:duban="http://duban.gov.cn/schema/bpmn" id="d" targetNamespace="http://duban.gov.cn">
  <bpmn:process id="p" name="流程" isExecutable="true">${body}</bpmn:process>
</bpmn:definitions>`;

describe('the start page', () => {
  it("takes the first step's form and the fields it may fill from the deployed diagram", async () => {
    const step = await firstStepOf(readFileSync('processes/p2-special-case.bpmn', 'utf8'), 'p2-special-case');
    expect(step).toMatchObject({ name: '审核登记', formKey: 'registration', permissions: { readonly: [], hidden: [], otherwise: 'hidden' } });
    expect(step!.permissions.editable).toEqual(expect.arrayContaining(['title', 'source', 'content', 'attachments']));
    expect(await firstStepOf(readFileSync('processes/p2-special-case.bpmn', 'utf8'), 'unit-handling')).toBeNull();
  });

  it('finds that step behind gateways, lets it fill every field with *, and leaves out fields it cannot fill', async () => {
    const xml = diagram(`
      <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="g"/>
      <bpmn:exclusiveGateway id="g"/><bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="t"/>
      <bpmn:userTask id="t" name="登记" duban:formKey="registration" duban:editable="*" duban:hidden="secret"/>
      <bpmn:sequenceFlow id="f3" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>`);
    expect(await firstStepOf(xml, 'p')).toEqual({ name: '登记', formKey: 'registration', permissions: { editable: [], readonly: [], hidden: ['secret'], otherwise: 'editable' } });
    const readonlyRest = xml.replace('duban:editable="*"', 'duban:editable="title" duban:fieldDefault="readonly"');
    expect((await firstStepOf(readonlyRest, 'p'))!.permissions).toEqual({ editable: ['title'], readonly: [], hidden: ['secret'], otherwise: 'hidden' });
  });

  it('has no first step when the diagram does not start with a user task, or does not parse', async () => {
    const service = diagram(`
      <bpmn:startEvent id="s"/><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="n"/>
      <bpmn:serviceTask id="n" name="编号" duban:action="number"/><bpmn:sequenceFlow id="f2" sourceRef="n" targetRef="t"/>
      <bpmn:userTask id="t" name="登记"/><bpmn:sequenceFlow id="f3" sourceRef="t" targetRef="e"/><bpmn:endEvent id="e"/>`);
    expect(await firstStepOf(service, 'p')).toBeNull();
    expect(await firstStepOf('<not-bpmn', 'p')).toBeNull();
  });
});

describe('documents', () => {
  it('say where a PDF stands, naming the package to install when the server has no renderer', () => {
    expect(pdfStateText('ready')).toBeNull();
    expect(pdfStateText(null)).toBeNull();
    expect(pdfStateText('pending')).toBe('PDF 生成中');
    expect(pdfStateText('unavailable')).toBe('未安装 PDF 组件：请安装 libreoffice-writer-nogui');
    expect(pdfStateText('failed', '转换超时')).toBe('PDF 生成失败：转换超时');
    expect(pdfStateText('failed')).toBe('PDF 生成失败');
  });

  it('tell a specimen seal from the host’s, with the host’s reference', () => {
    expect(sealSourceText({ source: 'specimen', reference: null })).toBe('电子样章');
    expect(sealSourceText({ source: 'host', reference: 'YZ-2026-0031' })).toBe('主机用印（YZ-2026-0031）');
    expect(sealSourceText({ source: 'host-pending', sourceName: '主机用印中', reference: null })).toBe('主机用印中');
    expect(sealSourceText({ source: null, reference: null })).toBe('—');
  });
});
