/**
 * FormRenderer: renders a Formily JSON schema from `forms/` (as the server sends it,
 * with the step's field permissions applied) with @formily/antd-v5 and Duban's own
 * components. Read-only fields are shown as plain text. Heavy: load it lazily.
 */
import type { Form } from '@formily/core';
import {
  ArrayItems,
  ArrayTable,
  Checkbox,
  DatePicker,
  FormGrid,
  FormItem,
  FormLayout,
  Input,
  NumberPicker,
  Radio,
  Select,
  Space,
  Switch,
} from '@formily/antd-v5';
import { createSchemaField, FormProvider } from '@formily/react';
import React, { useMemo } from 'react';
import { installFormRules } from '@/forms/rules';
import AttachmentUpload from '../AttachmentUpload';
import UnitPicker from '../UnitPicker';
import UserPicker from '../UserPicker';
import WorkdayDatePicker from '../WorkdayDatePicker';
import { type FormScope, FormScopeContext } from './context';
import './index.less';

// Duban's named rules and the zh-CN validation messages (the same ones the server uses).
installFormRules();

const SchemaField = createSchemaField({
  components: {
    FormItem,
    FormGrid,
    FormLayout,
    Space,
    Input,
    Select,
    Radio,
    Checkbox,
    Switch,
    DatePicker,
    NumberPicker,
    ArrayTable,
    ArrayItems,
    UnitPicker,
    UserPicker,
    WorkdayDatePicker,
    AttachmentUpload,
  },
});

/** A JSON-schema node as the renderer reads it. */
type Node = Record<string, any>;

/** A copy of the schema where read-only fields render as text (antd inputs have no true read-only mode). */
export function toDisplaySchema(schema: Node, readPretty = false): Node {
  const copy = JSON.parse(JSON.stringify(schema)) as Node;
  const visit = (node: Node) => {
    if (node['x-pattern'] === 'readOnly' || (readPretty && node.type !== 'void')) node['x-pattern'] = 'readPretty';
    for (const child of Object.values<Node>(node.properties ?? {})) visit(child);
    if (node.items && typeof node.items === 'object') visit(node.items);
  };
  visit(copy);
  return copy;
}

/**
 * The values of a form as plain JSON for the server: Formily's internal row keys
 * (ArrayTable adds `__DO_NOT_USE_THIS_PROPERTY_index__`) are left out.
 */
export function plainValues(form: Form): Record<string, unknown> {
  return JSON.parse(JSON.stringify(form.values, (key, value) => (key.startsWith('__DO_NOT_USE') ? undefined : value)));
}

/** Props of FormRenderer. */
export interface FormRendererProps {
  form: Form;
  schema: Node;
  /** Show every field as text (e.g. an earlier step's form on the item page). */
  readPretty?: boolean;
  scope?: FormScope;
}

/** Renders a form schema; labels sit above the fields on narrow screens. */
export default function FormRenderer({ form, schema, readPretty, scope }: FormRendererProps) {
  const display = useMemo(() => toDisplaySchema(schema, readPretty), [schema, readPretty]);
  return (
    <FormScopeContext.Provider value={scope ?? {}}>
      <FormProvider form={form}>
        <FormLayout
          className="duban-form"
          breakpoints={[640]}
          layout={['vertical', 'horizontal']}
          labelAlign={['left', 'right']}
          labelCol={[24, 6]}
          wrapperCol={[24, 16]}
          labelWrap
          feedbackLayout="loose"
        >
          <SchemaField schema={display} />
        </FormLayout>
      </FormProvider>
    </FormScopeContext.Provider>
  );
}
