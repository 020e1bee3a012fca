/**
 * The condition of a flow leaving a gateway: 默认流, a simple builder (字段 · 比较 · 值 →
 * FEEL) or raw FEEL as the advanced fallback. Also the gateway's default flow choice.
 */
import { Alert, Input, InputNumber, Select, Space, Switch, Tabs } from 'antd';
import React, { useEffect, useState } from 'react';
import { CONDITION_OPERATORS, formatCondition, parseCondition, type ConditionOperator, type SimpleCondition } from '../model/condition';
import { FeelInput, Row, Section } from './controls';
import { isType, type ElementApi, type FormField } from './context';
import { useProcessVariables } from './variables';

function ValueInput({ field, value, onChange }: { field?: FormField; value: SimpleCondition['value']; onChange: (v: SimpleCondition['value']) => void }) {
  if (field?.type === 'boolean' || typeof value === 'boolean') {
    return (
      <Select
        value={value === undefined ? undefined : String(value)}
        aria-label="条件值"
        style={{ width: '100%' }}
        placeholder="选择"
        onChange={(v) => onChange(v === 'true')}
        options={[
          { value: 'true', label: '是' },
          { value: 'false', label: '否' },
        ]}
      />
    );
  }
  if (field?.enum?.length) {
    return (
      <Select
        value={value as string}
        aria-label="条件值"
        style={{ width: '100%' }}
        placeholder="选择"
        onChange={onChange}
        options={field.enum.map((o) => ({ value: o.value as string, label: o.label }))}
      />
    );
  }
  if (field?.type === 'number' || typeof value === 'number') {
    return <InputNumber value={value as number} aria-label="条件值" style={{ width: '100%' }} onChange={(n) => onChange(typeof n === 'number' ? n : undefined)} />;
  }
  return <Input value={value as string} aria-label="条件值" placeholder="值" onChange={(e) => onChange(e.target.value)} />;
}

/** The simple condition builder; writes FEEL whenever the condition is complete. */
function Builder({ initial, onChange, version }: { initial: SimpleCondition | null; onChange: (feel: string) => void; version: number }) {
  const { fields, outcomes } = useProcessVariables(version);
  const [c, setC] = useState<SimpleCondition>(initial ?? { field: 'outcome', operator: '=' });
  useEffect(() => {
    if (initial) setC(initial);
  }, [initial?.field, initial?.operator, initial?.value]);
  const all: FormField[] = [{ name: 'outcome', title: '办理结果', type: 'string', enum: outcomes.map((o) => ({ label: o, value: o })) }, ...fields];
  const field = all.find((f) => f.name === c.field);
  const update = (next: SimpleCondition) => {
    setC(next);
    const feel = formatCondition(next);
    if (feel) onChange(feel);
  };
  const needsValue = c.operator !== 'empty' && c.operator !== 'notEmpty';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={6}>
      <Select
        value={c.field}
        aria-label="条件字段"
        showSearch
        optionFilterProp="label"
        style={{ width: '100%' }}
        onChange={(v) => update({ field: v, operator: c.operator, value: undefined })}
        options={all.map((f) => ({ value: f.name, label: `${f.title || f.name}（${f.name}）` }))}
      />
      <Select
        value={c.operator}
        aria-label="比较方式"
        style={{ width: '100%' }}
        onChange={(op: ConditionOperator) => update({ ...c, operator: op })}
        options={CONDITION_OPERATORS}
      />
      {needsValue && <ValueInput field={field} value={c.value} onChange={(v) => update({ ...c, value: v })} />}
    </Space>
  );
}

/** Settings of a sequence flow: default flow and condition. */
export function FlowConditionSection({ api, version }: { api: ElementApi; version: number }) {
  const source = api.element.source;
  const gateway = source?.businessObject;
  const branching = isType(gateway, 'bpmn:ExclusiveGateway') || isType(gateway, 'bpmn:InclusiveGateway');
  const conditional = branching || (isType(gateway, 'bpmn:Activity') && !!api.bo.conditionExpression);
  const body: string = api.bo.conditionExpression?.body ?? '';
  const parsed = parseCondition(body);
  const [tab, setTab] = useState<'simple' | 'advanced'>(body && !parsed ? 'advanced' : 'simple');
  useEffect(() => setTab(body && !parsed ? 'advanced' : 'simple'), [api.element.id]);
  if (!conditional) return null;
  const isDefault = !!gateway && gateway.default === api.bo;
  const setCondition = (feel: string | undefined) =>
    api.update({ conditionExpression: feel ? api.create('bpmn:FormalExpression', { body: feel }) : undefined });
  const setDefault = (on: boolean) => {
    if (!source) return;
    if (on) {
      setCondition(undefined);
      api.updateElement(source, { default: api.bo });
    } else api.updateElement(source, { default: undefined });
  };
  return (
    <Section title="走向条件">
      {branching && (
        <Row label="默认流" hint="其他连线条件都不满足时走这条线；默认流不设条件">
          <Switch checked={isDefault} onChange={setDefault} aria-label="设为默认流" />
        </Row>
      )}
      {!isDefault && (
        <Tabs
          size="small"
          activeKey={tab}
          onChange={(k) => setTab(k as 'simple' | 'advanced')}
          items={[
            {
              key: 'simple',
              label: '简单条件',
              children: (
                <>
                  {body && !parsed && <Alert type="info" showIcon style={{ marginBottom: 8 }} message="当前条件较复杂，请在“表达式（高级）”中查看；在此设置将替换它" />}
                  <Builder initial={parsed} onChange={setCondition} version={version} />
                  {body && <div className="duban-panel-hint" style={{ marginTop: 6 }}>表达式：{body}</div>}
                </>
              ),
            },
            {
              key: 'advanced',
              label: '表达式（高级）',
              children: (
                <Row label="FEEL 表达式" hint="例：=outcome = &quot;通过&quot; and needVerify = true">
                  <FeelInput value={body} onCommit={(t) => setCondition(t || undefined)} ariaLabel="条件表达式" multiline />
                </Row>
              ),
            },
          ]}
        />
      )}
      {branching && !isDefault && !body && <Alert type="warning" showIcon message="这条线没有条件：请设置条件或设为默认流" />}
    </Section>
  );
}

/** Settings of an exclusive / inclusive gateway: which outgoing flow is the default. */
export function GatewaySection({ api }: { api: ElementApi }) {
  const outgoing = (api.element.outgoing ?? []).filter((c) => c.type === 'bpmn:SequenceFlow');
  if (!(isType(api.bo, 'bpmn:ExclusiveGateway') || isType(api.bo, 'bpmn:InclusiveGateway')) || outgoing.length < 2) return null;
  const label = (c: any) => `${c.businessObject.name || '（未命名连线）'} → ${c.target?.businessObject?.name || c.target?.id}`;
  return (
    <Section title="默认走向">
      <Row label="默认流" hint="各条件都不满足时走这条线">
        <Select
          value={api.bo.default?.id}
          allowClear
          placeholder="无默认流"
          aria-label="默认流"
          style={{ width: '100%' }}
          onChange={(id?: string) => {
            const flow = outgoing.find((c) => c.id === id);
            if (flow) api.update({ default: flow.businessObject });
            else api.update({ default: undefined });
            if (flow?.businessObject.conditionExpression) api.updateElement(flow, { conditionExpression: undefined });
          }}
          options={outgoing.map((c) => ({ value: c.id, label: label(c) }))}
        />
      </Row>
    </Section>
  );
}
