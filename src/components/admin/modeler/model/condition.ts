/**
 * Flow conditions as the simple builder edits them: `field · operator · value`,
 * written as FEEL (`=mode = "协办"`, `=score >= 60`, `=deadline != null`). Anything
 * the builder cannot represent stays raw FEEL (the advanced editor).
 */

/** Operators of the builder. */
export type ConditionOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'empty' | 'notEmpty';

/** The builder's operators with their Chinese labels. */
export const CONDITION_OPERATORS: { value: ConditionOperator; label: string }[] = [
  { value: '=', label: '等于' },
  { value: '!=', label: '不等于' },
  { value: '>', label: '大于' },
  { value: '>=', label: '大于等于' },
  { value: '<', label: '小于' },
  { value: '<=', label: '小于等于' },
  { value: 'empty', label: '为空' },
  { value: 'notEmpty', label: '不为空' },
];

/** A value of the builder: text, a number or yes/no. */
export type ConditionLiteral = string | number | boolean;

/** One simple condition. */
export interface SimpleCondition {
  field: string;
  operator: ConditionOperator;
  value?: ConditionLiteral;
}

const FIELD = /^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*$/;
const SIMPLE = /^=\s*([A-Za-z_][\w.]*)\s*(!=|>=|<=|=|>|<)\s*(.+?)\s*$/s;

function parseLiteral(text: string): ConditionLiteral | null | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
  if (m) return m[1].replace(/\\(.)/g, '$1');
  return undefined;
}

/** Reads a FEEL condition into the builder; null when it is not a single simple comparison. */
export function parseCondition(feel: string | undefined | null): SimpleCondition | null {
  const m = SIMPLE.exec((feel ?? '').trim());
  if (!m || !FIELD.test(m[1])) return null;
  const [, field, op, rest] = m;
  const literal = parseLiteral(rest);
  if (literal === undefined) return null;
  if (literal === null) {
    if (op === '=') return { field, operator: 'empty' };
    if (op === '!=') return { field, operator: 'notEmpty' };
    return null;
  }
  return { field, operator: op as ConditionOperator, value: literal };
}

const quote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Writes a builder condition as FEEL; null when it is incomplete. */
export function formatCondition(c: SimpleCondition): string | null {
  if (!FIELD.test(c.field)) return null;
  if (c.operator === 'empty') return `=${c.field} = null`;
  if (c.operator === 'notEmpty') return `=${c.field} != null`;
  if (c.value === undefined || c.value === '') return null;
  const literal = typeof c.value === 'string' ? quote(c.value) : String(c.value);
  return `=${c.field} ${c.operator} ${literal}`;
}

/** A Chinese reading of a condition for lists and tooltips. */
export function describeCondition(feel: string | undefined | null, fieldTitle: (name: string) => string = (n) => n): string {
  const c = parseCondition(feel);
  if (!c) return feel?.trim() ? `表达式 ${feel.trim()}` : '无条件';
  const op = CONDITION_OPERATORS.find((o) => o.value === c.operator)!.label;
  if (c.operator === 'empty' || c.operator === 'notEmpty') return `${fieldTitle(c.field)} ${op}`;
  const value = typeof c.value === 'boolean' ? (c.value ? '是' : '否') : String(c.value);
  return `${fieldTitle(c.field)} ${op} ${value}`;
}
