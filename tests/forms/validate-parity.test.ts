/**
 * The compiled validation gives exactly the results of the former implementation (kept in
 * reference-validate.ts): every form in forms/, at every step of processes/*.bpmn and with all
 * fields editable, over generated submissions — valid ones and broken in every way we refuse.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { registerValidateRules } from '@formily/validator';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/engine/definition';
import { listFields, loadForms, validateSubmission, validateSubmissionSync } from '../../src/forms';
import type { FieldInfo, FieldPermissions, FormDefinition, ValidationResult } from '../../src/forms';
import { validateSubmission as referenceValidate } from './reference-validate';

const forms = loadForms();
const PER_CASE = 60;

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
  return { next, pick };
}
type Random = ReturnType<typeof random>;

const UNITS = ['unit-1', 'unit-2', 'unit-3'];
const DATES = ['2026-03-01', '2026-03-05', '2026-03-05', '2026-04-30', '2025-12-31'];
const BAD_DATES = ['2026-02-30', '30/04/2026', '2026-3-5', '2026-13-01', '2026-03-05T00:00:00Z'];
const TEXTS = ['补充说明', '关于推进老旧小区改造的批示件', '  ', '', 'x'.repeat(201), '事'.repeat(200)];
const NUMBERS = [0, 1, 2, 3, 50, 100, -1, -0.5, 2026, 1999, 2101, 40, 60, 30];
const WRONG = [123, '文本', true, false, {}, { a: 1 }, [], ['a'], [1, 2], null, '', 'unit-9', '不在范围内', Number.NaN, 0];

function enumOf(info: FieldInfo): unknown[] | undefined {
  const e = info.node.enum;
  return Array.isArray(e) ? e.map((x) => (typeof x === 'object' && x !== null ? (x as { value: unknown }).value : x)) : undefined;
}

const isDate = (info: FieldInfo) => info.component === 'DatePicker' || info.component === 'WorkdayDatePicker';
const isUnit = (info: FieldInfo) => info.component === 'UnitPicker' || /unit/i.test(info.name);

function subset<T>(rnd: Random, list: readonly T[]): T[] {
  return list.filter(() => rnd.next() < 0.5);
}

/** A value of the right type, often one a rule of the form refuses (cross-field rules are drawn from small pools). */
function goodValue(info: FieldInfo, rnd: Random, depth: number): unknown {
  const allowed = enumOf(info);
  switch (info.type) {
    case 'string':
      if (allowed) return rnd.pick(allowed);
      if (isDate(info)) return rnd.pick(DATES);
      if (isUnit(info)) return rnd.pick(UNITS);
      return rnd.pick(TEXTS);
    case 'number':
      return rnd.pick(NUMBERS);
    case 'boolean':
      return rnd.next() < 0.5;
    case 'object':
      return rnd.next() < 0.8 ? {} : { note: '说明' };
    case 'array': {
      if (info.rows) {
        const n = Math.floor(rnd.next() * (depth > 0 ? 2 : 4));
        return Array.from({ length: n }, () => makeRow(info.rows!, rnd, depth + 1));
      }
      if (info.component === 'AttachmentUpload') {
        return Array.from({ length: Math.floor(rnd.next() * 3) }, (_, i) =>
          rnd.next() < 0.8 ? { id: `f${i}`, name: `附件${i}.pdf`, size: 100 + i } : rnd.pick([{ id: 1 }, 'f.pdf', { id: 'f', name: 'n', size: '1' }, null]),
        );
      }
      if (allowed) return subset(rnd, allowed);
      if (isUnit(info)) return subset(rnd, UNITS);
      return subset(rnd, TEXTS.slice(0, 3));
    }
    default:
      return rnd.pick(TEXTS);
  }
}

/** A value the server refuses or treats as empty: wrong type, bad date, outside the enum, empty. */
function badValue(info: FieldInfo, rnd: Random): unknown {
  const r = rnd.next();
  if (r < 0.25 && isDate(info)) return rnd.pick(BAD_DATES);
  if (r < 0.4 && enumOf(info)) return info.type === 'array' ? ['不在范围内', ...subset(rnd, enumOf(info)!)] : '不在范围内';
  if (r < 0.5 && info.rows) return [rnd.pick(['一行', null, 3, []]), makeRow(info.rows, rnd, 1)];
  if (r < 0.55 && info.type === 'array') return [1, '文本'];
  return rnd.pick(WRONG);
}

function fieldValue(info: FieldInfo, rnd: Random, depth: number, clean: boolean): { sent: boolean; value?: unknown } {
  const r = rnd.next();
  if (clean) return r < 0.1 && !info.required ? { sent: false } : { sent: true, value: goodValue(info, rnd, depth) };
  if (r < 0.55) return { sent: true, value: goodValue(info, rnd, depth) };
  if (r < 0.7) return { sent: false };
  if (r < 0.78) return { sent: true, value: rnd.pick([null, '', [], '   ']) };
  return { sent: true, value: badValue(info, rnd) };
}

function makeRow(fields: FieldInfo[], rnd: Random, depth: number): Record<string, unknown> {
  const clean = rnd.next() < 0.5;
  const row: Record<string, unknown> = {};
  for (const f of fields) {
    const v = fieldValue(f, rnd, depth, clean);
    if (v.sent) row[f.name] = v.value;
  }
  if (!clean && rnd.next() < 0.1) row.colour = 'red';
  return row;
}

/** A submission, and the stored data before it; read-only fields are echoed, changed or left out. */
function makeSubmission(form: FormDefinition, rnd: Random): { data: Record<string, unknown>; previous: Record<string, unknown> | undefined } {
  const fields = listFields(form.schema);
  const clean = rnd.next() < 0.35;
  const data: Record<string, unknown> = {};
  const previous: Record<string, unknown> | undefined = rnd.next() < 0.3 ? undefined : {};
  for (const f of fields) {
    if (previous && rnd.next() < 0.6) previous[f.name] = goodValue(f, rnd, 0);
    const r = rnd.next();
    if (previous && f.name in previous && r < 0.3) {
      data[f.name] = structuredClone(previous[f.name]);
      continue;
    }
    const v = fieldValue(f, rnd, 0, clean);
    if (v.sent) data[f.name] = v.value;
  }
  if (!clean && rnd.next() < 0.15) data[rnd.pick(['colour', 'caseno', 'title2'])] = '多余';
  return { data, previous };
}

/** Every (form, step permissions) pair of the process diagrams, with all-editable and a few stricter sets per form. */
async function permissionCases(): Promise<Array<{ form: FormDefinition; label: string; permissions: FieldPermissions | undefined }>> {
  const cases: Array<{ form: FormDefinition; label: string; permissions: FieldPermissions | undefined }> = [];
  for (const form of forms.values()) {
    cases.push({ form, label: `${form.key} (all editable)`, permissions: undefined });
    const names = listFields(form.schema).map((f) => f.name);
    cases.push({
      form,
      label: `${form.key} (half read-only, one hidden)`,
      permissions: { editable: names.filter((_, i) => i % 2 === 0), readonly: [], hidden: names.slice(1, 2), otherwise: 'readonly' },
    });
    cases.push({ form, label: `${form.key} (nothing editable)`, permissions: { editable: [], readonly: ['*'], hidden: [], otherwise: 'hidden' } });
  }
  const dir = new URL('../../processes/', import.meta.url);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.bpmn')).sort()) {
    const { models, problems } = await parseDefinition(readFileSync(new URL(file, dir), 'utf8'), { formKeys: [...forms.keys()] });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    for (const model of models) {
      for (const [id, el] of Object.entries(model.elements)) {
        if (!el.formKey) continue;
        cases.push({ form: forms.get(el.formKey)!, label: `${file} ${id} (${el.formKey})`, permissions: el.fields });
      }
    }
  }
  return cases;
}

/** Runs both implementations on the same submission (each on its own copy) and compares. */
async function compare(form: FormDefinition, data: Record<string, unknown>, opts: { permissions?: FieldPermissions; previous?: Record<string, unknown> }, where: string): Promise<ValidationResult> {
  const copy = () => ({ data: structuredClone(data), opts: structuredClone(opts) });
  const a = copy();
  const expected = await referenceValidate(form, a.data, a.opts);
  const b = copy();
  const actual = await validateSubmission(form, b.data, b.opts);
  const c = copy();
  const now = validateSubmissionSync(form, c.data, c.opts);
  const context = `${where}\n${JSON.stringify({ data, opts })}`;
  expect(actual, context).toStrictEqual(expected);
  expect(now, context).toStrictEqual(expected);
  return expected;
}

/**
 * The messages of the forms' own rules, which the generated submissions must reach. `minItems: 1`
 * never fires in Formily (its min rule skips empty lists, and a required list reports "required").
 */
function ruleMessages(): Set<string> {
  const messages = new Set<string>();
  const visit = (fields: FieldInfo[]) => {
    for (const f of fields) {
      const raw = f.node['x-validator'];
      for (const d of raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]) {
        if (typeof d === 'object' && typeof d.message === 'string' && d.minItems !== 1) messages.add(d.message);
      }
      if (f.rows) visit(f.rows);
    }
  };
  for (const form of forms.values()) visit(listFields(form.schema));
  return messages;
}

describe('validateSubmission (compiled) against the former implementation', () => {
  it('gives the same result for every form at every step over generated submissions', async () => {
    const cases = await permissionCases();
    expect(cases.length).toBeGreaterThan(forms.size * 3);
    const codes = new Map<string, number>();
    const seen = new Set<string>();
    let accepted = 0;
    let total = 0;
    for (const { form, label, permissions } of cases) {
      // Seeded by the step's own label, so a step added to another diagram leaves these submissions as they were.
      const rnd = random(1000 + [...label].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 0));
      for (let i = 0; i < PER_CASE; i++) {
        const { data, previous } = makeSubmission(form, rnd);
        const opts = previous === undefined ? { permissions } : { permissions, previous };
        const result = await compare(form, data, opts, `${label} #${i}`);
        total++;
        if (result.ok) accepted++;
        else
          for (const e of result.errors) {
            codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
            seen.add(e.message.replace(/^“[^”]*”第\d+行：/, ''));
          }
      }
    }
    // The generated submissions reach every kind of refusal and every rule message, and some pass.
    expect([...codes.keys()].sort()).toEqual(['custom', 'enum', 'format', 'readonly-field', 'required', 'type', 'unknown-field']);
    expect([...ruleMessages()].filter((m) => !seen.has(m))).toEqual([]);
    expect(accepted).toBeGreaterThan(total / 20);
    expect(accepted).toBeLessThan(total * 0.9);
  }, 120_000);

  it('gives the same result for a schema using every construct the forms may use', async () => {
    const form: FormDefinition = {
      key: 'parity-sample',
      name: '校验样例',
      version: 1,
      schema: {
        type: 'object',
        required: ['code'],
        properties: {
          layout: {
            type: 'void',
            'x-component': 'FormGrid',
            properties: {
              code: { type: 'string', title: '编码', 'x-index': 2, 'x-validator': [{ pattern: '^[A-Z]{2}\\d+$', message: '编码格式不对' }, 'email'] },
              mail: { type: 'string', 'x-index': 1, 'x-validator': { format: 'email', triggerType: 'onBlur' } },
              url: { type: 'string', title: '网址', 'x-validator': 'url' },
            },
          },
          count: { type: 'number', title: '数量', minimum: 1, maximum: 10, 'x-validator': [{ exclusiveMaximum: 9 }] },
          note: { type: 'string', title: '', minLength: 2, maxLength: 5, 'x-validator': [{ whitespace: true, message: '不能全是空格' }] },
          kind: { type: 'string', title: '类别', enum: ['甲', { label: '乙', value: '乙' }, 3] },
          kinds: { type: 'array', title: '类别们', enum: ['甲', '乙'], minItems: 1, maxItems: 2, 'x-validator': [{ uniqueItems: true }] },
          when: { type: 'string', title: '日期', 'x-component': 'DatePicker', default: '2026-01-01' },
          fixed: { type: 'string', title: '编号', 'x-pattern': 'readOnly', default: 'A1' },
          meta: { type: 'object', title: '附加' },
          other: { type: 'integer' as never, title: '其他', enum: [1, 2], 'x-validator': [{ const: 1, message: '只能是 1' }, { unknownRule: 1 }] },
          rows: {
            type: 'array',
            title: '明细',
            'x-validator': [{ sumOf: 'share', equals: 100, message: '合计须为100' }, { rowsComplete: { when: 'must', then: 'done' } }],
            items: {
              type: 'object',
              required: ['name'],
              properties: {
                col: { type: 'void', properties: { name: { type: 'string', title: '名称', maxLength: 3 } } },
                share: { type: 'number', title: '占比', 'x-validator': [{ minimum: 0, message: '不能为负' }, { multipleOf: 5 }] },
                must: { type: 'boolean', title: '必须' },
                done: { type: 'boolean', title: '完成' },
                units: { type: 'array', title: '单位', items: { type: 'string' } },
                lead: { type: 'string', title: '牵头', 'x-validator': [{ leadUnitOf: 'units', message: '牵头须在单位中' }] },
                sub: {
                  type: 'array',
                  title: '子项',
                  items: {
                    type: 'object',
                    properties: {
                      from: { type: 'string', title: '起', 'x-component': 'DatePicker' },
                      to: { type: 'string', title: '止', 'x-component': 'DatePicker', required: true, 'x-validator': [{ afterField: 'from', allowEqual: true, message: '止不早于起' }] },
                    },
                  },
                },
              },
            },
          },
          reason: { type: 'string', title: '理由', 'x-validator': [{ requiredWhen: { field: 'kinds', in: ['乙'] } }] },
        },
      },
    };
    const rnd = random(7);
    const fields = listFields(form.schema);
    const permissionSets: Array<FieldPermissions | undefined> = [
      undefined,
      { editable: ['*'], readonly: ['fixed'], hidden: ['meta'], otherwise: 'readonly' },
      { editable: ['rows', 'code', 'count'], readonly: [], hidden: ['note'], otherwise: 'hidden' },
    ];
    for (const permissions of permissionSets) {
      for (let i = 0; i < 400; i++) {
        const { data, previous } = makeSubmission(form, rnd);
        if (rnd.next() < 0.3) data.code = rnd.pick(['AB12', 'ab12', 'AB', 'a@b.cn', 'AB1@x.cn', '']);
        if (rnd.next() < 0.3) data.mail = rnd.pick(['a@b.cn', 'nope', '']);
        if (rnd.next() < 0.3) data.url = rnd.pick(['https://example.org', 'nope']);
        if (rnd.next() < 0.3) data.count = rnd.pick([0, 1, 5, 9, 10, 11]);
        if (rnd.next() < 0.2) data.other = rnd.pick([1, 2, 3]);
        expect(fields.length).toBeGreaterThan(10);
        await compare(form, data, previous === undefined ? { permissions } : { permissions, previous }, `sample #${i}`);
      }
    }
  }, 60_000);

  it('gives the same result when a rule answers later, and the synchronous form then refuses to run', async () => {
    registerValidateRules({
      parityLater: (value: unknown) =>
        Promise.resolve(
          value === 'ok' ? true : value === 'warn' ? { type: 'warning', message: '仅提示' } : value === 'text' ? '“{{field.title}}”不行（{{value}}）' : value === 'throw' ? Promise.reject(new Error('出错了')) : false,
        ),
    } as never);
    const form: FormDefinition = {
      key: 'parity-later',
      name: '异步规则',
      version: 1,
      schema: {
        type: 'object',
        properties: {
          a: { type: 'string', title: '甲', required: true, 'x-validator': [{ parityLater: true, message: '甲不行' }] },
          b: { type: 'string', title: '乙', 'x-validator': [{ validator: 'not a function' }] },
          c: { type: 'string', title: '丙', 'x-validator': [{ parityLater: true }, { maxLength: 2, message: '丙太长' }] },
          rows: { type: 'array', title: '行', items: { type: 'object', properties: { d: { type: 'string', title: '丁', 'x-validator': [{ parityLater: true }] } } } },
        },
      },
    };
    const values = ['ok', 'warn', 'text', 'throw', 'no', '', undefined];
    const rnd = random(11);
    for (let i = 0; i < 200; i++) {
      const data: Record<string, unknown> = {};
      for (const key of ['a', 'b', 'c']) {
        const v = rnd.pick(values);
        if (v !== undefined) data[key] = v;
      }
      if (rnd.next() < 0.5) data.rows = Array.from({ length: Math.floor(rnd.next() * 3) }, () => ({ d: rnd.pick(values) ?? 'ok' }));
      const copy = structuredClone(data);
      expect(await validateSubmission(form, copy), JSON.stringify(data)).toStrictEqual(await referenceValidate(form, structuredClone(data)));
    }
    expect(() => validateSubmissionSync(form, { a: 'ok' })).toThrow(/异步校验规则/);
  });
});
