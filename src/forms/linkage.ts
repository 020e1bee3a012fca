/**
 * Linkage rules ("当「通报类型」包含「批评」时，显示「整改期限」") stored as plain data under the
 * schema root's `x-duban-linkage` key, never as `x-reactions` code. One pure evaluation is used
 * by the browser (as Formily effects, see FormRenderer/linkage.ts) and by the server's
 * validation, so a field hidden by a rule is neither required nor accepted in either place.
 */
import { isEmptyValue } from './rules';
import type { SchemaNode } from './types';

/** The schema root key that holds the rules. */
export const LINKAGE_KEY = 'x-duban-linkage';

/** Operators of a condition. */
export type LinkageOperator = 'eq' | 'ne' | 'empty' | 'notEmpty' | 'contains' | 'gt' | 'lt';

/** What a rule does to its target fields while its condition holds. */
export type LinkageAction = 'show' | 'hide' | 'require' | 'readOnly';

/** A value a condition compares with. */
export type LinkageLiteral = string | number | boolean;

/** One condition: a top-level field, an operator and (except for 为空/不为空) a value. */
export interface LinkageCondition {
  field: string;
  operator: LinkageOperator;
  value?: LinkageLiteral;
}

/** One rule: conditions combined with 且 (`and`, the default) or 或 (`or`), an action and its target fields. */
export interface LinkageRule {
  conditions: LinkageCondition[];
  combine?: 'and' | 'or';
  action: LinkageAction;
  fields: string[];
  [key: string]: unknown;
}

/** The operators with their Chinese labels, in the order the designer offers them. */
export const LINKAGE_OPERATORS: { value: LinkageOperator; label: string; needsValue: boolean }[] = [
  { value: 'eq', label: '等于', needsValue: true },
  { value: 'ne', label: '不等于', needsValue: true },
  { value: 'empty', label: '为空', needsValue: false },
  { value: 'notEmpty', label: '不为空', needsValue: false },
  { value: 'contains', label: '包含', needsValue: true },
  { value: 'gt', label: '大于', needsValue: true },
  { value: 'lt', label: '小于', needsValue: true },
];

/** The actions with their Chinese labels. */
export const LINKAGE_ACTIONS: { value: LinkageAction; label: string }[] = [
  { value: 'show', label: '显示' },
  { value: 'hide', label: '隐藏' },
  { value: 'require', label: '必填' },
  { value: 'readOnly', label: '只读' },
];

/** The state rules give to fields for one set of values; a field absent from a set is as the schema says. */
export interface LinkageState {
  hidden: Set<string>;
  required: Set<string>;
  readOnly: Set<string>;
}

/** The rules of a schema (an empty list when there are none or the key is not a list). */
export function linkageRules(schema: SchemaNode | undefined): LinkageRule[] {
  const raw = schema?.[LINKAGE_KEY];
  return Array.isArray(raw) ? (raw.filter((r) => r && typeof r === 'object') as LinkageRule[]) : [];
}

/** Equality of a stored value and a rule's literal; numbers written as text compare as numbers. */
function same(a: unknown, b: LinkageLiteral | undefined): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'string') return b.trim() !== '' && Number(b) === a;
  if (typeof a === 'string' && typeof b === 'number') return a.trim() !== '' && Number(a) === b;
  return false;
}

function compare(a: unknown, b: LinkageLiteral | undefined): number | undefined {
  if (typeof a === 'number' && Number.isFinite(a)) {
    const n = typeof b === 'number' ? b : typeof b === 'string' && b.trim() !== '' ? Number(b) : NaN;
    return Number.isFinite(n) ? a - n : undefined;
  }
  // Dates are 'YYYY-MM-DD' text: they order as text.
  if (typeof a === 'string' && a !== '' && typeof b === 'string' && b !== '') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** Whether one condition holds for a value; for a list (多选, 承办单位), 等于 means "has it selected". */
export function conditionHolds(c: LinkageCondition, value: unknown): boolean {
  switch (c.operator) {
    case 'empty':
      return isEmptyValue(value);
    case 'notEmpty':
      return !isEmptyValue(value);
    case 'eq':
      return Array.isArray(value) ? value.some((v) => same(v, c.value)) : same(value, c.value);
    case 'ne':
      return Array.isArray(value) ? !value.some((v) => same(v, c.value)) : !same(value, c.value);
    case 'contains':
      if (Array.isArray(value)) return value.some((v) => same(v, c.value));
      return typeof value === 'string' && c.value !== undefined && String(c.value) !== '' && value.includes(String(c.value));
    case 'gt': {
      const d = compare(value, c.value);
      return d !== undefined && d > 0;
    }
    case 'lt': {
      const d = compare(value, c.value);
      return d !== undefined && d < 0;
    }
    default:
      return false;
  }
}

/** Whether a rule's conditions hold (且: all, 或: any; a rule without conditions never fires). */
export function ruleHolds(rule: LinkageRule, valueOf: (field: string) => unknown): boolean {
  const conditions = Array.isArray(rule.conditions) ? rule.conditions : [];
  if (conditions.length === 0) return false;
  const test = (c: LinkageCondition) => conditionHolds(c, valueOf(c.field));
  return rule.combine === 'or' ? conditions.some(test) : conditions.every(test);
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/**
 * The state of the fields for the given top-level values. A field with a 显示 rule is hidden
 * unless one of its 显示 rules holds; any holding 隐藏 rule hides it. A hidden field's value
 * counts as empty in the conditions (as in the browser, where it is not submitted), so the
 * evaluation repeats until the hidden set is stable (at most once per rule, for cycles).
 */
export function evaluateLinkage(rules: readonly LinkageRule[], values: Record<string, unknown>): LinkageState {
  const shown = new Set<string>();
  for (const rule of rules) if (rule.action === 'show') for (const f of rule.fields ?? []) shown.add(f);
  let hidden = new Set<string>();
  let state: LinkageState = { hidden, required: new Set(), readOnly: new Set() };
  for (let round = 0; round <= rules.length; round++) {
    const seen = hidden;
    const valueOf = (field: string) => (seen.has(field) ? undefined : values?.[field]);
    const next: LinkageState = { hidden: new Set(), required: new Set(), readOnly: new Set() };
    const showing = new Set<string>();
    for (const rule of rules) {
      if (!ruleHolds(rule, valueOf)) continue;
      for (const f of rule.fields ?? []) {
        if (rule.action === 'show') showing.add(f);
        else if (rule.action === 'hide') next.hidden.add(f);
        else if (rule.action === 'require') next.required.add(f);
        else if (rule.action === 'readOnly') next.readOnly.add(f);
      }
    }
    for (const f of shown) if (!showing.has(f)) next.hidden.add(f);
    state = next;
    if (sameSet(next.hidden, hidden)) break;
    hidden = next.hidden;
  }
  return state;
}

/** Every field a rule targets, for the renderer to know which fields to watch. */
export function linkageTargets(rules: readonly LinkageRule[]): Set<string> {
  const out = new Set<string>();
  for (const rule of rules) for (const f of rule.fields ?? []) out.add(f);
  return out;
}

/** A Chinese reading of one rule, e.g. "当 通报类型 包含 批评 时，显示 整改期限". */
export function describeRule(rule: LinkageRule, titleOf: (field: string) => string = (f) => f): string {
  const conditions = (rule.conditions ?? []).map((c) => {
    const op = LINKAGE_OPERATORS.find((o) => o.value === c.operator);
    if (!op) return `${titleOf(c.field)} ?`;
    if (!op.needsValue) return `${titleOf(c.field)} ${op.label}`;
    const value = typeof c.value === 'boolean' ? (c.value ? '是' : '否') : String(c.value ?? '');
    return `${titleOf(c.field)} ${op.label} ${value}`;
  });
  const action = LINKAGE_ACTIONS.find((a) => a.value === rule.action)?.label ?? String(rule.action);
  const join = rule.combine === 'or' ? ' 或 ' : ' 且 ';
  return `当 ${conditions.join(join)} 时，${action} ${(rule.fields ?? []).map(titleOf).join('、')}`;
}
