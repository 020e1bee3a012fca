/** Timer settings of a timer event: after a duration (e.g. 3 个工作日), at a date (expression) or repeatedly (R/3WD). */
import { Radio } from 'antd';
import React from 'react';
import { CommitInput, DurationInput, FeelInput, Row, Section } from './controls';
import { isType, type ElementApi } from './context';

type TimerKind = 'timeDuration' | 'timeDate' | 'timeCycle';

const KINDS: { value: TimerKind; label: string }[] = [
  { value: 'timeDuration', label: '经过一段时间' },
  { value: 'timeDate', label: '到某个日期' },
  { value: 'timeCycle', label: '周期重复' },
];

/** The timer of a timer start, intermediate or boundary event (nothing for other events). */
export default function EventSection({ api }: { api: ElementApi }) {
  const definition = (api.bo.eventDefinitions ?? [])[0];
  if (!isType(definition, 'bpmn:TimerEventDefinition')) return null;
  const kind: TimerKind = definition.timeDate ? 'timeDate' : definition.timeCycle ? 'timeCycle' : 'timeDuration';
  const body: string | undefined = definition[kind]?.body;
  const write = (k: TimerKind, text: string | undefined) =>
    api.updateNested(definition, {
      timeDuration: undefined,
      timeDate: undefined,
      timeCycle: undefined,
      [k]: text ? api.create('bpmn:FormalExpression', { body: text }) : undefined,
    });
  return (
    <Section title="定时">
      {isType(api.bo, 'bpmn:BoundaryEvent') && (
        <Row label="到时后" hint="中断：取消所附着的环节；不中断：环节继续，另开一条路线">
          <Radio.Group
            size="small"
            value={api.bo.cancelActivity !== false}
            onChange={(e) => api.update({ cancelActivity: e.target.value })}
            options={[
              { value: true, label: '中断环节' },
              { value: false, label: '不中断' },
            ]}
          />
        </Row>
      )}
      <Row label="触发方式">
        <Radio.Group size="small" optionType="button" value={kind} onChange={(e) => write(e.target.value, undefined)} options={KINDS} aria-label="定时方式" />
      </Row>
      {kind === 'timeDuration' && (
        <Row label="经过">
          <DurationInput value={body} onChange={(v) => write('timeDuration', v)} ariaLabel="定时时长" />
        </Row>
      )}
      {kind === 'timeDate' && (
        <Row label="日期" hint="日期（如 2026-12-20）或表达式">
          {body?.startsWith('=') ? <FeelInput value={body} onCommit={(t) => write('timeDate', t)} ariaLabel="定时日期" /> : <CommitInput value={body} onCommit={(t) => write('timeDate', t.trim())} ariaLabel="定时日期" placeholder="2026-12-20 或 =表达式" />}
        </Row>
      )}
      {kind === 'timeCycle' && (
        <Row label="重复" hint="R/3WD：每 3 个工作日一次，直到环节结束；R3/P1W：每周一次，共 3 次">
          <CommitInput value={body} onCommit={(t) => write('timeCycle', t.trim())} ariaLabel="定时周期" placeholder="R/3WD" />
        </Row>
      )}
    </Section>
  );
}
