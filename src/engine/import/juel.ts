/**
 * Translation of the simple `${…}` / `#{…}` expressions of Camunda 7, Flowable and
 * Activiti (JUEL) into FEEL: names, literals, comparisons, and / or / not,
 * arithmetic and parentheses. Anything else (method calls, `empty`, the ternary
 * operator, beans) is not translated: the caller lists it for the administrator.
 */

const TOKEN = /\s*(?:('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(==|!=|>=|<=|&&|\|\||[()<>!+\-*/]))/y;

const WORD_OPERATORS: Record<string, string> = { eq: '=', ne: '!=', gt: '>', ge: '>=', lt: '<', le: '<=', and: 'and', or: 'or', not: 'not', div: '/' };
const SYMBOLS: Record<string, string> = { '==': '=', '!=': '!=', '>=': '>=', '<=': '<=', '>': '>', '<': '<', '&&': 'and', '||': 'or', '+': '+', '-': '-', '*': '*', '/': '/' };
const MAX_DEPTH = 32;

/** The body of a `${…}` or `#{…}` expression, or undefined when the text is not one. */
export function juelBody(text: string): string | undefined {
  const match = /^\s*[$#]\{([\s\S]*)\}\s*$/.exec(text);
  return match ? match[1] : undefined;
}

/** The FEEL form (with its leading '=') of a simple JUEL expression, or undefined when it is not simple. */
export function juelToFeel(text: string): string | undefined {
  const body = juelBody(text);
  if (body === undefined || body.trim() === '') return undefined;
  const tokens: string[] = [];
  let pos = 0;
  while (pos < body.length) {
    if (/^\s*$/.test(body.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(body);
    if (!m) return undefined;
    tokens.push(m[0].trim());
    pos = TOKEN.lastIndex;
  }
  let i = 0;
  let depth = 0;
  const peek = () => tokens[i];
  // expr := unary (binary unary)*
  const expr = (): string | undefined => {
    if (++depth > MAX_DEPTH) return undefined;
    let out = unary();
    while (out !== undefined && i < tokens.length && peek() !== ')') {
      const op = SYMBOLS[peek()] ?? (WORD_OPERATORS[peek()] !== 'not' ? WORD_OPERATORS[peek()] : undefined);
      if (!op) return undefined;
      i++;
      const right = unary();
      if (right === undefined) return undefined;
      out = `${out} ${op} ${right}`;
    }
    depth--;
    return out;
  };
  const unary = (): string | undefined => {
    const t = peek();
    if (t === undefined) return undefined;
    if (t === '!' || t === 'not') {
      i++;
      const operand = unary();
      return operand === undefined ? undefined : `not(${operand})`;
    }
    if (t === '(') {
      i++;
      const inner = expr();
      if (inner === undefined || peek() !== ')') return undefined;
      i++;
      return `(${inner})`;
    }
    if (t === '-') {
      i++;
      const operand = unary();
      return operand === undefined ? undefined : `-${operand}`;
    }
    i++;
    if (/^['"]/.test(t)) return JSON.stringify(t.slice(1, -1).replace(/\\(.)/g, '$1'));
    if (/^\d/.test(t)) return t;
    if (t === 'true' || t === 'false' || t === 'null') return t;
    if (t in WORD_OPERATORS || t === 'empty' || t === 'execution' || t === 'task' || t.startsWith('execution.') || t.startsWith('task.')) return undefined;
    // A name followed by '(' is a method or function call: not simple.
    if (peek() === '(') return undefined;
    return t;
  };
  const feel = expr();
  if (feel === undefined || i !== tokens.length) return undefined;
  return `= ${feel}`;
}
