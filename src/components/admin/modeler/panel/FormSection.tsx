/** 表单 and 字段权限 of a user task: the form picked from the deployed forms, each of its fields 可编辑 / 只读 / 隐藏, and the 办理结果 offered. */
import { Alert, Button, Radio, Select, Space, Spin, Tag } from 'antd';
import React, { useEffect, useState } from 'react';
import type { FieldAccess } from '@/forms/types';
import { ACCESS_LABELS, accessByField, readPermissions, writePermissions } from '../model/permissions';
import { Row, Section } from './controls';
import { useDesigner, type ElementApi, type FormField } from './context';

/** The form, field permissions and outcomes of a user task. */
export default function FormSection({ api }: { api: ElementApi }) {
  const { forms, formFields } = useDesigner();
  const formKey = api.attr('formKey');
  const [fields, setFields] = useState<FormField[] | null>(null);
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    setFields(null);
    setError(undefined);
    if (!formKey) return;
    formFields(formKey)
      .then((f) => live && setFields(f))
      .catch(() => live && setError(`表单“${formKey}”未部署或无法读取`));
    return () => {
      live = false;
    };
  }, [formKey, formFields]);

  const permissions = readPermissions({
    editable: api.attr('editable'),
    readonly: api.attr('readonly'),
    hidden: api.attr('hidden'),
    fieldDefault: api.attr('fieldDefault'),
  });
  const names = (fields ?? []).map((f) => f.name);
  const access = accessByField(permissions, names);
  const pending = [...permissions.editable, ...permissions.readonly, ...permissions.hidden].filter((n) => n !== '*' && fields && !names.includes(n));
  const write = (next: Record<string, FieldAccess>, otherwise = permissions.otherwise) => api.update(writePermissions(permissions, names, next, otherwise));
  const setAll = (a: FieldAccess) => write(Object.fromEntries(names.map((n) => [n, a])));
  const outcomes = (api.attr('outcomes') ?? '').split(',').map((s) => s.trim()).filter(Boolean);

  return (
    <>
      <Section title="表单">
        <Row label="本环节填写的表单">
          <Select
            value={formKey}
            placeholder="选择表单"
            aria-label="表单"
            showSearch
            allowClear
            optionFilterProp="label"
            style={{ width: '100%' }}
            onChange={(v) => api.update({ 'duban:formKey': v || undefined })}
            options={forms.map((f) => ({ value: f.key, label: `${f.name}（${f.key}）` }))}
          />
        </Row>
        {!formKey && <Alert type="error" showIcon message="未选择表单，流程不能部署" />}
        {error && <Alert type="error" showIcon message={error} />}
      </Section>
      {formKey && (
        <Section
          title="字段权限"
          extra={
            fields && (
              <Space size={4}>
                <Button size="small" type="link" onClick={() => setAll('editable')}>
                  全部可编辑
                </Button>
                <Button size="small" type="link" onClick={() => setAll('readonly')}>
                  全部只读
                </Button>
              </Space>
            )
          }
        >
          {!fields && !error && <Spin size="small" />}
          {fields && (
            <div className="duban-permissions" role="table" aria-label="字段权限">
              {fields.map((f) => (
                <div className="duban-permission-row" key={f.name} role="row" data-field={f.name}>
                  <span className="duban-permission-name" title={f.name}>
                    {f.title || f.name}
                  </span>
                  <Radio.Group
                    size="small"
                    optionType="button"
                    value={access[f.name]}
                    aria-label={`${f.title || f.name}的权限`}
                    onChange={(e) => write({ ...access, [f.name]: e.target.value })}
                    options={ACCESS_LABELS}
                  />
                </div>
              ))}
              <Row label="表单以后新增的字段" hint="未单独设置的字段按此处理">
                <Radio.Group
                  size="small"
                  value={permissions.otherwise}
                  onChange={(e) => write(access, e.target.value)}
                  options={ACCESS_LABELS}
                />
              </Row>
              {pending.length > 0 && (
                <Row label="表单中尚没有的字段（保留原设置）">
                  <div>
                    {pending.map((n) => (
                      <Tag key={n}>{n}</Tag>
                    ))}
                  </div>
                </Row>
              )}
            </div>
          )}
        </Section>
      )}
      <Section title="办理结果选项">
        <Row label="办理人从中选择一项（保存为变量 outcome，供后面的网关判断）">
          <Select
            mode="tags"
            value={outcomes}
            placeholder="如：通过、重办、补办；不填则直接提交"
            aria-label="办理结果选项"
            style={{ width: '100%' }}
            tokenSeparators={[',', '，', '、']}
            onChange={(v: string[]) => api.update({ 'duban:outcomes': v.length ? v.join(',') : undefined })}
          />
        </Row>
      </Section>
    </>
  );
}
