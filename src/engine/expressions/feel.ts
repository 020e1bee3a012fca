import { evaluate, parseExpression } from 'feelin';
import { EngineError } from '../errors';

/** Whether a diagram value is a FEEL expression (written with a leading '='). */
export function isExpression(value: string | undefined): value is string {
  return typeof value === 'string' && value.trimStart().startsWith('=');
}

/** The FEEL text of a value, without its leading '='. */
export function expressionBody(value: string): string {
  const t = value.trimStart();
  return t.startsWith('=') ? t.slice(1).trim() : t;
}

/** A FEEL syntax problem, or null when the expression parses. */
export function feelSyntaxError(expression: string): string | null {
  const body = expressionBody(expression);
  if (!body) return '表达式为空';
  let message: string | null = null;
  parseExpression(body, {}, undefined).iterate({
    enter(node) {
      if (node.type.isError && message === null) {
        message = `第 ${node.from + 1} 个字符附近有语法错误`;
      }
    },
  });
  return message;
}

// The common shapes of gateway conditions are evaluated without parsing:
// `flag`, `not(flag)`, `name = "text"`, `name != 3`, `name = true`.
const SIMPLE = /^([A-Za-z_][A-Za-z0-9_]*)\s*(=|!=)\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null)$/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NOT_IDENT = /^not\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)$/;

function literal(text: string): unknown {
  if (text.startsWith('"')) return JSON.parse(text);
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  return Number(text);
}

/** Evaluate a FEEL expression against variables; throws EngineError 'FEEL_ERROR' on a syntax error. */
export function evalFeel(expression: string, vars: Record<string, unknown>): unknown {
  const body = expressionBody(expression);
  if (IDENT.test(body) && body !== 'true' && body !== 'false' && body !== 'null') {
    return vars[body] ?? null;
  }
  let m = SIMPLE.exec(body);
  if (m) {
    const left = vars[m[1]] ?? null;
    const right = literal(m[3]);
    return m[2] === '=' ? left === right : left !== right;
  }
  m = NOT_IDENT.exec(body);
  if (m) {
    const v = vars[m[1]];
    return typeof v === 'boolean' ? !v : null;
  }
  try {
    return normalize(evaluate(body, vars).value);
  } catch (err) {
    throw new EngineError('FEEL_ERROR', `表达式“${body}”无法计算：${(err as Error).message}`, { expression: body });
  }
}

/** Evaluate a condition: true only for FEEL `true` (null and non-booleans count as false). */
export function evalCondition(expression: string, vars: Record<string, unknown>): boolean {
  return evalFeel(expression, vars) === true;
}

/** A literal, or the value of an expression. */
export function resolveValue(value: string, vars: Record<string, unknown>): unknown {
  return isExpression(value) ? evalFeel(value, vars) : value;
}

// FEEL temporal values become ISO strings so state stays plain JSON.
function normalize(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(normalize);
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = normalize(v);
    return out;
  }
  return String(value);
}
