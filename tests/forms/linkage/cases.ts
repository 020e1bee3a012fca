/**
 * The shared table of linkage cases: one form with rules of every kind, and for each set of
 * values what the person sees (hidden, required, read-only fields) and which fields are refused.
 * linkage.test.ts checks every case in the browser's Formily form (with the renderer's effects)
 * and in the server's validation.
 */
import type { FormDefinition } from '../../../src/forms';

const options = (...values: string[]) => values.map((v) => ({ label: v, value: v }));

/** A 督查通报-like form whose fields are shown, required and locked by linkage rules. */
export const LINKAGE_FORM: FormDefinition = {
  key: 'linkage-cases',
  name: '联动规则用例',
  version: 1,
  schema: {
    type: 'object',
    properties: {
      kind: { type: 'array', title: '通报类型', 'x-decorator': 'FormItem', 'x-component': 'Checkbox.Group', enum: options('表扬', '批评', '整改'), required: true },
      deadline: { type: 'string', title: '整改期限', 'x-decorator': 'FormItem', 'x-component': 'WorkdayDatePicker', required: true },
      recheck: { type: 'string', title: '复查安排', 'x-decorator': 'FormItem', 'x-component': 'Input' },
      level: { type: 'string', title: '问题等级', 'x-decorator': 'FormItem', 'x-component': 'Radio.Group', enum: options('一般', '严重') },
      score: { type: 'number', title: '扣分', 'x-decorator': 'FormItem', 'x-component': 'NumberPicker' },
      reason: { type: 'string', title: '原因分析', 'x-decorator': 'FormItem', 'x-component': 'Input.TextArea' },
      note: { type: 'string', title: '备注', 'x-decorator': 'FormItem', 'x-component': 'Input', 'x-validator': [{ maxLength: 5, message: '备注不超过5字' }] },
      summary: { type: 'string', title: '表扬事迹', 'x-decorator': 'FormItem', 'x-component': 'Input', default: '' },
    },
    'x-duban-linkage': [
      // The issue's own case: 整改期限 (required in the schema) is shown only when 通报类型 has 批评.
      { conditions: [{ field: 'kind', operator: 'eq', value: '批评' }], action: 'show', fields: ['deadline'] },
      // A chain: 复查安排 follows 整改期限, which counts as empty while hidden.
      { conditions: [{ field: 'deadline', operator: 'notEmpty' }], action: 'show', fields: ['recheck'] },
      { conditions: [{ field: 'level', operator: 'eq', value: '严重' }, { field: 'score', operator: 'gt', value: 10 }], combine: 'or', action: 'require', fields: ['reason'] },
      { conditions: [{ field: 'level', operator: 'empty' }], action: 'hide', fields: ['note'] },
      { conditions: [{ field: 'kind', operator: 'contains', value: '表扬' }, { field: 'score', operator: 'lt', value: 1 }], action: 'readOnly', fields: ['summary'] },
    ],
  },
};

/** One case: the values filled in, what the rules make of them, and the fields refused (with their messages). */
export interface LinkageCase {
  name: string;
  values: Record<string, unknown>;
  hidden: string[];
  required: string[];
  readOnly: string[];
  /** field → message, for the values as the browser submits them (hidden fields left out). */
  refused: Record<string, string>;
}

/** The cases, from the scenario to chains and combined conditions. */
export const LINKAGE_CASES: LinkageCase[] = [
  {
    name: '通报类型含批评、未填整改期限：整改期限显示且必填',
    values: { kind: ['批评'] },
    hidden: ['recheck', 'note'],
    required: ['kind', 'deadline'],
    readOnly: [],
    refused: { deadline: '“整改期限”为必填项' },
  },
  {
    name: '通报类型含批评、已填整改期限：复查安排随之显示',
    values: { kind: ['批评'], deadline: '2026-05-08', recheck: '五月底复查' },
    hidden: ['note'],
    required: ['kind', 'deadline'],
    readOnly: [],
    refused: {},
  },
  {
    name: '通报类型仅为表扬：整改期限隐藏，不必填；复查安排也隐藏',
    values: { kind: ['表扬'], deadline: '2026-05-08', recheck: '五月底复查' },
    hidden: ['deadline', 'recheck', 'note'],
    required: ['kind'],
    readOnly: [],
    refused: {},
  },
  {
    name: '未选通报类型：整改期限隐藏，只有通报类型必填',
    values: {},
    hidden: ['deadline', 'recheck', 'note'],
    required: ['kind'],
    readOnly: [],
    refused: { kind: '“通报类型”为必填项' },
  },
  {
    name: '问题等级严重：原因分析必填，备注显示并照常校验',
    values: { kind: ['整改'], level: '严重', note: '超过五个字的备注' },
    hidden: ['deadline', 'recheck'],
    required: ['kind', 'reason'],
    readOnly: [],
    refused: { reason: '“原因分析”为必填项', note: '备注不超过5字' },
  },
  {
    name: '扣分大于10（或）：原因分析必填',
    values: { kind: ['整改'], level: '一般', score: 12, reason: '台账不全' },
    hidden: ['deadline', 'recheck'],
    required: ['kind', 'reason'],
    readOnly: [],
    refused: {},
  },
  {
    name: '扣分为10：不大于10，原因分析不必填',
    values: { kind: ['整改'], level: '一般', score: 10 },
    hidden: ['deadline', 'recheck'],
    required: ['kind'],
    readOnly: [],
    refused: {},
  },
  {
    name: '含表扬且扣分小于1（且）：表扬事迹只读',
    values: { kind: ['表扬', '批评'], score: 0, deadline: '2026-05-08' },
    hidden: ['note'],
    required: ['kind', 'deadline'],
    readOnly: ['summary'],
    refused: {},
  },
  {
    name: '含表扬但扣分为2：且的条件不全成立，表扬事迹可填',
    values: { kind: ['表扬'], score: 2, summary: '按时整改' },
    hidden: ['deadline', 'recheck', 'note'],
    required: ['kind'],
    readOnly: [],
    refused: {},
  },
];
