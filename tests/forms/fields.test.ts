import { describe, expect, it } from 'vitest';
import { accessOf, applyPermissions, listFields, loadForms, redactData } from '../../src/forms';
import type { FieldPermissions, SchemaNode } from '../../src/forms';

const forms = loadForms();
const perms = (p: Partial<FieldPermissions>): FieldPermissions => ({ editable: [], readonly: [], hidden: [], otherwise: 'readonly', ...p });

describe('accessOf', () => {
  it('given no permissions, when asked, then every field is editable', () => {
    expect(accessOf(undefined, 'title')).toBe('editable');
  });

  it('given explicit lists, a wildcard and a default, when asked, then explicit beats * and * beats the default', () => {
    const p = perms({ editable: ['*'], hidden: ['instruction'], otherwise: 'hidden' });
    expect(accessOf(p, 'instruction')).toBe('hidden');
    expect(accessOf(p, 'title')).toBe('editable');
    expect(accessOf(perms({ editable: ['title'] }), 'content')).toBe('readonly');
  });

  it('given a field listed twice, when asked, then the stricter access wins', () => {
    expect(accessOf(perms({ editable: ['title'], readonly: ['title'] }), 'title')).toBe('readonly');
  });
});

describe('listFields', () => {
  it('given the decomposition form, when listed, then columns are looked through and rows are described', () => {
    const fields = listFields(forms.get('decomposition')!.schema);
    const basis = fields.find((f) => f.name === 'basis')!;
    const items = fields.find((f) => f.name === 'items')!;
    expect(basis).toMatchObject({ name: 'basis', title: '分解依据', type: 'string' });
    expect(items).toMatchObject({ name: 'items', title: '分解事项', type: 'array', component: 'ArrayTable', required: true });
    expect(items.rows!.map((r) => [r.name, r.required])).toEqual([
      ['title', true], ['units', true], ['leadUnit', false], ['deadline', true], ['requirement', false],
    ]);
  });
});

describe('applyPermissions', () => {
  const schema = forms.get('registration')!.schema;

  it('given a step where 领导批示内容 is hidden, when the schema is prepared, then the field is hidden and reveals nothing', () => {
    const prepared = applyPermissions(schema, perms({ editable: ['content'], hidden: ['instruction', 'upperLevel'] }));
    const props = prepared.properties as Record<string, SchemaNode>;
    expect(props.instruction['x-display']).toBe('hidden');
    expect(props.instruction['x-pattern']).toBe('readOnly');
    expect(props.upperLevel['x-display']).toBe('hidden');
    expect(props.upperLevel).not.toHaveProperty('default');
    expect(props.upperLevel).not.toHaveProperty('description');
    expect(props.content['x-pattern']).toBe('editable');
    expect(props.title['x-pattern']).toBe('readOnly');
  });

  it('given full rights, when the schema is prepared, then system-numbered fields stay read-only and the original is untouched', () => {
    const prepared = applyPermissions(schema, undefined);
    expect((prepared.properties as Record<string, SchemaNode>).caseNo['x-pattern']).toBe('readOnly');
    expect(schema.properties.title['x-pattern']).toBeUndefined();
  });

  it('given stored data with a hidden field, when redacted for the browser, then that value is not sent', () => {
    const data = { title: '事项', instruction: '批示原文' };
    expect(redactData(schema, perms({ hidden: ['instruction'] }), data)).toEqual({ title: '事项' });
  });
});
