/** 办理人 of a user task: a role (R1–R15, optionally narrowed), a unit, a unit's liaison or one person, picked from the directory or given as an expression. */
import { type SelectProps, Alert, Button, Radio, Select, Switch } from 'antd';
import React, { useState } from 'react';
import { ASSIGNEE_KINDS, readAssignee, writeAssignee, type AssigneeKind } from '../model/assignment';
import { CommitInput, FeelInput, Row, Section } from './controls';
import { useDesigner, type ElementApi } from './context';

const EXPRESSION_HINTS: Record<AssigneeKind, string[]> = {
  role: [],
  unit: ['=unit', '=leadUnit'],
  liaison: ['=unit', '=leadUnit'],
  assignee: ['=initiator'],
};

/** The 办理人 settings of a user task. */
export default function AssigneeSection({ api }: { api: ElementApi }) {
  const { directory } = useDesigner();
  const [pending, setPending] = useState<AssigneeKind | null>(null);
  const stored = readAssignee({
    role: api.attr('role'),
    unit: api.attr('unit'),
    liaison: api.attr('liaison'),
    assignee: api.attr('assignee'),
    roleScope: api.attr('roleScope'),
  });
  // A kind chosen but not yet given a value is shown until a value is picked.
  const current = { ...stored, kind: stored.kind ?? pending };
  const set = (kind: AssigneeKind | null, value: string, scope?: string) => api.update(writeAssignee({ kind, value, scope }));
  const isExpression = current.value.startsWith('=');
  const roles = directory.roles.filter((r) => /^R\d+$/.test(r.id));
  const unitOptions = ['office', 'department', 'township'].map((kind) => ({
    label: { office: '县政府及办公室', department: '县直部门', township: '乡镇' }[kind],
    options: directory.units.filter((u) => u.kind === kind).map((u) => ({ value: u.id, label: u.name })),
  }));
  const scopes = [...new Set(directory.roles.flatMap((r) => r.holders.map((h) => h.scope).filter((s): s is string => !!s)))];

  let picker: React.ReactNode = null;
  if (current.kind && isExpression) {
    picker = <FeelInput value={current.value} onCommit={(t) => set(current.kind, t, current.scope)} ariaLabel="办理人表达式" placeholder={EXPRESSION_HINTS[current.kind][0] ?? '=表达式'} />;
  } else if (current.kind) {
    const kind = current.kind;
    const choose = (placeholder: string, label: string, options: SelectProps['options']) => (
      <Select
        value={current.value || undefined}
        placeholder={placeholder}
        aria-label={label}
        showSearch
        optionFilterProp="label"
        style={{ width: '100%' }}
        // A role keeps its scope (e.g. the 分管副县长 of a domain); other kinds have none.
        onChange={(v) => set(kind, v, kind === 'role' ? current.scope : undefined)}
        options={options}
      />
    );
    if (kind === 'role') picker = choose('选择角色', '办理角色', roles.map((r) => ({ value: r.id, label: `${r.id} ${r.name}（${r.holders.length} 人）` })));
    else if (kind === 'unit' || kind === 'liaison') picker = choose('选择单位', kind === 'unit' ? '办理单位' : '联系单位', unitOptions);
    else if (kind === 'assignee') picker = choose('选择人员', '办理人员', directory.people.map((p) => ({ value: p.id, label: `${p.name}（${p.unitName} ${p.title}）` })));
  }

  return (
    <Section
      title="办理人"
      extra={
        current.kind ? (
          <Button size="small" type="link" danger onClick={() => set(null, '')}>
            清除办理人
          </Button>
        ) : null
      }
    >
      {current.conflicting.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} message={`同时设置了${current.conflicting.map((k) => ASSIGNEE_KINDS.find((x) => x.value === k)!.label).join('、')}，只能保留一种；请重新选择`} />
      )}
      {!stored.kind && <Alert type="error" showIcon style={{ marginBottom: 8 }} message="未指定办理人，流程不能部署" />}
      <Row label="办理人类型" hint={current.kind ? ASSIGNEE_KINDS.find((k) => k.value === current.kind)!.help : undefined}>
        <Radio.Group
          size="small"
          optionType="button"
          value={current.kind}
          aria-label="办理人类型"
          onChange={(e) => {
            setPending(e.target.value);
            set(null, '');
          }}
          options={ASSIGNEE_KINDS.map((k) => ({ value: k.value, label: k.label }))}
        />
      </Row>
      {current.kind && (
        <Row label={isExpression ? '表达式' : '选择'}>
          {picker}
          <div style={{ marginTop: 6 }}>
            <Switch
              size="small"
              checked={isExpression}
              onChange={(on) => set(current.kind, on ? EXPRESSION_HINTS[current.kind!][0] ?? '=' : '', current.scope)}
            />{' '}
            <span className="duban-panel-hint">按表达式确定（如按事项的承办单位）</span>
          </div>
        </Row>
      )}
      {current.kind === 'role' && (
        <Row label="角色范围（可选）" hint="只由分管某领域的人员办理，例如按事项的领域“=domain”">
          <CommitInput
            value={current.scope}
            onCommit={(t) => set('role', current.value, t)}
            placeholder="不限"
            ariaLabel="角色范围"
            options={[{ value: '=domain' }, ...scopes.map((s) => ({ value: s }))]}
          />
        </Row>
      )}
    </Section>
  );
}
