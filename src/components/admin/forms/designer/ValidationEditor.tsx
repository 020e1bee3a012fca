/**
 * Validation without code: presets (长度, 范围, 手机号, 身份证号, 统一社会信用代码, 邮箱) and
 * Duban's named rules (requiredWhen, afterField, sumOf, leadUnitOf) as small forms with field
 * pickers; each writes one `x-validator` entry with a Chinese message the person may edit.
 */
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, List, Select, Space, Typography } from 'antd';
import React, { useState } from 'react';
import type { SchemaNode, ValidatorDescription } from '../../../../forms/types';

/** A field the pickers offer. */
export interface PickField {
  name: string;
  title: string;
}

/** Kinds of rules the editor adds. */
type Kind = 'length' | 'range' | 'phone' | 'idcard' | 'credit' | 'email' | 'requiredWhen' | 'afterField' | 'sumOf' | 'leadUnitOf';

const KINDS: { value: Kind; label: string }[] = [
  { value: 'length', label: '长度' },
  { value: 'range', label: '数值范围' },
  { value: 'phone', label: '手机号' },
  { value: 'idcard', label: '身份证号' },
  { value: 'credit', label: '统一社会信用代码' },
  { value: 'email', label: '邮箱' },
  { value: 'requiredWhen', label: '某字段为某值时必填' },
  { value: 'afterField', label: '日期晚于另一日期' },
  { value: 'sumOf', label: '表格某列合计等于' },
  { value: 'leadUnitOf', label: '牵头单位须在所列单位中' },
];

/** The pattern of 统一社会信用代码 (GB 32100-2015: 18 characters, no I, O, S, V, Z). */
export const CREDIT_CODE_PATTERN = '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$';

/** A Chinese reading of one validator entry. */
export function describeValidator(v: ValidatorDescription, titleOf: (name: string) => string): string {
  if (typeof v === 'string') return `格式：${v}`;
  if (v.format === 'phone') return '手机号';
  if (v.format === 'idcard') return '身份证号';
  if (v.format === 'email') return '邮箱';
  if (v.pattern === CREDIT_CODE_PATTERN) return '统一社会信用代码';
  if ('minLength' in v || 'maxLength' in v) return `长度 ${v.minLength ?? 0}～${v.maxLength ?? '不限'}`;
  if ('minimum' in v || 'maximum' in v) return `范围 ${v.minimum ?? '不限'}～${v.maximum ?? '不限'}`;
  if (v.requiredWhen) {
    const s = v.requiredWhen as { field?: string; in?: unknown[] };
    return `当“${titleOf(String(s.field))}”为 ${(s.in ?? []).join('、')} 时必填`;
  }
  if (v.afterField) return `晚于“${titleOf(String(v.afterField))}”${v.allowEqual ? '（可同日）' : ''}`;
  if (v.sumOf) return `“${String(v.sumOf)}”列合计等于 ${String(v.equals)}`;
  if (v.leadUnitOf) return `须为“${titleOf(String(v.leadUnitOf))}”所列单位之一`;
  return Object.keys(v).filter((k) => k !== 'message').join('、');
}

interface Draft {
  kind: Kind;
  a?: number;
  b?: number;
  field?: string;
  values?: string[];
  column?: string;
  equals?: number;
  message?: string;
}

function defaultMessage(d: Draft, title: string, titleOf: (n: string) => string): string {
  switch (d.kind) {
    case 'length':
      return `“${title}”应为${d.a ?? 0}～${d.b ?? '任意'}个字`;
    case 'range':
      return `“${title}”应在${d.a ?? '不限'}～${d.b ?? '不限'}之间`;
    case 'phone':
      return `“${title}”不是有效的手机号`;
    case 'idcard':
      return `“${title}”不是有效的身份证号`;
    case 'credit':
      return `“${title}”不是有效的统一社会信用代码`;
    case 'email':
      return `“${title}”不是有效的邮箱地址`;
    case 'requiredWhen':
      return `“${titleOf(d.field ?? '')}”为${(d.values ?? []).join('、')}时须填写“${title}”`;
    case 'afterField':
      return `“${title}”应晚于“${titleOf(d.field ?? '')}”`;
    case 'sumOf':
      return `“${title}”的合计应等于${d.equals ?? 0}`;
    case 'leadUnitOf':
      return `“${title}”须为所列单位之一`;
  }
}

function toEntry(d: Draft, message: string): ValidatorDescription | null {
  switch (d.kind) {
    case 'length':
      return { ...(d.a !== undefined ? { minLength: d.a } : {}), ...(d.b !== undefined ? { maxLength: d.b } : {}), message };
    case 'range':
      return { ...(d.a !== undefined ? { minimum: d.a } : {}), ...(d.b !== undefined ? { maximum: d.b } : {}), message };
    case 'phone':
      return { format: 'phone', message };
    case 'idcard':
      return { format: 'idcard', message };
    case 'credit':
      return { pattern: CREDIT_CODE_PATTERN, message };
    case 'email':
      return { format: 'email', message };
    case 'requiredWhen':
      return d.field && d.values?.length ? { requiredWhen: { field: d.field, in: d.values }, message } : null;
    case 'afterField':
      return d.field ? { afterField: d.field, message } : null;
    case 'sumOf':
      return d.column && d.equals !== undefined ? { sumOf: d.column, equals: d.equals, message } : null;
    case 'leadUnitOf':
      return d.field ? { leadUnitOf: d.field, message } : null;
  }
}

/** Props of the validation editor. */
export interface ValidationEditorProps {
  node: SchemaNode;
  fields: PickField[];
  /** Columns of the field when it is a table. */
  columns: PickField[];
  onChange: (validators: ValidatorDescription[] | undefined) => void;
}

/** The field's rules as a list, and a small form to add one. */
export default function ValidationEditor({ node, fields, columns, onChange }: ValidationEditorProps) {
  const raw = node['x-validator'];
  const list: ValidatorDescription[] = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const [draft, setDraft] = useState<Draft | null>(null);
  const titleOf = (n: string) => fields.find((f) => f.name === n)?.title ?? n;
  const title = node.title ?? '';
  const message = draft ? (draft.message ?? defaultMessage(draft, title, titleOf)) : '';
  const entry = draft ? toEntry(draft, message) : null;
  const fieldPicker = (
    <Select
      size="small"
      style={{ width: '100%' }}
      placeholder="选择字段"
      value={draft?.field}
      aria-label="规则引用的字段"
      options={fields.map((f) => ({ value: f.name, label: f.title }))}
      onChange={(field) => setDraft((d) => d && { ...d, field })}
    />
  );
  return (
    <div data-testid="validation-editor">
      <List
        size="small"
        dataSource={list}
        locale={{ emptyText: '无校验规则' }}
        renderItem={(v, i) => (
          <List.Item actions={[<Button key="d" size="small" type="text" icon={<DeleteOutlined />} aria-label="删除规则" onClick={() => onChange(list.length > 1 ? list.filter((_x, j) => j !== i) : undefined)} />]}>
            <Space direction="vertical" size={0}>
              <span>{describeValidator(v, titleOf)}</span>
              {typeof v === 'object' && v.message && <Typography.Text type="secondary">提示：{v.message}</Typography.Text>}
            </Space>
          </List.Item>
        )}
      />
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          size="small"
          style={{ width: '100%' }}
          placeholder="添加校验规则"
          value={draft?.kind}
          aria-label="校验规则类型"
          options={KINDS}
          onChange={(kind: Kind) => setDraft({ kind })}
        />
        {draft && (draft.kind === 'length' || draft.kind === 'range') && (
          <Space>
            <InputNumber size="small" placeholder="最小" value={draft.a} onChange={(a) => setDraft({ ...draft, a: a ?? undefined, message: undefined })} />
            <span>～</span>
            <InputNumber size="small" placeholder="最大" value={draft.b} onChange={(b) => setDraft({ ...draft, b: b ?? undefined, message: undefined })} />
          </Space>
        )}
        {draft && (draft.kind === 'requiredWhen' || draft.kind === 'afterField' || draft.kind === 'leadUnitOf') && fieldPicker}
        {draft?.kind === 'requiredWhen' && (
          <Select size="small" mode="tags" style={{ width: '100%' }} placeholder="取值（可多个）" value={draft.values} onChange={(values) => setDraft({ ...draft, values, message: undefined })} />
        )}
        {draft?.kind === 'sumOf' && (
          <Space>
            <Select size="small" style={{ width: 140 }} placeholder="列" value={draft.column} options={columns.map((c) => ({ value: c.name, label: c.title }))} onChange={(column) => setDraft({ ...draft, column })} />
            <InputNumber size="small" placeholder="合计" value={draft.equals} onChange={(equals) => setDraft({ ...draft, equals: equals ?? undefined, message: undefined })} />
          </Space>
        )}
        {draft && <Input size="small" value={message} aria-label="校验提示" onChange={(e) => setDraft({ ...draft, message: e.target.value })} />}
        {draft && (
          <Space>
            <Button
              size="small"
              type="primary"
              disabled={!entry}
              onClick={() => {
                if (!entry) return;
                onChange([...list, entry]);
                setDraft(null);
              }}
            >
              添加规则
            </Button>
            <Button size="small" onClick={() => setDraft(null)}>
              取消
            </Button>
          </Space>
        )}
      </Space>
    </div>
  );
}
