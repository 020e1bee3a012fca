/** 服务动作 of a service task: what the server does (编号, 用印, 通知, 生成公文, 归档, 评分) and its settings (文种, 印章, 模板, 通知对象, 归档材料, 结果变量). */
import { Alert, Select, Switch } from 'antd';
import React from 'react';
import { NUMBERED_DOCUMENTS } from '@/forms/lint/rules/document-doc-no';
import { SCORING_STAGES } from '@/engine/vocabulary';
import { SEALS, SERVICE_ACTIONS } from '../model/labels';
import { CommitInput, FeelInput, Row, Section } from './controls';
import { useDesigner, type ElementApi } from './context';

const splitList = (v: string | undefined, sep: RegExp) => (v ?? '').split(sep).map((s) => s.trim()).filter(Boolean);

/** The service action settings of a service task. */
export default function ServiceSection({ api }: { api: ElementApi }) {
  const { forms, directory } = useDesigner();
  const action = api.attr('action');
  const set = (name: string) => (v: string | undefined) => api.update({ [`duban:${name}`]: v || undefined });
  const notifyTo = api.attr('notifyTo');
  const notifyExpression = !!notifyTo?.startsWith('=');
  const roles = directory.roles.filter((r) => /^R\d+$/.test(r.id));
  const help = SERVICE_ACTIONS.find((a) => a.value === action)?.help;
  return (
    <Section title="服务动作">
      <Row label="系统自动执行" hint={help}>
        <Select
          value={action}
          placeholder="选择动作"
          aria-label="服务动作"
          style={{ width: '100%' }}
          onChange={(v: string) => api.update({ 'duban:action': v })}
          options={SERVICE_ACTIONS.map((a) => ({ value: a.value, label: a.label }))}
        />
      </Row>
      {!action && <Alert type="error" showIcon message="未选择服务动作，流程不能部署" />}
      {(action === 'number' || action === 'document') && (
        <Row label="文种">
          <Select
            value={api.attr('docType')}
            aria-label="文种"
            placeholder="选择文种"
            allowClear
            style={{ width: '100%' }}
            onChange={set('docType')}
            options={NUMBERED_DOCUMENTS.map((d) => ({ value: d, label: d }))}
          />
        </Row>
      )}
      {action === 'seal' && (
        <Row label="印章">
          <Select value={api.attr('seal')} aria-label="印章" placeholder="选择印章" style={{ width: '100%' }} onChange={set('seal')} options={SEALS} />
        </Row>
      )}
      {(action === 'document' || action === 'notify') && (
        <Row label={action === 'document' ? '公文模板' : '随通知发送的公文（可选）'}>
          <Select
            value={api.attr('template')}
            aria-label="公文模板"
            placeholder="选择表单模板"
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: '100%' }}
            onChange={set('template')}
            options={forms.map((f) => ({ value: f.key, label: `${f.name}（${f.key}）` }))}
          />
        </Row>
      )}
      {action === 'notify' && (
        <Row label="通知对象">
          {notifyExpression ? (
            <FeelInput value={notifyTo} onCommit={set('notifyTo')} ariaLabel="通知对象表达式" placeholder="=units" />
          ) : (
            <Select
              mode="multiple"
              value={splitList(notifyTo, /,/)}
              aria-label="通知角色"
              placeholder="选择角色"
              style={{ width: '100%' }}
              onChange={(v: string[]) => set('notifyTo')(v.join(','))}
              options={roles.map((r) => ({ value: r.id, label: `${r.id} ${r.name}` }))}
            />
          )}
          <div style={{ marginTop: 6 }}>
            <Switch size="small" checked={notifyExpression} onChange={(on) => set('notifyTo')(on ? '=units' : undefined)} />{' '}
            <span className="duban-panel-hint">按表达式确定（如事项的承办单位“=units”）</span>
          </div>
        </Row>
      )}
      {action === 'score' && (
        <Row label="计分阶段" hint="不选时记录本事项的考核事件（如督办令各承办单位是否落实）">
          <Select
            value={api.attr('scoring')}
            allowClear
            aria-label="计分阶段"
            placeholder="记录本事项的考核事件"
            style={{ width: '100%' }}
            onChange={(v: string | undefined) => set('scoring')(v)}
            options={Object.entries(SCORING_STAGES).map(([value, label]) => ({ value, label }))}
          />
        </Row>
      )}
      {action === 'archive' && (
        <Row label="归档材料" hint="归档时检查这些材料是否齐全">
          <Select
            mode="tags"
            value={splitList(api.attr('materials'), /[;；]/)}
            aria-label="归档材料"
            style={{ width: '100%' }}
            tokenSeparators={[';', '；']}
            onChange={(v: string[]) => set('materials')(v.join(';'))}
          />
        </Row>
      )}
      {action && (
        <Row label="结果保存到变量（可选）" hint={action === 'number' ? '如 letterNo：保存生成的文号，供表单和公文使用' : '供后续环节和网关使用'}>
          <CommitInput value={api.attr('resultVariable')} onCommit={(t) => set('resultVariable')(t.trim())} ariaLabel="结果变量" placeholder="变量名" />
        </Row>
      )}
    </Section>
  );
}
