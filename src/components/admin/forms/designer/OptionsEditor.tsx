/** The options of a 单选/下拉/多选 field as a table; lines pasted from Excel become options. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space, Table } from 'antd';
import React, { useState } from 'react';
import type { EnumOption } from '../../../../forms/types';

/** Options from pasted lines: "名称" or "名称<Tab>值" per line (Excel copies cells with tabs). */
export function optionsFromText(text: string): EnumOption[] {
  const seen = new Set<string>();
  const out: EnumOption[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [label, value] = line.split('\t').map((c) => c.trim());
    if (!label) continue;
    const v = value || label;
    if (seen.has(v)) continue;
    seen.add(v);
    out.push({ label, value: v });
  }
  return out;
}

/** Props of the options editor. */
export interface OptionsEditorProps {
  value: EnumOption[];
  onChange: (options: EnumOption[]) => void;
}

/** Table of { 名称, 值 } rows with add, remove and paste. */
export default function OptionsEditor({ value, onChange }: OptionsEditorProps) {
  const [paste, setPaste] = useState('');
  const set = (i: number, patch: Partial<EnumOption>) => onChange(value.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <div data-testid="options-editor">
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={value}
        columns={[
          { title: '名称', render: (_: unknown, o, i) => <Input size="small" value={o.label} aria-label={`选项${i + 1}名称`} onChange={(e) => set(i, { label: e.target.value })} /> },
          { title: '值', render: (_: unknown, o, i) => <Input size="small" value={String(o.value)} aria-label={`选项${i + 1}的值`} onChange={(e) => set(i, { value: e.target.value })} /> },
          { title: '', width: 36, render: (_: unknown, _o, i) => <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`删除选项${i + 1}`} onClick={() => onChange(value.filter((_x, j) => j !== i))} /> },
        ]}
      />
      <Space.Compact style={{ width: '100%', marginTop: 6 }}>
        <Button icon={<PlusOutlined />} onClick={() => onChange([...value, { label: `选项${value.length + 1}`, value: `选项${value.length + 1}` }])}>
          添加选项
        </Button>
      </Space.Compact>
      <Input.TextArea
        style={{ marginTop: 6 }}
        rows={2}
        value={paste}
        placeholder="从 Excel 复制一列（或“名称、值”两列）粘贴到这里，每行一个选项"
        aria-label="粘贴选项"
        onChange={(e) => setPaste(e.target.value)}
      />
      <Button
        size="small"
        style={{ marginTop: 4 }}
        disabled={!paste.trim()}
        onClick={() => {
          onChange(optionsFromText(paste));
          setPaste('');
        }}
      >
        用粘贴的内容替换选项
      </Button>
    </div>
  );
}
