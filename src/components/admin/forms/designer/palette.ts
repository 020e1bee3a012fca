/**
 * The designer's palette: the components the form lint knows, in Chinese, each with the
 * schema a new field starts from (a table comes with its index, one column and its buttons).
 */
import type { SchemaNode } from '../../../../forms/types';
import { newId, type DesignNode } from './model';

/** One entry of the palette. */
export interface PaletteItem {
  kind: string;
  label: string;
  /** The key a new field is named from until its title gives a better one. */
  base: string;
  schema: () => SchemaNode;
}

const field = (type: SchemaNode['type'], component: string, title: string, extra: SchemaNode = {}): SchemaNode => ({
  type,
  title,
  'x-decorator': 'FormItem',
  'x-component': component,
  ...extra,
});

const options = () => [
  { label: '选项一', value: '选项一' },
  { label: '选项二', value: '选项二' },
];

/** The palette, in the order it is shown. */
export const PALETTE: PaletteItem[] = [
  { kind: 'input', label: '单行文本', base: 'text', schema: () => field('string', 'Input', '单行文本') },
  { kind: 'textarea', label: '多行文本', base: 'content', schema: () => field('string', 'Input.TextArea', '多行文本', { 'x-component-props': { rows: 4 } }) },
  { kind: 'number', label: '数字', base: 'number', schema: () => field('number', 'NumberPicker', '数字') },
  { kind: 'date', label: '日期', base: 'date', schema: () => field('string', 'DatePicker', '日期') },
  { kind: 'workday', label: '工作日日期', base: 'deadline', schema: () => field('string', 'WorkdayDatePicker', '工作日日期') },
  { kind: 'radio', label: '单选', base: 'choice', schema: () => field('string', 'Radio.Group', '单选', { enum: options() }) },
  { kind: 'select', label: '下拉', base: 'option', schema: () => field('string', 'Select', '下拉', { enum: options() }) },
  { kind: 'checkbox', label: '多选', base: 'choices', schema: () => field('array', 'Checkbox.Group', '多选', { enum: options() }) },
  { kind: 'switch', label: '开关', base: 'flag', schema: () => field('boolean', 'Switch', '开关') },
  { kind: 'unit', label: '承办单位', base: 'units', schema: () => field('array', 'UnitPicker', '承办单位', { 'x-component-props': { multiple: true }, items: { type: 'string' } }) },
  { kind: 'user', label: '人员', base: 'person', schema: () => field('string', 'UserPicker', '人员', { 'x-component-props': {} }) },
  { kind: 'attachment', label: '附件', base: 'files', schema: () => field('array', 'AttachmentUpload', '附件') },
  { kind: 'table', label: '明细表', base: 'rows', schema: () => field('array', 'ArrayTable', '明细表', { items: { type: 'object', properties: {} }, properties: {} }) },
  { kind: 'grid', label: '分栏', base: 'grid', schema: () => ({ type: 'void', 'x-component': 'FormGrid', 'x-component-props': { maxColumns: 2, minColumns: 1 }, properties: {} }) },
];

/** A column of a table holding one field (the column shows the field's title). */
export function tableColumn(name: string, inner: DesignNode): DesignNode {
  return {
    id: newId(),
    name: `c_${name}`,
    schema: { type: 'void', 'x-component': 'ArrayTable.Column', 'x-component-props': { title: inner.schema.title ?? name, width: 160 }, properties: {} },
    children: [{ ...inner, schema: { ...inner.schema, 'x-decorator-props': { ...(inner.schema['x-decorator-props'] as object), labelStyle: { display: 'none' } } } }],
  };
}

/** A new table's fixed parts: the index column, the remove column and the "添加一行" button. */
export function tableFrame(): { rows: DesignNode[]; children: DesignNode[] } {
  return {
    rows: [
      { id: newId(), name: 'c_index', schema: { type: 'void', 'x-component': 'ArrayTable.Column', 'x-component-props': { title: '序号', width: 60, align: 'center' }, properties: {} }, children: [{ id: newId(), name: 'index', schema: { type: 'void', 'x-component': 'ArrayTable.Index' } }] },
      { id: newId(), name: 'c_operations', schema: { type: 'void', 'x-component': 'ArrayTable.Column', 'x-component-props': { title: '操作', dataIndex: 'operations', width: 80 }, properties: {} }, children: [{ id: newId(), name: 'remove', schema: { type: 'void', 'x-component': 'ArrayTable.Remove' } }] },
    ],
    children: [{ id: newId(), name: 'addition', schema: { type: 'void', title: '添加一行', 'x-component': 'ArrayTable.Addition' } }],
  };
}

const LABELS = new Map<string, string>([['Input.TextArea', '多行文本'], ...PALETTE.map((p): [string, string] => [String(p.schema()['x-component']), p.label])]);

/** The Chinese name of a node's component, for the canvas and lists. */
export function componentLabel(schema: SchemaNode): string {
  const c = schema['x-component'];
  return (c && LABELS.get(c)) ?? c ?? '字段';
}
