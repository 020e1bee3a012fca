/**
 * Linkage without code: rules 当「字段」「等于…」「值」时，「显示/隐藏/必填/只读」「字段」, with
 * conditions combined by 且/或, stored as data under the schema root's `x-duban-linkage`.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, InputNumber, List, Radio, Select, Space, Switch, Typography } from 'antd';
import React, { useState } from 'react';
import { describeRule, LINKAGE_ACTIONS, LINKAGE_OPERATORS, type LinkageCondition, type LinkageRule } from '../../../../forms/linkage';
import type { EnumOption } from '../../../../forms/types';
import type { DesignNode } from './model';

/** Props of the linkage editor. */
export interface LinkageEditorProps {
  rules: LinkageRule[];
  fields: DesignNode[];
  onChange: (rules: LinkageRule[]) => void;
}

const blank = (): LinkageRule => ({ conditions: [{ field: '', operator: 'eq' }], combine: 'and', action: 'show', fields: [] });

function ValueInput({ field, value, onChange }: { field: DesignNode | undefined; value: LinkageCondition['value']; onChange: (v: LinkageCondition['value']) => void }) {
  const options = Array.isArray(field?.schema.enum) ? (field!.schema.enum as EnumOption[]) : undefined;
  if (options) {
    return <Select size="small" style={{ minWidth: 120 }} value={value as string} aria-label="条件的值" options={options.map((o) => ({ value: o.value as string, label: o.label }))} onChange={onChange} />;
  }
  if (field?.schema.type === 'number') return <InputNumber size="small" value={value as number} aria-label="条件的值" onChange={(v) => onChange(v ?? undefined)} />;
  if (field?.schema.type === 'boolean') return <Switch size="small" checked={value === true} aria-label="条件的值" onChange={onChange} />;
  return <Input size="small" style={{ width: 140 }} value={value === undefined ? '' : String(value)} aria-label="条件的值" onChange={(e) => onChange(e.target.value)} />;
}

/** The form's rules as sentences, and a small form to add or change one. */
export default function LinkageEditor({ rules, fields, onChange }: LinkageEditorProps) {
  const [editing, setEditing] = useState<{ index: number; rule: LinkageRule } | null>(null);
  const titleOf = (n: string) => fields.find((f) => f.name === n)?.schema.title ?? n;
  const fieldOptions = fields.map((f) => ({ value: f.name, label: f.schema.title ?? f.name }));
  const rule = editing?.rule;
  const set = (patch: Partial<LinkageRule>) => setEditing((e) => e && { ...e, rule: { ...e.rule, ...patch } });
  const setCondition = (i: number, patch: Partial<LinkageCondition>) =>
    rule && set({ conditions: rule.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const complete =
    rule &&
    rule.fields.length > 0 &&
    rule.conditions.length > 0 &&
    rule.conditions.every((c) => c.field && (!LINKAGE_OPERATORS.find((o) => o.value === c.operator)?.needsValue || (c.value !== undefined && c.value !== '')));
  return (
    <div data-testid="linkage-editor">
      <List
        size="small"
        dataSource={rules}
        locale={{ emptyText: '还没有联动规则' }}
        renderItem={(r, i) => (
          <List.Item
            actions={[
              <a key="e" onClick={() => setEditing({ index: i, rule: structuredClone(r) })}>
                修改
              </a>,
              <Button key="d" size="small" type="text" icon={<DeleteOutlined />} aria-label="删除联动规则" onClick={() => onChange(rules.filter((_x, j) => j !== i))} />,
            ]}
          >
            <span className="duban-linkage-rule">{describeRule(r, titleOf)}</span>
          </List.Item>
        )}
      />
      {!editing && (
        <Button icon={<PlusOutlined />} onClick={() => setEditing({ index: rules.length, rule: blank() })}>
          添加联动规则
        </Button>
      )}
      {rule && (
        <Card size="small" title="联动规则" data-testid="linkage-rule-form">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text>当以下条件</Typography.Text>
              <Radio.Group size="small" value={rule.combine ?? 'and'} onChange={(e) => set({ combine: e.target.value })}>
                <Radio.Button value="and">全部满足（且）</Radio.Button>
                <Radio.Button value="or">任一满足（或）</Radio.Button>
              </Radio.Group>
            </Space>
            {rule.conditions.map((c, i) => {
              const op = LINKAGE_OPERATORS.find((o) => o.value === c.operator);
              return (
                <Space key={i} wrap data-testid={`linkage-condition-${i}`}>
                  <Select size="small" style={{ minWidth: 130 }} placeholder="字段" value={c.field || undefined} aria-label="条件字段" options={fieldOptions} onChange={(field) => setCondition(i, { field, value: undefined })} />
                  <Select size="small" style={{ width: 90 }} value={c.operator} aria-label="比较方式" options={LINKAGE_OPERATORS.map((o) => ({ value: o.value, label: o.label }))} onChange={(operator) => setCondition(i, { operator })} />
                  {op?.needsValue && <ValueInput field={fields.find((f) => f.name === c.field)} value={c.value} onChange={(value) => setCondition(i, { value })} />}
                  {rule.conditions.length > 1 && <Button size="small" type="text" icon={<DeleteOutlined />} aria-label="删除条件" onClick={() => set({ conditions: rule.conditions.filter((_x, j) => j !== i) })} />}
                </Space>
              );
            })}
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => set({ conditions: [...rule.conditions, { field: '', operator: 'eq' }] })}>
              添加条件
            </Button>
            <Space wrap>
              <Typography.Text>时，</Typography.Text>
              <Select size="small" style={{ width: 90 }} value={rule.action} aria-label="动作" options={LINKAGE_ACTIONS} onChange={(action) => set({ action })} />
              <Select size="small" mode="multiple" style={{ minWidth: 180 }} placeholder="目标字段" value={rule.fields} aria-label="目标字段" options={fieldOptions} onChange={(targets) => set({ fields: targets })} />
            </Space>
            {complete && <Typography.Text type="secondary">{describeRule(rule, titleOf)}</Typography.Text>}
            <Space>
              <Button
                type="primary"
                size="small"
                disabled={!complete}
                onClick={() => {
                  const next = [...rules];
                  next[editing!.index] = rule;
                  onChange(next);
                  setEditing(null);
                }}
              >
                保存规则
              </Button>
              <Button size="small" onClick={() => setEditing(null)}>
                取消
              </Button>
            </Space>
          </Space>
        </Card>
      )}
    </div>
  );
}
