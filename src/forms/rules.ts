/**
 * Duban's named validation rules and Chinese messages, registered into Formily's
 * validator. Forms reference them as data (`x-validator: [{ leadUnitOf: 'units', message }]`),
 * so no expression is ever compiled; the same rules run in the browser and on the server.
 */
import { registerValidateLocale, registerValidateRules, setValidateLanguage } from '@formily/core';

/** The context Formily hands to a rule: the rule's own keys plus the field and its form. */
interface RuleContext {
  field?: { path: { toString(): string } };
  form?: { getValuesIn(path: string): unknown };
  [key: string]: unknown;
}

type RuleResult = boolean | string;
type Rule = (value: unknown, rule: Record<string, unknown>, ctx: RuleContext) => RuleResult;

/** Whether a value counts as not filled in (undefined, null, blank text, empty list). */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** The value of a field next to the validated one (same row for rows, the form root otherwise). */
function siblingValue(ctx: RuleContext, name: string): unknown {
  if (!ctx.form || !ctx.field) return undefined;
  const segments = ctx.field.path.toString().split('.');
  segments.pop();
  return ctx.form.getValuesIn([...segments, name].join('.'));
}

/** Named rules, each `(value, rule, ctx) → true | false`; `false` shows the rule's `message`. */
export const formRules: Record<string, Rule> = {
  /** The lead unit must be one of the row's units; required when there are several units. */
  leadUnitOf(value, rule, ctx) {
    const units = siblingValue(ctx, String(rule.leadUnitOf));
    const list = Array.isArray(units) ? units : isEmptyValue(units) ? [] : [units];
    if (isEmptyValue(value)) return list.length <= 1;
    return list.includes(value);
  },
  /** Required when another field holds (or, for lists, contains) one of the given values. */
  requiredWhen(value, rule, ctx) {
    const spec = (rule.requiredWhen ?? {}) as { field?: string; in?: unknown[] };
    const other = siblingValue(ctx, String(spec.field));
    const values = spec.in ?? [];
    const matches = Array.isArray(other) ? other.some((v) => values.includes(v)) : values.includes(other);
    return !(matches && isEmptyValue(value));
  },
  /** A 'YYYY-MM-DD' date later than (or with `allowEqual`, not earlier than) another date field. */
  afterField(value, rule, ctx) {
    const other = siblingValue(ctx, String(rule.afterField));
    if (isEmptyValue(value) || isEmptyValue(other)) return true;
    const [a, b] = [String(value), String(other)];
    return rule.allowEqual === true ? a >= b : a > b;
  },
  /** The rows' numeric column `sumOf` adds up to `equals`. */
  sumOf(value, rule) {
    if (!Array.isArray(value) || value.length === 0) return true;
    const column = String(rule.sumOf);
    const sum = value.reduce((acc: number, row) => acc + (Number((row as Record<string, unknown>)?.[column]) || 0), 0);
    return Math.abs(sum - Number(rule.equals)) < 1e-9;
  },
  /** Every row whose `when` column is on has its `then` column on (e.g. required materials present). */
  rowsComplete(value, rule) {
    if (!Array.isArray(value)) return true;
    const spec = (rule.rowsComplete ?? {}) as { when?: string; then?: string };
    return value.every((row) => {
      const r = (row ?? {}) as Record<string, unknown>;
      return r[String(spec.when)] !== true || r[String(spec.then)] === true;
    });
  },
};

/** Default Chinese messages; `{{field.title}}` is filled in by Formily. */
export const formMessages: Record<string, string> = {
  required: '“{{field.title}}”为必填项',
  leadUnitOf: '“{{field.title}}”须为所列单位之一',
  requiredWhen: '“{{field.title}}”为必填项',
  afterField: '“{{field.title}}”的日期不符合要求',
  sumOf: '“{{field.title}}”的合计不符合要求',
  rowsComplete: '“{{field.title}}”尚有未完成的必备项',
};

let installed = false;

/** Registers the rules and the zh-CN messages into Formily once, and makes zh-CN the validation language. */
export function installFormRules(): void {
  if (installed) return;
  installed = true;
  registerValidateRules(formRules as unknown as Parameters<typeof registerValidateRules>[0]);
  registerValidateLocale({ 'zh-CN': formMessages });
  setValidateLanguage('zh-CN');
}

/** The code a rule's failure is reported with. */
export function codeOfRule(description: Record<string, unknown>): 'required' | 'format' | 'custom' {
  if ('required' in description || 'requiredWhen' in description) return 'required';
  if ('format' in description || 'pattern' in description) return 'format';
  return 'custom';
}
