/**
 * The former server-side validation (src/forms/validate.ts before forms were compiled once),
 * kept unchanged as the reference for validate-parity.test.ts: it builds the Schema and runs
 * Formily's `validate` for every field on every call.
 */
import { validate } from '@formily/validator';
import { Schema } from '@formily/json-schema';
import { effectiveAccess, listFields } from '../../src/forms/fields';
import { codeOfRule, installFormRules, isEmptyValue } from '../../src/forms/rules';
import type {
  FieldInfo,
  FormDefinition,
  SchemaNode,
  ValidateOptions,
  ValidationCode,
  ValidationError,
  ValidationResult,
  ValidatorDescription,
} from '../../src/forms/types';

installFormRules();

const DATE_COMPONENTS = ['DatePicker', 'WorkdayDatePicker'];

/** Whether text is a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep equality of JSON values, where every "empty" value (undefined, null, '', []) is equal. */
function sameValue(a: unknown, b: unknown): boolean {
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue(a[k], b[k]));
  }
  return a === b;
}

function enumValues(node: SchemaNode): unknown[] | undefined {
  if (!Array.isArray(node.enum)) return undefined;
  return node.enum.map((e) => (isPlainObject(e) ? e.value : e));
}

function label(title: string, name: string): string {
  return `“${title || name}”`;
}

/** Builds errors for one submission; `prefix` adds "which row" for people. */
class Collector {
  readonly errors: ValidationError[] = [];
  readonly badPaths = new Set<string>();
  add(field: string, code: ValidationCode, message: string, prefix = ''): void {
    this.errors.push({ field, code, message: prefix + message });
    this.badPaths.add(field);
  }
}

/** Checks JSON types, enum membership, date formats and unknown row keys before Formily runs. */
function checkShape(info: FieldInfo, value: unknown, path: string, out: Collector, prefix: string): void {
  if (value === undefined || value === null) return;
  const name = label(info.title, info.name);
  const node = info.node;
  const typeError = (what: string) => out.add(path, 'type', `${name}应为${what}`, prefix);
  switch (info.type) {
    case 'string':
      if (typeof value !== 'string') return typeError('文本');
      if (DATE_COMPONENTS.includes(info.component ?? '') && value !== '' && !isIsoDate(value)) {
        return out.add(path, 'format', `${name}不是有效日期，应为“年-月-日”格式，如 2026-03-05`, prefix);
      }
      break;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return typeError('数字');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return typeError('“是”或“否”');
      return;
    case 'object':
      if (!isPlainObject(value)) return typeError('对象');
      return;
    case 'array':
      if (!Array.isArray(value)) return typeError('列表');
      if (info.rows) return checkRows(info, value, path, out);
      if (info.component === 'AttachmentUpload') {
        value.forEach((file, i) => {
          const ok =
            isPlainObject(file) &&
            typeof file.id === 'string' &&
            typeof file.name === 'string' &&
            (file.size === undefined || typeof file.size === 'number') &&
            (file.sha256 === undefined || typeof file.sha256 === 'string');
          if (!ok) out.add(`${path}.${i}`, 'type', `${name}的第${i + 1}个附件格式不正确`, prefix);
        });
        return;
      }
      if (node.items?.type === 'string' && value.some((v) => typeof v !== 'string')) return typeError('文本列表');
      break;
  }
  const allowed = enumValues(node);
  if (allowed) {
    const wrong = (Array.isArray(value) ? value : [value]).filter((v) => v !== '' && !allowed.includes(v));
    if (wrong.length > 0) {
      out.add(path, 'enum', `${name}的取值“${wrong.join('、')}”不在可选范围内`, prefix);
    }
  }
}

function rowPrefix(info: FieldInfo, index: number): string {
  return `${label(info.title, info.name)}第${index + 1}行：`;
}

function checkRows(info: FieldInfo, rows: unknown[], path: string, out: Collector): void {
  const rowFields = info.rows ?? [];
  const known = new Set(rowFields.map((f) => f.name));
  rows.forEach((row, i) => {
    const rowPath = `${path}.${i}`;
    const prefix = rowPrefix(info, i);
    if (!isPlainObject(row)) return out.add(rowPath, 'type', '应为一行数据', prefix);
    for (const key of Object.keys(row)) {
      if (!known.has(key)) out.add(`${rowPath}.${key}`, 'unknown-field', `表格中没有列“${key}”`, prefix);
    }
    for (const f of rowFields) checkShape(f, row[f.name], `${rowPath}.${f.name}`, out, prefix);
  });
}

const KEYWORD_RULES: Array<[keyof SchemaNode, (title: string, n: number) => string]> = [
  ['minItems', (t, n) => `“${t}”至少填写${n}项`],
  ['maxItems', (t, n) => `“${t}”最多填写${n}项`],
  ['minLength', (t, n) => `“${t}”不得少于${n}字`],
  ['maxLength', (t, n) => `“${t}”不得超过${n}字`],
  ['minimum', (t, n) => `“${t}”不能小于${n}`],
  ['maximum', (t, n) => `“${t}”不能大于${n}`],
];

/** The Formily validator descriptions of a field, and for each message the error code it stands for. */
function rulesOf(info: FieldInfo): { validator: Record<string, unknown>[]; codes: Map<string, ValidationCode> } {
  const codes = new Map<string, ValidationCode>([[`“${info.title || info.name}”为必填项`, 'required']]);
  const validator: Record<string, unknown>[] = [];
  for (const [keyword, message] of KEYWORD_RULES) {
    const n = info.node[keyword];
    if (typeof n !== 'number') continue;
    const text = message(info.title || info.name, n);
    validator.push({ [keyword]: n, message: text });
    codes.set(text, 'custom');
  }
  const raw = info.node['x-validator'];
  const list: ValidatorDescription[] = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  for (const entry of list) {
    const description: Record<string, unknown> = typeof entry === 'string' ? { format: entry } : { ...entry };
    // Only server-side rules here: no trigger filtering, every rule runs on submit.
    delete description.triggerType;
    validator.push(description);
    if (typeof description.message === 'string') codes.set(description.message, codeOfRule(description));
  }
  return { validator, codes };
}

/**
 * Validates a submission for one form at one step. Read-only and hidden fields must come back
 * unchanged (or not at all); required and rule checks apply to editable fields only. On success
 * `data` is `previous` with the editable fields of `data` merged over it.
 */
export async function validateSubmission(
  form: FormDefinition,
  data: Record<string, unknown>,
  opts: ValidateOptions = {},
): Promise<ValidationResult> {
  const { permissions, previous = {} } = opts;
  const schema = new Schema(form.schema as ConstructorParameters<typeof Schema>[0]);
  const fields = listFields(schema as unknown as SchemaNode);
  const out = new Collector();
  const known = new Set(fields.map((f) => f.name));
  for (const key of Object.keys(data ?? {})) {
    if (!known.has(key)) out.add(key, 'unknown-field', `表单“${form.name}”中没有字段“${key}”`);
  }

  const merged: Record<string, unknown> = { ...previous };
  const editable: FieldInfo[] = [];
  for (const info of fields) {
    const access = effectiveAccess(permissions, info);
    const sent = Object.prototype.hasOwnProperty.call(data, info.name);
    if (access !== 'editable') {
      const before = previous[info.name] ?? info.node.default;
      if (sent && !sameValue(data[info.name], before)) {
        out.add(info.name, 'readonly-field', `${label(info.title, info.name)}在当前环节不可修改`);
      }
      continue;
    }
    if (sent) merged[info.name] = data[info.name];
    checkShape(info, merged[info.name], info.name, out, '');
    editable.push(info);
  }

  await runFormily(editable, merged, out);
  if (out.errors.length > 0) return { ok: false, errors: out.errors };
  return { ok: true, data: merged };
}

/** The value at a dotted path ('items.0.units') of plain data. */
function valueAt(values: Record<string, unknown>, path: string): unknown {
  let v: unknown = values;
  for (const part of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/**
 * Runs Formily's required and x-validator checks over the editable fields whose shape is
 * sound. The rules go straight to Formily's validator with a field/form context, as a
 * mounted form would give them, without building a reactive form for every submission.
 */
async function runFormily(editable: FieldInfo[], values: Record<string, unknown>, out: Collector): Promise<void> {
  const form = { values, getValuesIn: (path: string) => valueAt(values, String(path)) };
  const check = async (info: FieldInfo, basePath: string | undefined): Promise<void> => {
    const path = basePath ? `${basePath}.${info.name}` : info.name;
    if (out.badPaths.has(path)) return;
    const { validator, codes } = rulesOf(info);
    const rules = info.required ? [{ required: true }, ...validator] : validator;
    const field = { title: info.title || info.name, path: { toString: () => path }, value: valueAt(values, path) };
    // validateFirst: one message per field is enough for people (e.g. not "required" and "at least one row").
    const result = await validate(field.value, rules as Parameters<typeof validate>[1], { validateFirst: true, context: { field, form } });
    for (const message of result.error ?? []) {
      out.add(path, codes.get(message) ?? 'custom', message, basePath ? rowPrefixOf.get(basePath) ?? '' : '');
    }
    if (!info.rows) return;
    const rows = field.value;
    if (!Array.isArray(rows)) return;
    for (let i = 0; i < rows.length; i++) {
      if (out.badPaths.has(`${path}.${i}`)) continue;
      rowPrefixOf.set(`${path}.${i}`, rowPrefix(info, i));
      for (const rowField of info.rows) await check(rowField, `${path}.${i}`);
    }
  };
  const rowPrefixOf = new Map<string, string>();
  for (const info of editable) await check(info, undefined);
}
