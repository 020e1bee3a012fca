/**
 * The form designer's model: every form in forms/ read into the model and written back is
 * unchanged (to the byte, as JSON text); edits keep the keys the designer does not know.
 */
import { describe, expect, it } from 'vitest';
import { lintForm, loadForms, type FormDefinition } from '../../../src/forms';
import {
  duplicateNode,
  findNode,
  fromDefinition,
  insertNode,
  moveNode,
  newId,
  record,
  redo,
  removeNode,
  startHistory,
  toDefinition,
  topFields,
  undo,
  updateNode,
} from '../../../src/components/admin/forms/designer/model';
import { keyFromTitle } from '../../../src/components/admin/forms/designer/keys';
import { PALETTE } from '../../../src/components/admin/forms/designer/palette';
import { summarizeChanges } from '../../../src/components/admin/forms/designer/summary';

const forms = [...loadForms().values()];

describe('designer model: round trip', () => {
  for (const def of forms) {
    it(`given ${def.key}, when read into the model and written back, then the JSON is unchanged`, () => {
      const text = JSON.stringify(def, null, 2);
      const back = toDefinition(fromDefinition(JSON.parse(text) as FormDefinition));
      expect(JSON.stringify(back, null, 2)).toBe(text);
    });
  }

  it('given a node with keys the designer does not know, when another field is edited and moved, then those keys are kept', () => {
    const def: FormDefinition = {
      key: 'keep',
      name: '保留',
      version: 3,
      'x-owner': { a: 1 },
      schema: {
        type: 'object',
        'x-root-extra': [1, 2],
        properties: {
          a: { type: 'string', title: '甲', 'x-decorator': 'FormItem', 'x-component': 'Input', 'x-custom': { deep: true }, 'x-index': 1 },
          b: { type: 'string', title: '乙', 'x-decorator': 'FormItem', 'x-component': 'Input', 'x-index': 0 },
        },
      },
    } as FormDefinition;
    let m = fromDefinition(def);
    const b = m.nodes.find((n) => n.name === 'b')!;
    m = updateNode(m, b.id, (s) => ({ ...s, title: '乙二' }));
    m = moveNode(m, b.id, null, 'children', 0);
    const out = toDefinition(m) as any;
    expect(out['x-owner']).toEqual({ a: 1 });
    expect(out.schema['x-root-extra']).toEqual([1, 2]);
    expect(out.schema.properties.a['x-custom']).toEqual({ deep: true });
    expect(Object.keys(out.schema.properties)).toEqual(['b', 'a']);
    // Once the designer orders the list, declaration order is the order Formily renders.
    expect(out.schema.properties.a['x-index']).toBeUndefined();
  });
});

describe('designer model: edits', () => {
  const circular = forms.find((f) => f.key === 'circular')!;

  it('given circular, when a field is added, copied, moved, removed, then undo and redo walk back and forth', () => {
    let h = startHistory(fromDefinition(circular));
    const item = PALETTE.find((p) => p.kind === 'workday')!;
    const node = { id: newId(), name: 'newDeadline', schema: { ...item.schema(), title: '新期限' } };
    h = record(h, insertNode(h.present, null, 'children', 1, node));
    expect(h.present.nodes[1].name).toBe('newDeadline');
    const dup = duplicateNode(h.present, node.id);
    h = record(h, dup.model);
    expect(dup.copy!.name).toBe('newDeadline2');
    h = record(h, moveNode(h.present, node.id, null, 'children', h.present.nodes.length));
    expect(h.present.nodes.at(-1)!.name).toBe('newDeadline');
    h = record(h, removeNode(h.present, dup.copy!.id));
    expect(findNode(h.present, dup.copy!.id)).toBeUndefined();
    const edited = toDefinition(h.present);
    expect(lintForm(edited)).toEqual([]);
    h = undo(undo(undo(undo(h))));
    expect(JSON.stringify(toDefinition(h.present))).toBe(JSON.stringify(circular));
    h = redo(redo(redo(redo(h))));
    expect(JSON.stringify(toDefinition(h.present))).toBe(JSON.stringify(edited));
  });

  it('given a grid, when a field is moved into it and out again, then it lands in the grid and back', () => {
    const grid = PALETTE.find((p) => p.kind === 'grid')!;
    let m = fromDefinition(circular);
    const g = { id: newId(), name: 'grid', schema: grid.schema(), children: [] };
    m = insertNode(m, null, 'children', 0, g);
    const title = m.nodes.find((n) => n.name === 'title')!;
    m = moveNode(m, title.id, g.id, 'children', 0);
    const out = toDefinition(m) as any;
    expect(Object.keys(out.schema.properties.grid.properties)).toEqual(['title']);
    expect(out.schema.properties.title).toBeUndefined();
    expect(topFields(m).map((n) => n.name)).toContain('title');
    // A container cannot be moved into itself.
    expect(moveNode(m, g.id, g.id, 'children', 0)).toBe(m);
    m = moveNode(m, title.id, null, 'children', 1);
    expect((toDefinition(m) as any).schema.properties.title.title).toBe('标题');
  });

  it('given every palette entry, when added to a form, then the form passes lint', () => {
    let m = fromDefinition(circular);
    for (const p of PALETTE) m = insertNode(m, null, 'children', m.nodes.length, { id: newId(), name: `x_${p.kind}`, schema: p.schema(), children: p.kind === 'grid' ? [] : undefined });
    expect(lintForm(toDefinition(m))).toEqual([]);
  });
});

describe('designer: keys and change summary', () => {
  it('given Chinese titles, when keys are made, then known words become camelCase English', () => {
    expect(keyFromTitle('整改期限')).toBe('rectificationDeadline');
    expect(keyFromTitle('联系人电话')).toBe('contactPhone');
    expect(keyFromTitle('某某')).toBe('');
  });

  it('given two versions, when summarised, then added, removed, renamed fields and rules are named in plain words', () => {
    const before = forms.find((f) => f.key === 'circular')!;
    const after = structuredClone(before) as any;
    delete after.schema.properties.scope;
    after.schema.properties.range = { ...before.schema.properties.scope };
    after.schema.properties.extra = { type: 'string', title: '补充', 'x-decorator': 'FormItem', 'x-component': 'Input' };
    after.schema.properties.title.required = false;
    after.schema['x-duban-linkage'] = [{ conditions: [{ field: 'kind', operator: 'eq', value: '批评' }], action: 'show', fields: ['rectificationDeadline'] }];
    expect(summarizeChanges(before, after)).toEqual([
      '字段“通报范围”的标识由 scope 改为 range',
      '新增字段：“补充”',
      '字段“标题”改为选填',
      '新增联动规则：当 通报类型 等于 批评 时，显示 整改期限',
    ]);
    expect(summarizeChanges(before, before)).toEqual([]);
  });
});
