/**
 * Properties of the selected field: 标题, 字段标识 (made from the title until a version is
 * deployed, then locked), 说明, 占位提示, 必填, 默认值, 只读/系统填写, width in a 分栏, the
 * options, and the validation rules.
 */
import { LockOutlined } from '@ant-design/icons';
import { Button, Divider, Form, Input, InputNumber, Radio, Select, Switch, Tooltip, Typography } from 'antd';
import React from 'react';
import type { EnumOption, SchemaNode, ValidatorDescription } from '../../../../forms/types';
import { isValidKey } from './keys';
import type { DesignNode } from './model';
import OptionsEditor from './OptionsEditor';
import { componentLabel } from './palette';
import ValidationEditor, { type PickField } from './ValidationEditor';

/** Props of the properties panel. */
export interface FieldPropertiesProps {
  node: DesignNode;
  /** The key was in the deployed version: it can only change through 修改标识 (which lists its usages). */
  locked: boolean;
  /** The 分栏 column count when the field is inside one. */
  gridColumns?: number;
  fields: PickField[];
  /** Change the schema; `title` set means the title changed (the key may follow it). */
  onChange: (change: (schema: SchemaNode) => SchemaNode, title?: string) => void;
  onRename: (name: string) => void;
  /** Ask to rename a locked key (the designer lists the usages first). */
  onRenameLocked: () => void;
  keyError?: string;
}

const props = (s: SchemaNode) => (s['x-component-props'] ?? {}) as Record<string, unknown>;
const withProps = (s: SchemaNode, patch: Record<string, unknown>): SchemaNode => {
  const next = { ...props(s), ...patch };
  for (const k of Object.keys(patch)) if (patch[k] === undefined || patch[k] === '') delete next[k];
  return { ...s, 'x-component-props': next };
};
const setKey = (s: SchemaNode, key: string, value: unknown): SchemaNode => {
  const next = { ...s, [key]: value };
  if (value === undefined || value === '' || value === false) delete next[key];
  return next;
};

const CHOICE = new Set(['Radio.Group', 'Select', 'Checkbox.Group']);

/** The default value input suited to the field's type. */
function DefaultInput({ schema, onChange }: { schema: SchemaNode; onChange: (v: unknown) => void }) {
  const options = Array.isArray(schema.enum) ? (schema.enum as EnumOption[]) : undefined;
  if (options) {
    return <Select allowClear mode={schema.type === 'array' ? 'multiple' : undefined} value={schema.default as never} options={options.map((o) => ({ value: o.value as string, label: o.label }))} onChange={(v) => onChange(v ?? undefined)} aria-label="默认值" />;
  }
  if (schema.type === 'number') return <InputNumber value={schema.default as number} onChange={(v) => onChange(v ?? undefined)} aria-label="默认值" />;
  if (schema.type === 'boolean') return <Switch checked={schema.default === true} onChange={(v) => onChange(v || undefined)} aria-label="默认值" />;
  if (schema.type === 'string') return <Input value={(schema.default as string) ?? ''} onChange={(e) => onChange(e.target.value || undefined)} aria-label="默认值" />;
  return <Typography.Text type="secondary">此类字段无默认值</Typography.Text>;
}

/** The panel. */
export default function FieldProperties({ node, locked, gridColumns, fields, onChange, onRename, onRenameLocked, keyError }: FieldPropertiesProps) {
  const s = node.schema;
  const component = s['x-component'] ?? '';
  const readOnly = s['x-pattern'] === 'readOnly' || s['x-pattern'] === 'readPretty' || s['x-pattern'] === 'disabled';
  const span = Number((s['x-decorator-props'] as Record<string, unknown> | undefined)?.gridSpan ?? 1);
  const columns: PickField[] = (node.rows ?? []).flatMap((c) => (c.children ?? []).filter((x) => x.schema.type !== 'void').map((x) => ({ name: x.name, title: x.schema.title ?? x.name })));
  return (
    <Form layout="vertical" size="small" data-testid="field-properties" className="duban-designer-props">
      <Typography.Text type="secondary">{componentLabel(s)}</Typography.Text>
      <Form.Item label="标题">
        <Input value={s.title ?? ''} aria-label="标题" onChange={(e) => onChange((x) => ({ ...x, title: e.target.value }), e.target.value)} />
      </Form.Item>
      <Form.Item label="字段标识" validateStatus={keyError ? 'error' : undefined} help={keyError ?? (locked ? '已部署，标识不可随意修改' : '由标题生成，可修改；部署后锁定')}>
        {locked ? (
          <Input
            value={node.name}
            disabled
            aria-label="字段标识"
            addonAfter={
              <Tooltip title="修改前先列出使用此字段的地方">
                <Button size="small" type="link" icon={<LockOutlined />} onClick={onRenameLocked}>
                  修改标识
                </Button>
              </Tooltip>
            }
          />
        ) : (
          <Input value={node.name} aria-label="字段标识" status={isValidKey(node.name) ? undefined : 'error'} onChange={(e) => onRename(e.target.value.trim())} />
        )}
      </Form.Item>
      <Form.Item label="说明">
        <Input.TextArea rows={2} value={s.description ?? ''} aria-label="说明" onChange={(e) => onChange((x) => setKey(x, 'description', e.target.value))} />
      </Form.Item>
      {!CHOICE.has(component) && component !== 'Switch' && component !== 'AttachmentUpload' && component !== 'ArrayTable' && (
        <Form.Item label="占位提示">
          <Input value={String(props(s).placeholder ?? '')} aria-label="占位提示" onChange={(e) => onChange((x) => withProps(x, { placeholder: e.target.value }))} />
        </Form.Item>
      )}
      <Form.Item label="必填">
        <Switch checked={s.required === true} aria-label="必填" onChange={(v) => onChange((x) => setKey(x, 'required', v))} />
      </Form.Item>
      <Form.Item label="只读 / 系统填写" help="只读字段由系统填写或沿用前一环节的内容，本表单中不能修改">
        <Switch checked={readOnly} aria-label="只读" onChange={(v) => onChange((x) => setKey(x, 'x-pattern', v ? 'readOnly' : undefined))} />
      </Form.Item>
      <Form.Item label="默认值">
        <DefaultInput schema={s} onChange={(v) => onChange((x) => setKey(x, 'default', v))} />
      </Form.Item>
      {gridColumns && gridColumns > 1 && (
        <Form.Item label="宽度">
          <Radio.Group
            value={span >= gridColumns ? 'full' : 'half'}
            onChange={(e) =>
              onChange((x) => {
                const deco = { ...((x['x-decorator-props'] as Record<string, unknown>) ?? {}) };
                if (e.target.value === 'full') deco.gridSpan = gridColumns;
                else delete deco.gridSpan;
                const next: SchemaNode = { ...x, 'x-decorator-props': deco };
                if (Object.keys(deco).length === 0) delete next['x-decorator-props'];
                return next;
              })
            }
          >
            <Radio.Button value="half">半行</Radio.Button>
            <Radio.Button value="full">整行</Radio.Button>
          </Radio.Group>
        </Form.Item>
      )}
      {CHOICE.has(component) && (
        <>
          <Divider plain>选项</Divider>
          <OptionsEditor value={(Array.isArray(s.enum) ? s.enum : []) as EnumOption[]} onChange={(options) => onChange((x) => ({ ...x, enum: options }))} />
        </>
      )}
      <Divider plain>校验</Divider>
      <ValidationEditor
        node={s}
        fields={fields.filter((f) => f.name !== node.name)}
        columns={columns}
        onChange={(validators: ValidatorDescription[] | undefined) => onChange((x) => setKey(x, 'x-validator', validators))}
      />
    </Form>
  );
}
