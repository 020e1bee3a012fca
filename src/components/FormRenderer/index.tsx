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
  PreviewText,
  Radio,
  Select,
  Space,
  Switch,
} from '@formily/antd-v5';
import { createSchemaField, FormProvider } from '@formily/react';
import React, { useEffect, useMemo } from 'react';
import { linkageEffects } from '@/forms/linkage-effects';
import { installFormRules } from '@/forms/rules';
import AttachmentUpload from '../AttachmentUpload';
import UnitPicker from '../UnitPicker';
import UserPicker from '../UserPicker';
import WorkdayDatePicker from '../WorkdayDatePicker';
import { type FormScope, FormScopeContext } from './context';
import { toDisplaySchema } from './schema';

export { plainValues, toDisplaySchema } from './schema';
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

const LINKAGE_EFFECTS = 'duban-linkage';

/** Props of FormRenderer. */
export interface FormRendererProps {
  form: Form;
  schema: Node;
  /** Show every field as text (e.g. an earlier step's form on the item page). */
  readPretty?: boolean;
  scope?: FormScope;
  /** Without its own responsive layout, inside a `FormLayout` of the caller (the designer's canvas renders many small forms). */
  bare?: boolean;
}

/** Renders a form schema; labels sit above the fields on narrow screens. */
export default function FormRenderer({ form, schema, readPretty, scope, bare }: FormRendererProps) {
  const display = useMemo(() => toDisplaySchema(schema, readPretty), [schema, readPretty]);
  // The schema's linkage rules, added before the fields are rendered (the server applies the same rules).
  useMemo(() => {
    form.removeEffects(LINKAGE_EFFECTS);
    const effects = readPretty ? undefined : linkageEffects(schema);
    if (effects) form.addEffects(LINKAGE_EFFECTS, effects);
  }, [form, schema, readPretty]);
  useEffect(() => () => form.removeEffects(LINKAGE_EFFECTS), [form]);
  return (
    <FormScopeContext.Provider value={scope ?? {}}>
      <FormProvider form={form}>
        {/* An empty read-only field reads 「未填写」, not the library's English 'N/A'. */}
        <PreviewText.Placeholder value="未填写">
          {bare ? (
            <SchemaField schema={display} />
          ) : (
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
          )}
        </PreviewText.Placeholder>
      </FormProvider>
    </FormScopeContext.Provider>
  );
}
