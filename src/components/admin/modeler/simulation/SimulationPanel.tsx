/**
 * 模拟: pick a start date and sample variables, run the diagram in the browser with
 * the real engine on the real calendar (administrator overrides included), every
 * task completed with its first outcome, and list each step with its due date.
 */
import { Alert, Button, DatePicker, Form, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import React, { useMemo, useState } from 'react';
import { parseDefinition } from '@/engine/definition';
import type { Assignment, ProcessModel } from '@/engine/types';
import { calendarEntries, getDefinition } from '../../api';
import { useDesigner } from '../panel/context';
import { calendarFromEntries, localDate, simulate, type SimStep, type SimulationResult } from './simulate';

const WEEKDAYS = '日一二三四五六';

/** Sample variables for a process: registration data plus two units of the directory. */
export function sampleVariables(startSources: string | undefined, units: { id: string }[], date: string): Record<string, unknown> {
  const source = (startSources ?? '').split(/[;；]/)[0]?.split(':')[0]?.trim();
  const picked = units.slice(0, 2).map((u) => u.id);
  return {
    title: '模拟事项',
    ...(source ? { source } : {}),
    units: picked,
    leadUnit: picked[0],
    receivedDate: date,
    assignedDate: date,
  };
}

/** Loads the models the current diagram needs: itself plus every process it calls (latest deployed versions). */
async function loadModels(xml: string, formKeys: string[]): Promise<{ models: ProcessModel[]; errors: string[] }> {
  const { models, problems } = await parseDefinition(xml, { formKeys });
  const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.elementName ?? p.elementId}：${p.message}`);
  if (errors.length) return { models: [], errors };
  const all = new Map(models.map((m) => [m.key, m]));
  const queue = models.flatMap((m) => Object.values(m.elements).map((e) => e.calledElement).filter((k): k is string => !!k && !k.startsWith('=')));
  while (queue.length) {
    const key = queue.shift()!;
    if (all.has(key)) continue;
    try {
      const def = await getDefinition(key);
      const loaded = await parseDefinition(def.xml, { skipLint: true });
      for (const m of loaded.models) {
        all.set(m.key, m);
        queue.push(...Object.values(m.elements).map((e) => e.calledElement).filter((k): k is string => !!k && !k.startsWith('=')));
      }
    } catch {
      errors.push(`被调用的流程“${key}”未部署，无法模拟`);
    }
  }
  return { models: [...all.values()], errors };
}

/** The simulation form and its result table. */
export default function SimulationPanel({ processKey, getXml, startSources }: { processKey: string; getXml: () => Promise<string>; startSources?: string }) {
  const { directory, forms } = useDesigner();
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [fullTime, setFullTime] = useState(false);
  const initialVars = useMemo(() => JSON.stringify(sampleVariables(startSources, directory.units.filter((u) => u.kind !== 'office'), dayjs().format('YYYY-MM-DD')), null, 2), [startSources, directory.units]);
  const [varsText, setVarsText] = useState(initialVars);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  let varsError: string | null = null;
  let vars: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(varsText || '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) varsError = '示例变量应为 JSON 对象，如 {"title": "模拟事项"}';
    else vars = parsed;
  } catch (err) {
    varsError = `示例变量不是有效的 JSON：${(err as Error).message}`;
  }

  const describe = (a?: Assignment) => {
    if (!a) return '';
    const unit = (id: string) => directory.units.find((u) => u.id === id)?.name ?? id;
    if (a.type === 'role') {
      const role = directory.roles.find((r) => r.id === a.value);
      return `${role?.name ?? a.value}${a.scope ? `（${a.scope}）` : ''}`;
    }
    if (a.type === 'unit') return unit(a.value);
    if (a.type === 'liaison') return `${unit(a.value)}联系副主任`;
    return directory.people.find((p) => p.id === a.value)?.name ?? a.value;
  };

  const run = async () => {
    setRunning(true);
    setResult(null);
    setErrors([]);
    try {
      const [xml, entries] = await Promise.all([getXml(), calendarEntries()]);
      const loaded = await loadModels(xml, forms.map((f) => f.key));
      if (loaded.errors.length) {
        setErrors(loaded.errors);
        return;
      }
      const start = Date.parse(`${date.format('YYYY-MM-DD')}T09:00:00+08:00`);
      setResult(simulate({ models: loaded.models, processKey, start, vars, calendar: calendarFromEntries(entries), useFullTime: fullTime }));
    } catch (err) {
      setErrors([`模拟失败：${(err as Error).message}`]);
    } finally {
      setRunning(false);
    }
  };

  const due = (s: SimStep) => {
    if (!s.dueDate) return <Typography.Text type="secondary">不限时</Typography.Text>;
    const w = WEEKDAYS[dayjs(s.dueDate).day()];
    return (
      <span className="duban-sim-due">
        {s.dueDate}（周{w}）{s.provisional && <Tag color="orange">暂定日历</Tag>}
      </span>
    );
  };

  return (
    <div className="duban-simulation">
      <Form layout="vertical" size="small">
        <Space wrap align="end">
          <Form.Item label="事项登记日期">
            <DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} aria-label="模拟开始日期" />
          </Form.Item>
          <Form.Item label="每个环节用满时限">
            <Switch checked={fullTime} onChange={setFullTime} aria-label="每个环节用满时限" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" onClick={run} loading={running} disabled={!!varsError}>
              运行模拟
            </Button>
          </Form.Item>
        </Space>
        <Form.Item label="示例变量（登记时的数据，JSON）" validateStatus={varsError ? 'error' : undefined} help={varsError ?? '每个环节自动选择第一个办理结果，例如“同意”“通过”'}>
          <Input.TextArea value={varsText} onChange={(e) => setVarsText(e.target.value)} autoSize={{ minRows: 4, maxRows: 10 }} className="duban-code" aria-label="示例变量" />
        </Form.Item>
      </Form>
      {errors.length > 0 && <Alert type="error" showIcon message="无法模拟" description={<ul>{errors.map((e) => <li key={e}>{e}</li>)}</ul>} />}
      {result && (
        <>
          <Alert
            style={{ margin: '8px 0' }}
            type={result.status === 'completed' ? 'success' : result.status === 'failed' ? 'error' : 'warning'}
            showIcon
            message={
              result.status === 'completed'
                ? `自 ${date.format('YYYY-MM-DD')} 登记，于 ${localDate(result.endedAt)} 办结，共 ${result.steps.filter((s) => s.kind === 'task').length} 个办理环节`
                : result.error ?? '模拟未结束'
            }
          />
          <Table
            size="small"
            rowKey="index"
            pagination={false}
            dataSource={result.steps}
            data-testid="simulation-steps"
            scroll={{ y: 420 }}
            columns={[
              { title: '序号', dataIndex: 'index', width: 56 },
              {
                title: '环节',
                dataIndex: 'name',
                render: (name: string, s: SimStep) => (
                  <span>
                    {name}
                    {s.kind === 'service' && <Tag style={{ marginLeft: 4 }}>系统</Tag>}
                    {s.note && <div className="duban-panel-error">{s.note}</div>}
                  </span>
                ),
              },
              { title: '办理人', dataIndex: 'assignment', width: 150, render: (a?: Assignment) => describe(a) },
              { title: '开始', dataIndex: 'startedAt', width: 100, render: (t: number) => localDate(t) },
              { title: '期限', dataIndex: 'dueDate', width: 170, render: (_: unknown, s: SimStep) => (s.kind === 'task' || s.kind === 'child' ? due(s) : null) },
              { title: '办理结果', dataIndex: 'outcome', width: 90 },
            ]}
          />
        </>
      )}
    </div>
  );
}
