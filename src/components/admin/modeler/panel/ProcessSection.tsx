/** Process-level settings: 流程编号 (key), name, 类别, 启动来源 (code:label pairs) and 归档材料. */
import { Button, Input, Select, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import React, { useEffect, useState } from 'react';
import { CommitInput, Row, Section } from './controls';
import { useDesigner, type ElementApi } from './context';

interface Source {
  code: string;
  label: string;
}

const parseSources = (v: string | undefined): Source[] =>
  (v ?? '')
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf(':');
      return i > 0 ? { code: pair.slice(0, i).trim(), label: pair.slice(i + 1).trim() } : { code: pair, label: pair };
    });

const formatSources = (list: Source[]) =>
  list
    .filter((s) => s.code.trim())
    .map((s) => `${s.code.trim()}:${(s.label || s.code).trim()}`)
    .join(';');

/** The 启动来源 list editor. */
function SourcesEditor({ value, onCommit }: { value: string | undefined; onCommit: (v: string | undefined) => void }) {
  const [rows, setRows] = useState<Source[]>(parseSources(value));
  useEffect(() => setRows(parseSources(value)), [value]);
  const commit = (next: Source[]) => {
    const text = formatSources(next);
    if (text !== (value ?? '')) onCommit(text || undefined);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={4}>
      {rows.map((s, i) => (
        <Space.Compact key={i} style={{ width: '100%' }}>
          <Input style={{ width: 90 }} value={s.code} placeholder="代码" aria-label={`启动来源${i + 1}代码`} onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, code: e.target.value } : r)))} onBlur={() => commit(rows)} />
          <Input value={s.label} placeholder="名称" aria-label={`启动来源${i + 1}名称`} onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, label: e.target.value } : r)))} onBlur={() => commit(rows)} />
          <Button icon={<DeleteOutlined />} aria-label="删除来源" onClick={() => commit(rows.filter((_, j) => j !== i))} />
        </Space.Compact>
      ))}
      <Button size="small" icon={<PlusOutlined />} onClick={() => setRows([...rows, { code: `S${rows.length + 1}`, label: '' }])}>
        添加来源
      </Button>
    </Space>
  );
}

/** Settings of the process itself (shown when nothing is selected). */
export default function ProcessSection({ api }: { api: ElementApi }) {
  const { isNew } = useDesigner();
  const materials = (api.attr('materials') ?? '').split(/[;；]/).map((s) => s.trim()).filter(Boolean);
  return (
    <Section title="流程设置">
      <Row label="流程编号" hint={isNew ? '字母开头，可含字母、数字和连字符；部署后不能再改' : '已部署的流程编号不能修改（修改即成为另一个流程）'}>
        <CommitInput
          value={api.bo.id}
          disabled={!isNew}
          ariaLabel="流程编号"
          onCommit={(t) => {
            if (/^[A-Za-z][\w-]*$/.test(t.trim())) api.update({ id: t.trim() });
          }}
        />
      </Row>
      <Row label="流程类别">
        <CommitInput
          value={api.attr('category')}
          onCommit={(t) => api.update({ 'duban:category': t.trim() || undefined })}
          ariaLabel="流程类别"
          options={['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'X5'].map((v) => ({ value: v }))}
          placeholder="如 P2"
        />
      </Row>
      <Row label="启动来源" hint="登记事项时可选的来源；网关可按来源代码判断">
        <SourcesEditor value={api.attr('startSources')} onCommit={(v) => api.update({ 'duban:startSources': v })} />
      </Row>
      <Row label="归档材料清单" hint="归档时应具备的材料">
        <Select
          mode="tags"
          value={materials}
          aria-label="归档材料清单"
          style={{ width: '100%' }}
          tokenSeparators={[';', '；']}
          onChange={(v: string[]) => api.update({ 'duban:materials': v.join(';') || undefined })}
        />
      </Row>
    </Section>
  );
}
