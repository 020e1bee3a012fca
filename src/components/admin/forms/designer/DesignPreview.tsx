/**
 * Preview of the designed form at desktop or phone width (375 px), optionally as one process
 * step sees it (以某环节查看: that step's permissions applied), with 试填: fill it in and run the
 * validation with its Chinese messages, linkage rules included.
 */
import { createForm } from '@formily/core';
import { Alert, Button, Drawer, List, Segmented, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import React, { useMemo, useState } from 'react';
import FormRenderer from '@/components/FormRenderer';
import { applyPermissions, effectiveAccess, listFields } from '../../../../forms/fields';
import type { FormDefinition } from '../../../../forms/types';
import type { FormStep } from '../../api';
import PreviewBoundary from '../PreviewBoundary';

/** Props of the preview drawer. */
export interface DesignPreviewProps {
  open: boolean;
  onClose: () => void;
  definition: FormDefinition;
  steps: FormStep[];
}

const stepId = (s: FormStep) => `${s.processKey}:${s.elementId}`;

/** The drawer. */
export function DesignPreview({ open, onClose, definition, steps }: DesignPreviewProps) {
  const [width, setWidth] = useState<'desktop' | 'phone'>('desktop');
  const [trial, setTrial] = useState(false);
  const [step, setStep] = useState<string>();
  const [errors, setErrors] = useState<{ path: string; message: string }[] | null>(null);
  const permissions = steps.find((s) => stepId(s) === step)?.fields;
  const schema = useMemo(() => (permissions ? applyPermissions(definition.schema, permissions) : definition.schema), [definition, permissions]);
  const form = useMemo(() => createForm({ readPretty: !trial }), [schema, trial]);
  const check = async () => {
    try {
      await form.validate();
      setErrors([]);
    } catch (err) {
      const list = Array.isArray(err) ? err : form.errors;
      setErrors(list.map((e: any) => ({ path: String(e.path ?? e.address), message: (e.messages ?? [])[0] ?? '' })));
    }
  };
  return (
    <Drawer title={`预览：${definition.name}`} open={open} onClose={onClose} width={width === 'phone' ? 460 : 900} destroyOnHidden>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={width} onChange={(v) => setWidth(v as 'desktop' | 'phone')} options={[{ value: 'desktop', label: '电脑' }, { value: 'phone', label: '手机（375）' }]} />
        <Select allowClear style={{ minWidth: 240 }} placeholder="以某环节查看" value={step} onChange={setStep} aria-label="以某环节查看" options={steps.map((s) => ({ value: stepId(s), label: `${s.processName} · ${s.name}` }))} />
        <Space>
          <span>试填</span>
          <Switch checked={trial} onChange={(v) => { setTrial(v); setErrors(null); }} aria-label="试填" />
        </Space>
        {trial && (
          <Button type="primary" onClick={check}>
            校验
          </Button>
        )}
      </Space>
      {errors && (errors.length === 0 ? <Alert type="success" showIcon message="校验通过" style={{ marginBottom: 8 }} /> : (
        <Alert type="error" showIcon style={{ marginBottom: 8 }} message={`有 ${errors.length} 处需要修改`} description={<List size="small" dataSource={errors} renderItem={(e) => <List.Item>{e.message}</List.Item>} />} />
      ))}
      <div className={`duban-designer-preview ${width}`} data-testid="design-preview" style={width === 'phone' ? { width: 375 } : undefined}>
        <PreviewBoundary resetKey={schema}>
          <FormRenderer key={`${trial}-${step}`} form={form} schema={schema} />
        </PreviewBoundary>
      </div>
    </Drawer>
  );
}

const ACCESS: Record<string, { label: string; color: string }> = {
  editable: { label: '可编辑', color: 'green' },
  readonly: { label: '只读', color: 'default' },
  hidden: { label: '隐藏', color: 'red' },
};

/** The read-only grid of fields × the steps that use the form, with each step's permission. */
export function StepGrid({ definition, steps }: { definition: FormDefinition; steps: FormStep[] }) {
  const fields = listFields(definition.schema);
  if (steps.length === 0) return <Typography.Text type="secondary">已部署的流程中没有环节使用此表单。</Typography.Text>;
  return (
    <div data-testid="step-grid">
      <Typography.Paragraph type="secondary">各环节的字段权限在流程设计中修改。</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        scroll={{ x: true }}
        rowKey="name"
        dataSource={fields}
        columns={[
          { title: '字段', fixed: 'left', render: (_: unknown, f) => f.title || f.name },
          ...steps.map((s) => ({
            title: (
              <span>
                {s.name}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.processName}
                </Typography.Text>
              </span>
            ),
            key: stepId(s),
            render: (_: unknown, f: (typeof fields)[number]) => {
              const a = ACCESS[effectiveAccess(s.fields, f)];
              return <Tag color={a.color}>{a.label}</Tag>;
            },
          })),
        ]}
      />
    </div>
  );
}
