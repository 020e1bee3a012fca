/**
 * Linkage rules give the same result in the browser and on the server: every case of the shared
 * table is filled into a Formily form carrying the renderer's effects (`linkageEffects`), whose
 * field states and validation messages are compared with the table, and what that form submits
 * is checked by the server's `validateSubmission` with the same outcome.
 */
import { createForm, isField, type Field, type Form } from '@formily/core';
import { Schema } from '@formily/json-schema';
import { describe, expect, it } from 'vitest';
import { evaluateLinkage, installFormRules, linkageRules, validateSubmission, type FormDefinition } from '../../src/forms';
import { linkageEffects } from '../../src/forms/linkage-effects';
import { LINKAGE_CASES, LINKAGE_FORM, type LinkageCase } from './linkage/cases';

installFormRules();

/** A headless Formily form of the schema's top-level fields, as the renderer builds it. */
function browserForm(def: FormDefinition, initialValues?: Record<string, unknown>): Form {
  const form = createForm({ initialValues, effects: linkageEffects(def.schema) });
  const schema = new Schema(def.schema as ConstructorParameters<typeof Schema>[0]);
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    form.createField({ ...child.toFieldProps(), name });
  }
  return form;
}

function fieldsOf(form: Form): Field[] {
  return Object.values(form.fields).filter(isField) as Field[];
}

/** What the person sees and what the form would submit, after validating. */
async function fillIn(form: Form) {
  await form.validate().catch(() => undefined);
  const refused: Record<string, string> = {};
  for (const e of form.errors) refused[String(e.path)] = e.messages?.[0] ?? '';
  const names = (pick: (f: Field) => boolean) => fieldsOf(form).filter(pick).map((f) => String(f.path)).sort();
  return {
    hidden: names((f) => f.display !== 'visible'),
    required: names((f) => f.required && f.display === 'visible'),
    readOnly: names((f) => f.display === 'visible' && f.pattern !== 'editable'),
    refused,
    submitted: JSON.parse(JSON.stringify(form.values)) as Record<string, unknown>,
  };
}

async function serverRefused(data: Record<string, unknown>, previous?: Record<string, unknown>) {
  const result = await validateSubmission(LINKAGE_FORM, data, { previous });
  return result.ok ? {} : Object.fromEntries(result.errors.map((e) => [e.field, e.message]));
}

const sorted = (c: LinkageCase) => ({ hidden: [...c.hidden].sort(), required: [...c.required].sort(), readOnly: [...c.readOnly].sort() });

describe('linkage rules: the shared case table', () => {
  it('given the case form, when linted, then its rules are well formed', async () => {
    const { lintForm } = await import('../../src/forms');
    expect(lintForm(LINKAGE_FORM)).toEqual([]);
  });

  for (const c of LINKAGE_CASES) {
    describe(c.name, () => {
      it('when opened with the values in the browser form, then the fields and messages are as the table says, and the server agrees', async () => {
        const seen = await fillIn(browserForm(LINKAGE_FORM, c.values));
        expect({ hidden: seen.hidden, required: seen.required, readOnly: seen.readOnly }).toEqual(sorted(c));
        expect(seen.refused).toEqual(c.refused);
        expect(await serverRefused(seen.submitted)).toEqual(c.refused);
      });

      it('when typed in one value after another, then the rules follow the values the same way', async () => {
        const form = browserForm(LINKAGE_FORM);
        for (const [name, value] of Object.entries(c.values)) form.setValuesIn(name, value);
        const seen = await fillIn(form);
        expect({ hidden: seen.hidden, required: seen.required, readOnly: seen.readOnly }).toEqual(sorted(c));
        expect(seen.refused).toEqual(c.refused);
      });

      it('when the server evaluates the values alone, then it hides, requires and locks the same fields', () => {
        const state = evaluateLinkage(linkageRules(LINKAGE_FORM.schema), c.values);
        expect([...state.hidden].sort()).toEqual([...c.hidden].sort());
        for (const f of c.readOnly) expect(state.readOnly.has(f)).toBe(true);
      });
    });
  }
});

describe('linkage rules on the server', () => {
  it('given 通报类型 without 批评, when a value for the hidden 整改期限 is sent anyway, then it is refused as not accepted', async () => {
    const r = await validateSubmission(LINKAGE_FORM, { kind: ['表扬'], deadline: '2026-05-08' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ field: 'deadline', code: 'hidden-field', message: '“整改期限”按联动规则当前不显示，不应填写' }]);
  });

  it('given 通报类型 with 批评, when 整改期限 is missing, then it is refused as required; when present, accepted', async () => {
    const missing = await validateSubmission(LINKAGE_FORM, { kind: ['批评'] });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.map((e) => [e.field, e.code])).toEqual([['deadline', 'required']]);
    const filled = await validateSubmission(LINKAGE_FORM, { kind: ['批评'], deadline: '2026-05-08' });
    expect(filled).toEqual({ ok: true, data: { kind: ['批评'], deadline: '2026-05-08' } });
  });

  it('given a field locked by a rule, when it is changed, then it is refused; its stored value is kept', async () => {
    const previous = { summary: '原事迹' };
    const changed = await validateSubmission(LINKAGE_FORM, { kind: ['表扬'], score: 0, summary: '改过的' }, { previous });
    expect(changed.ok).toBe(false);
    if (!changed.ok) expect(changed.errors.map((e) => [e.field, e.code])).toEqual([['summary', 'readonly-field']]);
    const kept = await validateSubmission(LINKAGE_FORM, { kind: ['表扬'], score: 0 }, { previous });
    expect(kept.ok && kept.data.summary).toBe('原事迹');
  });

  it('given a field hidden at the step, when a rule reads it, then it counts as empty (the person cannot see it)', async () => {
    const permissions = { editable: ['deadline', 'recheck'], readonly: [], hidden: ['kind'], otherwise: 'readonly' as const };
    const r = await validateSubmission(LINKAGE_FORM, { deadline: '2026-05-08' }, { permissions, previous: { kind: ['批评'] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => [e.field, e.code])).toEqual([['deadline', 'hidden-field']]);
  });

  it('given rules that hide each other, when evaluated, then the evaluation stops and gives one answer', () => {
    const rules = [
      { conditions: [{ field: 'a', operator: 'notEmpty' as const }], action: 'hide' as const, fields: ['b'] },
      { conditions: [{ field: 'b', operator: 'notEmpty' as const }], action: 'hide' as const, fields: ['a'] },
    ];
    const state = evaluateLinkage(rules, { a: 1, b: 2 });
    expect(state.hidden.size).toBeGreaterThan(0);
  });
});
