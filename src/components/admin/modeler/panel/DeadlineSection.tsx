/** 办理时限 and 预警/催办 of a step: the deadline (N 工作日 / 自然日 / 个月 …) counted from a chosen point, the yellow light, a reminder before and reminders after the deadline. */
import { Select } from 'antd';
import React from 'react';
import { addDurationSpec } from '@/engine/calendar/duration';
import { WorkCalendar } from '@/engine/calendar/WorkCalendar';
import { describeDurationText } from '../model/duration';
import { DurationInput, Row, Section } from './controls';
import { isType, type ElementApi } from './context';
import { isDateField, useProcessVariables } from './variables';

/** Where a deadline counts from when no variable is chosen. */
const FROM_START = '';

/** The deadline settings of a user task, call activity or sub-process (warnings and reminders: user tasks only). */
export default function DeadlineSection({ api, version }: { api: ElementApi; version: number }) {
  const { fields } = useProcessVariables(version);
  const due = api.attr('due');
  const dueFrom = api.attr('dueFrom') ?? FROM_START;
  const set = (name: string) => (v: string | undefined) => api.update({ [`duban:${name}`]: v });
  const dateFields = fields.filter(isDateField);
  const fromOptions = [
    { value: FROM_START, label: '本环节开始办理时' },
    ...dateFields.map((f) => ({
      value: f.name,
      label: `${f.title}（${f.name}）`,
    })),
    ...(dueFrom && !dateFields.some((f) => f.name === dueFrom) ? [{ value: dueFrom, label: dueFrom }] : []),
  ];
  let example: string | null = null;
  if (due && !due.startsWith('=') && !dueFrom) {
    try {
      example = addDurationSpec(Date.now(), due, WorkCalendar.default()).date;
    } catch {
      example = null;
    }
  }
  return (
    <Section title={isType(api.bo, 'bpmn:UserTask') ? '办理时限与催办' : '办理时限'}>
      <Row label="办理时限" hint={example ? `若今天开始办理，期限为 ${example}（按国家法定节假日和调休计算）` : describeDurationText(due)}>
        <DurationInput value={due} onChange={set('due')} ariaLabel="办理时限" noneLabel="不限时" />
      </Row>
      {due && (
        <>
          <Row label="起算点">
            <Select
              value={dueFrom}
              options={fromOptions}
              aria-label="时限起算点"
              style={{ width: '100%' }}
              showSearch
              optionFilterProp="label"
              onChange={(v: string) => api.update({ 'duban:dueFrom': v || undefined })}
            />
          </Row>
          {!isType(api.bo, 'bpmn:UserTask') && <div className="duban-panel-hint">预警与催办在被调用流程（或子流程）中具体办理的环节上设置。</div>}
          {isType(api.bo, 'bpmn:UserTask') && (
            <>
              <Row label="黄灯预警：到期前" hint="到期前这么久亮黄灯">
                <DurationInput value={api.attr('warn')} onChange={set('warn')} ariaLabel="黄灯预警" allowExpression={false} noneLabel="不预警" />
              </Row>
              <Row label="到期前提醒一次：提前" hint="向办理人发一次提醒">
                <DurationInput
                  value={api.attr('remindBefore')}
                  onChange={set('remindBefore')}
                  ariaLabel="到期前提醒"
                  allowExpression={false}
                  noneLabel="不提醒"
                />
              </Row>
              <Row label="逾期后催办：每隔" hint="超过期限后按此间隔反复催办，直到办结">
                <DurationInput
                  value={api.attr('remindEvery')}
                  onChange={set('remindEvery')}
                  ariaLabel="逾期催办间隔"
                  allowExpression={false}
                  noneLabel="不催办"
                />
              </Row>
            </>
          )}
        </>
      )}
    </Section>
  );
}
