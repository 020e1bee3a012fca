import { evaluate, parseExpression } from 'feelin';
import { EngineError } from '../errors';
import { compileFast, NotFast, type FastExpression } from './fast';

const fastCache = new Map<string, FastExpression | null>();

/** Whether a diagram value is a FEEL expression (written with a leading '='). */
export function isExpression(value: string | undefined): value is string {
  return typeof value === 'string' && value.trimStart().startsWith('=');
}

/** The FEEL text of a value, without its leading '='. */
export function expressionBody(value: string): string {
  const t = value.trimStart();
  return t.startsWith('=') ? t.slice(1).trim() : t;
}

/** The deepest nesting of brackets a FEEL expression may have: deeper ones are refused, never evaluated. */
export const MAX_FEEL_DEPTH = 64;

/** The longest FEEL expression accepted, in characters. */
export const MAX_FEEL_LENGTH = 4000;

/** The deepest nesting of (), [] and {} in an expression, string literals left out. */
export function feelDepth(body: string): number {
  let depth = 0;
  let max = 0;
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(' || c === '[' || c === '{') max = Math.max(max, ++depth);
    else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return max;
}

const syntaxCache = new Map<string, string | null>();

/** A FEEL syntax problem, or null when the expression parses. */
export function feelSyntaxError(expression: string): string | null {
  const body = expressionBody(expression);
  if (!body) return '表达式为空';
  const cached = syntaxCache.get(body);
  if (cached !== undefined) return cached;
  let message: string | null = null;
  if (body.length > MAX_FEEL_LENGTH) {
    message = `表达式超过 ${MAX_FEEL_LENGTH} 个字符，请拆成几个较简单的条件`;
  } else if (feelDepth(body) > MAX_FEEL_DEPTH) {
    message = `括号嵌套超过 ${MAX_FEEL_DEPTH} 层，请拆成几个较简单的条件`;
  } else {
    parseExpression(body, {}, undefined).iterate({
      enter(node) {
        if (node.type.isError && message === null) {
          message = `第 ${node.from + 1} 个字符附近有语法错误`;
        }
      },
    });
  }
  if (syntaxCache.size > 5000) syntaxCache.clear();
  syntaxCache.set(body, message);
  return message;
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/g;
const STRING = /"(?:[^"\\]|\\.)*"/g;
const namesCache = new Map<string, string[]>();

// The variable names an expression can refer to: feelin's cost grows with the size of
// the context, so it only gets the variables the expression mentions.
function namesIn(body: string): string[] {
  let names = namesCache.get(body);
  if (!names) {
    names = [...new Set(body.replace(STRING, '""').match(WORD) ?? [])];
    if (namesCache.size > 5000) namesCache.clear();
    namesCache.set(body, names);
  }
  return names;
}

// A null-prototype context: a variable named `constructor` or `toString` is only ever a variable.
function pick(vars: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const n of names) if (Object.prototype.hasOwnProperty.call(vars, n)) Object.defineProperty(out, n, { value: vars[n], enumerable: true, writable: true, configurable: true });
  return out;
}

/** Evaluate a FEEL expression against variables; throws EngineError 'FEEL_ERROR' on a syntax error. */
export function evalFeel(expression: string, vars: Record<string, unknown>): unknown {
  const body = expressionBody(expression);
  if (body.length > MAX_FEEL_LENGTH || feelDepth(body) > MAX_FEEL_DEPTH) {
    throw new EngineError('FEEL_TOO_DEEP', `表达式过长或括号嵌套超过 ${MAX_FEEL_DEPTH} 层，不予计算`, { expression: body.slice(0, 200) });
  }
  let fast = fastCache.get(body);
  if (fast === undefined) {
    fast = compileFast(body);
    if (fastCache.size > 5000) fastCache.clear();
    fastCache.set(body, fast);
  }
  if (fast) {
    try {
      return normalize(fast(vars));
    } catch (err) {
      if (err instanceof EngineError) throw err;
      if (!(err instanceof NotFast)) throw new EngineError('FEEL_ERROR', `表达式“${body.slice(0, 200)}”无法计算`, { expression: body.slice(0, 200) });
    }
  }
  try {
    return normalize(evaluate(body, pick(vars, namesIn(body))).value);
  } catch (err) {
    if (err instanceof RangeError) throw new EngineError('FEEL_TOO_DEEP', `表达式“${body.slice(0, 200)}”过于复杂，不予计算`, { expression: body.slice(0, 200) });
    throw new EngineError('FEEL_ERROR', `表达式“${body.slice(0, 200)}”无法计算，请检查写法和变量`, { expression: body.slice(0, 200), reason: (err as Error).message });
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
