/**
 * The Chinese properties panel of the designer, driven by the modeler's selection:
 * name and 办理说明 of every element, then the `duban:` settings its type has —
 * 办理人, 表单 and 字段权限, 办理时限 and 催办, 会签方式, 走向条件, 服务动作,
 * 调用子流程, 定时 — or the process settings when nothing is selected.
 */
import { Empty, Tag, Typography } from 'antd';
import React from 'react';
import { TYPE_NAMES } from '../model/labels';
import AssigneeSection from './AssigneeSection';
import CallActivitySection from './CallActivitySection';
import { FlowConditionSection, GatewaySection } from './ConditionSection';
import { CommitInput, Row, Section } from './controls';
import { elementApi, isType, useDesigner, type DiagramElement } from './context';
import DeadlineSection from './DeadlineSection';
import EventSection from './EventSection';
import FormSection from './FormSection';
import MultiInstanceSection from './MultiInstanceSection';
import ProcessSection from './ProcessSection';
import ServiceSection from './ServiceSection';

/** The panel for one element; `version` changes whenever the diagram changes. */
export default function PropertiesPanel({ element, version }: { element: DiagramElement | null; version: number }) {
  const { modeler } = useDesigner();
  if (!element) return <Empty description="请选择流程图中的元素" />;
  const api = elementApi(modeler, element);
  const bo = api.bo;
  const type: string = bo.$type;
  const isProcess = type === 'bpmn:Process';
  const documentation: string = (bo.documentation ?? []).map((d: any) => d.text ?? '').join('\n');
  const activity = isType(bo, 'bpmn:UserTask') || isType(bo, 'bpmn:CallActivity') || isType(bo, 'bpmn:SubProcess');
  const labelled = !isType(bo, 'bpmn:Group') && type !== 'bpmn:Collaboration';

  return (
    <div className="duban-panel" data-element={element.id} key={element.id}>
      <div className="duban-panel-head">
        <Tag color="blue">{TYPE_NAMES[type] ?? type.replace(/^bpmn:/, '')}</Tag>
        <Typography.Text type="secondary" copyable={{ text: element.id }} style={{ fontSize: 12 }}>
          {element.id}
        </Typography.Text>
      </div>
      {type === 'bpmn:Collaboration' && <Empty description="本设计器按单个流程编辑；协作图（泳池）请拆分为单独的流程" />}
      {labelled && (
        <Section title="基本信息">
          <Row label={type === 'bpmn:TextAnnotation' ? '注释' : '名称'}>
            <CommitInput
              value={type === 'bpmn:TextAnnotation' ? bo.text : bo.name}
              onCommit={(t) => api.update(type === 'bpmn:TextAnnotation' ? { text: t } : { name: t.trim() || undefined })}
              ariaLabel="名称"
              multiline={type === 'bpmn:TextAnnotation'}
            />
          </Row>
          {type !== 'bpmn:TextAnnotation' && (
            <Row label={isProcess ? '流程说明' : '办理说明'} hint={isType(bo, 'bpmn:UserTask') ? '显示给办理人看的指引' : undefined}>
              <CommitInput
                value={documentation}
                multiline
                ariaLabel="说明"
                onCommit={(t) => api.update({ documentation: t.trim() ? [api.create('bpmn:Documentation', { text: t.trim() })] : [] })}
              />
            </Row>
          )}
        </Section>
      )}
      {isProcess && <ProcessSection api={api} />}
      {isType(bo, 'bpmn:UserTask') && <AssigneeSection key={`a-${element.id}`} api={api} />}
      {isType(bo, 'bpmn:UserTask') && <FormSection key={`f-${element.id}`} api={api} />}
      {isType(bo, 'bpmn:ServiceTask') && <ServiceSection api={api} />}
      {isType(bo, 'bpmn:CallActivity') && <CallActivitySection api={api} version={version} />}
      {activity && <DeadlineSection api={api} version={version} />}
      {(activity || isType(bo, 'bpmn:ServiceTask')) && <MultiInstanceSection api={api} />}
      {isType(bo, 'bpmn:Gateway') && <GatewaySection api={api} />}
      {type === 'bpmn:SequenceFlow' && <FlowConditionSection key={`c-${element.id}`} api={api} version={version} />}
      {isType(bo, 'bpmn:Event') && <EventSection api={api} />}
    </div>
  );
}
