/**
 * Event settings: the timer of a timer event (after a duration such as 3 个工作日, at a
 * date, or repeatedly R/3WD), the message or signal name an event waits for or sends,
 * and the error code of an error event.
 */
import { Radio } from 'antd';
import React from 'react';
import { CommitInput, DurationInput, FeelInput, Row, Section } from './controls';
import { isType, useDesigner, type ElementApi } from './context';

const REFS: Record<string, { ref: string; type: string; label: string; hint: string; attr: 'name' | 'errorCode' }> = {
  'bpmn:MessageEventDefinition': { ref: 'messageRef', type: 'bpmn:Message', label: '消息名称', hint: '收到同名消息时继续（如“领导批示”）；发送事件则发出该消息', attr: 'name' },
  'bpmn:SignalEventDefinition': { ref: 'signalRef', type: 'bpmn:Signal', label: '信号名称', hint: '广播同名信号时继续', attr: 'name' },
  'bpmn:ErrorEventDefinition': { ref: 'errorRef', type: 'bpmn:Error', label: '错误码', hint: '服务动作失败或结束事件抛出该错误码时由边界事件接住', attr: 'errorCode' },
};

/** The name (or error code) of the message, signal or error an event refers to; creates the shared definition when missing. */
function RefSection({ api, definition }: { api: ElementApi; definition: any }) {
  const { modeler } = useDesigner();
  const spec = REFS[definition.$type];
  const target = definition[spec.ref];
  const value: string | undefined = target?.[spec.attr];
  const commit = (text: string) => {
    const v = text.trim() || undefined;
    if (target) {
      api.updateNested(target, spec.attr === 'errorCode' ? { errorCode: v, name: target.name ?? v } : { name: v });
      return;
    }
    if (!v) return;
    const definitions = modeler.getDefinitions();
    // Reuse a definition of the same name (two events of one message share it).
    const same = (definitions.rootElements ?? []).find((e: any) => e.$type === spec.type && e[spec.attr] === v);
    if (same) {
      api.updateNested(definition, { [spec.ref]: same });
      return;
    }
    const created = modeler.get('bpmnFactory').create(spec.type, spec.attr === 'errorCode' ? { errorCode: v, name: v } : { name: v });
    created.$parent = definitions;
    api.updateNested(definitions, { rootElements: [...(definitions.rootElements ?? []), created] });
    api.updateNested(definition, { [spec.ref]: created });
  };
  return (
    <Section title={spec.type === 'bpmn:Message' ? '消息' : spec.type === 'bpmn:Signal' ? '信号' : '错误'}>
      <Row label={spec.label} hint={spec.hint}>
        <CommitInput value={value} onCommit={commit} ariaLabel={spec.label} />
      </Row>
    </Section>
  );
}

type TimerKind = 'timeDuration' | 'timeDate' | 'timeCycle';

const KINDS: { value: TimerKind; label: string }[] = [
  { value: 'timeDuration', label: '经过一段时间' },
  { value: 'timeDate', label: '到某个日期' },
  { value: 'timeCycle', label: '周期重复' },
];

/** The timer, message, signal or error of an event (nothing for none events). */
export default function EventSection({ api }: { api: ElementApi }) {
  const definition = (api.bo.eventDefinitions ?? [])[0];
  if (definition && REFS[definition.$type]) return <RefSection api={api} definition={definition} />;
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
