/**
 * Server-side validation of a form submission against the form's own schema and the
 * step's field permissions, with @formily/validator's rules (the same rules the browser runs).
 *
 * A form definition is compiled once (its fields, shape checks and Formily rule descriptions,
 * parsed the way Formily's `parseValidatorRules` parses them); a submission is then a walk over
 * the compiled checks that calls the registered rule functions directly, with the context and
 * message rendering Formily's `validate(…, { validateFirst: true })` gives them.
 */
import {
  getValidateLanguage,
  getValidateLocale,
  getValidateMessageTemplateEngine,
  getValidateRules,
  isValidateResult,
  parseValidatorDescription,
} from '@formily/validator';
import { Schema } from '@formily/json-schema';
import { FormPath, isBool, isFn, isStr } from '@formily/shared';
import { listFields } from './fields';
import { evaluateLinkage, linkageRules, type LinkageRule } from './linkage';
import { codeOfRule, installFormRules, isEmptyValue } from './rules';
import type {
  FieldAccess,
  FieldInfo,
  FieldPermissions,
  FormDefinition,
  SchemaNode,
  ValidateOptions,
  ValidationCode,
  ValidationError,
  ValidationResult,
  ValidatorDescription,
} from './types';

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

/** The value at a dotted path ('items.0.units') of plain data. */
function valueAt(values: Record<string, unknown>, path: string): unknown {
  return walk(values, path.split('.'));
}

/** The value reached from `v` through the given keys; undefined once a step is not an object. */
function walk(v: unknown, keys: readonly string[]): unknown {
  for (const key of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

// ------------------------------------------------------------------ compiling a form

/** A rule function as registered in Formily's validator. */
type RuleFunction = (
  value: unknown,
  rule: Record<string, unknown>,
  context: Record<string, unknown>,
  format: (message: string, scope?: Record<string, unknown>) => unknown,
) => unknown;

/** One rule of a validator description, as Formily's `parseValidatorRules` builds it. */
interface CompiledRule {
  fn: RuleFunction;
  /** The parsed description (Formily's `rules`); copied into every call's context. */
  rules: Record<string, unknown>;
  /** The rule argument the function gets: the description with the resolved message. */
  arg: Record<string, unknown>;
  /** The message template: the description's own, or the locale's for the rule or format. */
  message: unknown;
}

const enum Shape {
  Text,
  Number,
  Boolean,
  Object,
  Rows,
  Attachments,
  List,
  Other,
}

/** A data field with everything a submission check needs, derived once per form. */
interface CompiledField {
  info: FieldInfo;
  name: string;
  /** `name` split at dots, as a path lookup reads it. */
  keys: string[];
  /** “title” (or “name”) for messages. */
  label: string;
  /** The title Formily's messages use (`{{field.title}}`). */
  title: string;
  shape: Shape;
  date: boolean;
  textItems: boolean;
  allowed: Set<unknown> | undefined;
  rows: CompiledField[] | undefined;
  rowNames: Set<string> | undefined;
  /** `required` (when required) and the x-validator and keyword rules, in Formily's order. */
  rules: CompiledRule[];
  codes: Map<unknown, ValidationCode>;
  /** The same field compiled as required, for while a 必填 linkage rule holds (made on first use). */
  whenRequired?: CompiledField;
}

interface CompiledForm {
  schema: unknown;
  language: unknown;
  fields: CompiledField[];
  names: Set<string>;
  linkage: LinkageRule[];
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

/** The rule keys of a parsed description in Formily's order: required first, validator last. */
function ruleKeys(rules: Record<string, unknown>): string[] {
  const keys: string[] = [];
  if ('required' in rules) keys.push('required');
  for (const key in rules) {
    if (key === 'required' || key === 'validator') continue;
    keys.push(key);
  }
  if ('validator' in rules) keys.push('validator');
  return keys;
}

/** A rule's message as Formily resolves it: the description's, else the locale's for the format or rule. */
function ruleMessage(rules: Record<string, unknown>, key: string): unknown {
  if (rules.format) return rules.message || getValidateLocale(rules.format as string);
  return rules.message || getValidateLocale(key);
}

/** The rules Formily's `validate` would run for a field, resolved against the registered rule functions. */
function compileRules(info: FieldInfo): { rules: CompiledRule[]; codes: Map<unknown, ValidationCode> } {
  const { validator, codes } = rulesOf(info);
  const descriptions = info.required ? [{ required: true }, ...validator] : validator;
  const rules: CompiledRule[] = [];
  for (const description of descriptions) {
    const parsed = parseValidatorDescription(description as Parameters<typeof parseValidatorDescription>[0]) as Record<string, unknown>;
    if (!parsed) continue;
    for (const key of ruleKeys(parsed)) {
      const fn = getValidateRules(key) as unknown as RuleFunction | undefined;
      if (!fn) continue;
      const message = ruleMessage(parsed, key);
      rules.push({ fn, rules: parsed, arg: Object.assign(Object.assign({}, parsed), { message }), message });
    }
  }
  return { rules, codes };
}

function shapeOf(info: FieldInfo): Shape {
  switch (info.type) {
    case 'string':
      return Shape.Text;
    case 'number':
      return Shape.Number;
    case 'boolean':
      return Shape.Boolean;
    case 'object':
      return Shape.Object;
    case 'array':
      if (info.rows) return Shape.Rows;
      if (info.component === 'AttachmentUpload') return Shape.Attachments;
      return Shape.List;
    default:
      return Shape.Other;
  }
}

function compileField(info: FieldInfo): CompiledField {
  const allowed = enumValues(info.node);
  const rows = info.rows?.map(compileField);
  return {
    info,
    name: info.name,
    keys: info.name.split('.'),
    label: label(info.title, info.name),
    title: info.title || info.name,
    shape: shapeOf(info),
    date: DATE_COMPONENTS.includes(info.component ?? ''),
    textItems: info.node.items?.type === 'string',
    allowed: allowed && new Set(allowed),
    rows,
    rowNames: rows && new Set(rows.map((f) => f.name)),
    ...compileRules(info),
  };
}

function compileForm(form: FormDefinition, language: unknown): CompiledForm {
  const schema = new Schema(form.schema as ConstructorParameters<typeof Schema>[0]);
  const fields = listFields(schema as unknown as SchemaNode).map(compileField);
  return { schema: form.schema, language, fields, names: new Set(fields.map((f) => f.name)), linkage: linkageRules(form.schema) };
}

/**
 * Compiled forms by definition object. A definition is treated as immutable once validated
 * (as loaded or read from the store); the rule functions and messages are those registered
 * when it is first compiled, and a change of Formily's validation language recompiles it.
 */
const compiledForms = new WeakMap<FormDefinition, CompiledForm>();

function compiled(form: FormDefinition): CompiledForm {
  const language = getValidateLanguage();
  let c = compiledForms.get(form);
  if (c === undefined || c.schema !== form.schema || c.language !== language) {
    c = compileForm(form, language);
    compiledForms.set(form, c);
  }
  return c;
}

// ------------------------------------------------------------------ checking a submission

/** Builds errors for one submission; `prefix` adds "which row" for people. */
class Collector {
  readonly errors: ValidationError[] = [];
  readonly badPaths = new Set<string>();
  add(field: string, code: ValidationCode, message: string, prefix = ''): void {
    this.errors.push({ field, code, message: prefix + message });
    this.badPaths.add(field);
  }
  isBad(path: string): boolean {
    return this.badPaths.size > 0 && this.badPaths.has(path);
  }
}

function rowPrefix(f: CompiledField, index: number): string {
  return `${f.label}第${index + 1}行：`;
}

function typeError(f: CompiledField, path: string, out: Collector, prefix: string, what: string): void {
  out.add(path, 'type', `${f.label}应为${what}`, prefix);
}

/** Checks JSON types, enum membership, date formats and unknown row keys before the rules run. */
function checkShape(f: CompiledField, value: unknown, path: string, out: Collector, prefix: string): void {
  if (value === undefined || value === null) return;
  switch (f.shape) {
    case Shape.Text:
      if (typeof value !== 'string') return typeError(f, path, out, prefix, '文本');
      if (f.date && value !== '' && !isIsoDate(value)) {
        return out.add(path, 'format', `${f.label}不是有效日期，应为“年-月-日”格式，如 2026-03-05`, prefix);
      }
      break;
    case Shape.Number:
      if (typeof value !== 'number' || !Number.isFinite(value)) return typeError(f, path, out, prefix, '数字');
      break;
    case Shape.Boolean:
      if (typeof value !== 'boolean') return typeError(f, path, out, prefix, '“是”或“否”');
      return;
    case Shape.Object:
      if (!isPlainObject(value)) return typeError(f, path, out, prefix, '对象');
      return;
    case Shape.Rows:
      if (!Array.isArray(value)) return typeError(f, path, out, prefix, '列表');
      return checkRows(f, value, path, out);
    case Shape.Attachments:
      if (!Array.isArray(value)) return typeError(f, path, out, prefix, '列表');
      value.forEach((file, i) => {
        const ok =
          isPlainObject(file) &&
          typeof file.id === 'string' &&
          typeof file.name === 'string' &&
          (file.size === undefined || typeof file.size === 'number') &&
          (file.sha256 === undefined || typeof file.sha256 === 'string');
        if (!ok) out.add(`${path}.${i}`, 'type', `${f.label}的第${i + 1}个附件格式不正确`, prefix);
      });
      return;
    case Shape.List:
      if (!Array.isArray(value)) return typeError(f, path, out, prefix, '列表');
      if (f.textItems && value.some((v) => typeof v !== 'string')) return typeError(f, path, out, prefix, '文本列表');
      break;
  }
  const allowed = f.allowed;
  if (allowed) {
    const wrong = Array.isArray(value)
      ? value.filter((v) => v !== '' && !allowed.has(v))
      : value !== '' && !allowed.has(value)
        ? [value]
        : undefined;
    if (wrong && wrong.length > 0) {
      out.add(path, 'enum', `${f.label}的取值“${wrong.join('、')}”不在可选范围内`, prefix);
    }
  }
}

function checkRows(f: CompiledField, rows: unknown[], path: string, out: Collector): void {
  const rowFields = f.rows ?? [];
  const known = f.rowNames ?? new Set<string>();
  rows.forEach((row, i) => {
    const rowPath = `${path}.${i}`;
    if (!isPlainObject(row)) return out.add(rowPath, 'type', '应为一行数据', rowPrefix(f, i));
    for (const key of Object.keys(row)) {
      if (!known.has(key)) out.add(`${rowPath}.${key}`, 'unknown-field', `表格中没有列“${key}”`, rowPrefix(f, i));
    }
    for (const rf of rowFields) {
      const value = row[rf.name];
      if (value !== undefined && value !== null) checkShape(rf, value, `${rowPath}.${rf.name}`, out, rowPrefix(f, i));
    }
  });
}

/** A rule function's answer that is still pending (an async rule); the walk is replayed once it settles. */
class Pending {
  constructor(
    readonly index: number,
    readonly promise: PromiseLike<unknown>,
    readonly context: Record<string, unknown>,
  ) {}
}

interface Settled {
  context: Record<string, unknown>;
  rejected: boolean;
  value: unknown;
}

/** One walk over a submission: counts rule calls, and holds the answers of async rules already awaited. */
interface Run {
  calls: number;
  settled: Map<number, Settled> | undefined;
}

interface Outcome {
  type: unknown;
  message: unknown;
}

const NO_MESSAGE: Outcome = { type: 'error', message: undefined };

/** Fills a message template from the rule context, as Formily's validator renders its results. */
function render(result: Outcome, context: Record<string, unknown>): Outcome {
  const message = result.message;
  if (isStr(message)) {
    const template = getValidateMessageTemplateEngine();
    if (isFn(template)) result.message = template(message, context);
    result.message = (result.message as string).replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_: string, $0: string) =>
      FormPath.getIn(context, $0),
    );
  }
  return result;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Formily's rule context: the description's keys, then `field`, `form` and `value` (built with Object.assign, as Formily does). */
function ruleContext(rule: CompiledRule, field: RuleField, form: RuleForm, value: unknown): Record<string, unknown> {
  const context: Record<string, unknown> = Object.assign({}, rule.rules);
  context.field = field;
  context.form = form;
  context.value = value;
  return context;
}

/** Runs one rule with Formily's context and turns its answer into `{ type, message }`, as Formily does. */
function runRule(rule: CompiledRule, value: unknown, field: RuleField, form: RuleForm, run: Run): Outcome {
  const index = run.calls++;
  const done = run.settled?.get(index);
  const context = done ? done.context : ruleContext(rule, field, form, value);
  try {
    let results: unknown;
    if (done) {
      if (done.rejected) throw done.value;
      results = done.value;
    } else {
      results = rule.fn(value, rule.arg, context, (message, scope) =>
        render({ type: 'error', message }, Object.assign(context, scope))?.message,
      );
      if (isThenable(results)) throw new Pending(index, results, context);
    }
    if (isBool(results)) return results ? NO_MESSAGE : render({ type: 'error', message: rule.message }, context);
    if (results) {
      if (isValidateResult(results)) return render(results as Outcome, context);
      return render({ type: 'error', message: results }, context);
    }
    return NO_MESSAGE;
  } catch (e) {
    if (e instanceof Pending) throw e;
    return { type: 'error', message: (e as { message?: unknown } | null | undefined)?.message || e };
  }
}

/** The form a rule sees in its context (`ctx.form`): the merged values and a path lookup. */
class RuleForm {
  constructor(readonly values: Record<string, unknown>) {}
  getValuesIn(path: string): unknown {
    return valueAt(this.values, String(path));
  }
}

/** A field's path as a rule sees it (`ctx.field.path.toString()`). */
class RulePath {
  constructor(private readonly path: string) {}
  toString(): string {
    return this.path;
  }
}

/** The field a rule sees in its context (`ctx.field`); `title` fills `{{field.title}}` in messages. */
class RuleField {
  readonly path: RulePath;
  constructor(
    readonly title: string,
    path: string,
    readonly value: unknown,
  ) {
    this.path = new RulePath(path);
  }
}

/**
 * Runs a field's rules (one message per field, Formily's `validateFirst`), then the same for
 * the fields of its rows. `owner`/`row` name the row the field is in, for the message prefix.
 */
function checkRules(
  f: CompiledField,
  value: unknown,
  path: string,
  owner: CompiledField | undefined,
  row: number,
  form: RuleForm,
  out: Collector,
  run: Run,
): void {
  if (f.rules.length > 0) {
    const field = new RuleField(f.title, path, value);
    for (const rule of f.rules) {
      const { type, message } = runRule(rule, value, field, form, run);
      if (!message) continue;
      if (type === 'error') {
        out.add(path, f.codes.get(message) ?? 'custom', message as string, owner ? rowPrefix(owner, row) : '');
      }
      break;
    }
  }
  if (!f.rows || !Array.isArray(value)) return;
  for (let i = 0; i < value.length; i++) {
    const rowPath = `${path}.${i}`;
    if (out.isBad(rowPath)) continue;
    const rowValue: unknown = value[i];
    for (const rf of f.rows) {
      const fieldPath = `${rowPath}.${rf.name}`;
      if (out.isBad(fieldPath)) continue;
      checkRules(rf, walk(rowValue, rf.keys), fieldPath, f, i, form, out, run);
    }
  }
}

/**
 * Runs the required and x-validator rules over the editable fields whose shape is sound, with
 * the field/form context a mounted form gives the rules, and into array rows.
 */
function runRules(editable: CompiledField[], values: Record<string, unknown>, out: Collector, run: Run): void {
  const form = new RuleForm(values);
  for (const f of editable) {
    if (out.isBad(f.name)) continue;
    checkRules(f, walk(values, f.keys), f.name, undefined, -1, form, out, run);
  }
}

const NONE: readonly string[] = [];

type AccessLists = [hidden: readonly string[], readonly: readonly string[], editable: readonly string[]];

/** A step's lists, strictest first, read once per submission. */
function accessLists(permissions: FieldPermissions | undefined): AccessLists | undefined {
  if (!permissions) return undefined;
  return [permissions.hidden ?? NONE, permissions.readonly ?? NONE, permissions.editable ?? NONE];
}

/** `effectiveAccess` (fields.ts) over lists read once: explicit listing, then `*`, then `otherwise`; schema read-only wins over editable. */
function accessIn(permissions: FieldPermissions, [hidden, readonly, editable]: AccessLists, f: CompiledField): FieldAccess {
  const access: FieldAccess = hidden.includes(f.name)
    ? 'hidden'
    : readonly.includes(f.name)
      ? 'readonly'
      : editable.includes(f.name)
        ? 'editable'
        : hidden.includes('*')
          ? 'hidden'
          : readonly.includes('*')
            ? 'readonly'
            : editable.includes('*')
              ? 'editable'
              : (permissions.otherwise ?? 'readonly');
  return access === 'editable' && f.info.readOnly ? 'readonly' : access;
}

/** The field as a 必填 linkage rule makes it: required, with its other rules. */
function requiredVariant(f: CompiledField): CompiledField {
  if (f.info.required) return f;
  f.whenRequired ??= compileField({ ...f.info, required: true });
  return f.whenRequired;
}

/** One pass over a submission; throws `Pending` when a rule answers with a promise not yet awaited. */
function check(form: FormDefinition, data: Record<string, unknown>, opts: ValidateOptions, run: Run): ValidationResult {
  const { permissions, previous = {} } = opts;
  const { fields, names, linkage } = compiled(form);
  const out = new Collector();
  for (const key of Object.keys(data ?? {})) {
    if (!names.has(key)) out.add(key, 'unknown-field', `表单“${form.name}”中没有字段“${key}”`);
  }

  const merged: Record<string, unknown> = { ...previous };
  const lists = accessLists(permissions);
  const sentOf = (f: CompiledField) => Object.prototype.hasOwnProperty.call(data, f.name);
  const unchanged = (f: CompiledField) => !sentOf(f) || sameValue(data[f.name], previous[f.name] ?? f.info.node.default);
  const accessOfField = (f: CompiledField): FieldAccess =>
    lists ? accessIn(permissions!, lists, f) : f.info.readOnly ? 'readonly' : 'editable';

  // Linkage rules read what the person filling the form sees: the sent editable values over the
  // stored ones, with the fields hidden at this step counting as empty.
  let state: ReturnType<typeof evaluateLinkage> | undefined;
  let access: FieldAccess[] | undefined;
  if (linkage.length > 0) {
    access = fields.map(accessOfField);
    const seen: Record<string, unknown> = { ...previous };
    fields.forEach((f, i) => {
      if (access![i] === 'hidden') delete seen[f.name];
      else if (access![i] === 'editable' && sentOf(f)) seen[f.name] = data[f.name];
    });
    state = evaluateLinkage(linkage, seen);
  }

  const editable: CompiledField[] = [];
  fields.forEach((f, i) => {
    const a = access ? access[i] : accessOfField(f);
    if (a !== 'editable') {
      if (!unchanged(f)) out.add(f.name, 'readonly-field', `${f.label}在当前环节不可修改`);
      return;
    }
    if (state?.hidden.has(f.name)) {
      if (!unchanged(f) && !isEmptyValue(data[f.name])) out.add(f.name, 'hidden-field', `${f.label}按联动规则当前不显示，不应填写`);
      else if (sentOf(f)) merged[f.name] = data[f.name];
      return;
    }
    if (state?.readOnly.has(f.name)) {
      if (!unchanged(f)) out.add(f.name, 'readonly-field', `${f.label}按联动规则当前只读，不可修改`);
      return;
    }
    if (sentOf(f)) merged[f.name] = data[f.name];
    const checked = state?.required.has(f.name) ? requiredVariant(f) : f;
    checkShape(checked, merged[f.name], f.name, out, '');
    editable.push(checked);
  });

  runRules(editable, merged, out, run);
  if (out.errors.length > 0) return { ok: false, errors: out.errors };
  return { ok: true, data: merged };
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
  const run: Run = { calls: 0, settled: undefined };
  for (;;) {
    try {
      run.calls = 0;
      return check(form, data, opts, run);
    } catch (e) {
      if (!(e instanceof Pending)) throw e;
      // An async rule: await its answer, then walk again with it (the other rules are pure).
      run.settled ??= new Map();
      try {
        run.settled.set(e.index, { context: e.context, rejected: false, value: await e.promise });
      } catch (error) {
        run.settled.set(e.index, { context: e.context, rejected: true, value: error });
      }
    }
  }
}

/**
 * `validateSubmission` without waiting, for forms whose rules all answer at once (every
 * rule Duban registers does). Throws when a rule of the form answers with a promise.
 */
export function validateSubmissionSync(
  form: FormDefinition,
  data: Record<string, unknown>,
  opts: ValidateOptions = {},
): ValidationResult {
  try {
    return check(form, data, opts, { calls: 0, settled: undefined });
  } catch (e) {
    if (e instanceof Pending) throw new Error(`表单“${form.name}”含异步校验规则，请使用 validateSubmission`);
    throw e;
  }
}
