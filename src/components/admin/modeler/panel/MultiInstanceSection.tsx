/** 会签方式 of a step: not at all, 并行会签 (all), 并行或签 (any one), 依次会签, or a custom completion condition; with the list it runs over. */
import { Radio } from 'antd';
import React from 'react';
import { completionFor, MULTI_MODES, readMulti, type MultiMode } from '../model/multiInstance';
import { CommitInput, FeelInput, Row, Section } from './controls';
import type { ElementApi } from './context';

/** The multi-instance settings of an activity. */
export default function MultiInstanceSection({ api }: { api: ElementApi }) {
  const loop = api.bo.loopCharacteristics;
  const value = readMulti(
    loop && {
      $type: loop.$type,
      isSequential: loop.isSequential,
      completionCondition: loop.completionCondition,
      collection: loop.get?.('duban:collection'),
      elementVariable: loop.get?.('duban:elementVariable'),
    },
  );
  const expression = (body: string | undefined) => (body ? api.create('bpmn:FormalExpression', { body }) : undefined);

  const setMode = (mode: MultiMode) => {
    if (mode === 'none') return api.update({ loopCharacteristics: undefined });
    let target = loop;
    if (!target || target.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
      target = api.create('bpmn:MultiInstanceLoopCharacteristics');
      target.set('duban:collection', '=units');
      target.set('duban:elementVariable', 'unit');
      api.update({ loopCharacteristics: target });
    }
    api.updateNested(target, {
      isSequential: mode === 'sequential',
      completionCondition: expression(completionFor(mode, value.completionCondition || '=nrOfCompletedInstances >= nrOfInstances / 2')),
    });
  };
  const setLoop = (props: Record<string, unknown>) => loop && api.updateNested(loop, props);
  const help = MULTI_MODES.find((m) => m.value === value.mode)!.help;

  return (
    <Section title="会签方式">
      <Row label="办理方式" hint={help}>
        <Radio.Group value={value.mode} onChange={(e) => setMode(e.target.value)} aria-label="会签方式" className="duban-vertical-radio">
          {MULTI_MODES.map((m) => (
            <Radio key={m.value} value={m.value}>
              {m.label}
            </Radio>
          ))}
        </Radio.Group>
      </Row>
      {value.mode !== 'none' && (
        <>
          <Row label="按此列表逐项办理" hint="如“=units”表示按事项的每个承办单位各办一份">
            <FeelInput value={value.collection} onCommit={(t) => setLoop({ 'duban:collection': t || undefined })} ariaLabel="会签列表" placeholder="=units" />
          </Row>
          <Row label="当前项保存到变量" hint="办理人等设置可用它，如办理单位“=unit”">
            <CommitInput value={value.elementVariable} onCommit={(t) => setLoop({ 'duban:elementVariable': t.trim() || undefined })} ariaLabel="当前项变量" placeholder="unit" />
          </Row>
          {value.mode === 'custom' && (
            <Row label="完成条件" hint="可用 nrOfInstances（总数）、nrOfCompletedInstances（已完成数）">
              <FeelInput value={value.completionCondition} onCommit={(t) => setLoop({ completionCondition: expression(t || undefined) })} ariaLabel="完成条件" />
            </Row>
          )}
        </>
      )}
    </Section>
  );
}
