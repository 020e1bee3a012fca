/** 调用子流程: which deployed process is started (e.g. 承办单位办理) and the variables passed to and from it. */
import { Select } from 'antd';
import React from 'react';
import { Row, Section } from './controls';
import { useDesigner, type ElementApi } from './context';
import { useProcessVariables } from './variables';

const splitList = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** The called process and its in/out variables. */
export default function CallActivitySection({ api, version }: { api: ElementApi; version: number }) {
  const { definitions } = useDesigner();
  const { fields } = useProcessVariables(version);
  const called: string | undefined = api.bo.calledElement || undefined;
  const varOptions = fields.map((f) => ({ value: f.name, label: `${f.title || f.name}（${f.name}）` }));
  return (
    <Section title="调用子流程">
      <Row label="被调用的流程" hint="每次执行时启动该流程的一个实例，办完后继续">
        <Select
          value={called}
          aria-label="被调用流程"
          placeholder="选择流程"
          showSearch
          optionFilterProp="label"
          style={{ width: '100%' }}
          onChange={(v: string) => api.update({ calledElement: v })}
          options={definitions.map((d) => ({ value: d.key, label: `${d.name}（${d.key}）` }))}
        />
      </Row>
      <Row label="传入子流程的变量">
        <Select mode="tags" value={splitList(api.attr('in'))} aria-label="传入变量" style={{ width: '100%' }} options={varOptions} onChange={(v: string[]) => api.update({ 'duban:in': v.join(',') || undefined })} />
      </Row>
      <Row label="子流程办完后带回的变量">
        <Select mode="tags" value={splitList(api.attr('out'))} aria-label="传回变量" style={{ width: '100%' }} options={varOptions} onChange={(v: string[]) => api.update({ 'duban:out': v.join(',') || undefined })} />
      </Row>
    </Section>
  );
}
