/**
 * A compiled fast path for the small subset of FEEL that diagrams use most:
 * names and paths, string / number / boolean / null literals, `=` and `!=`,
 * `and`, `or`, `not(…)` and `if … then … else …`. Anything outside the subset
 * is left to feelin (compileFast returns null), and the results follow FEEL's
 * three-valued logic, so both paths agree (tests/engine/expressions.test.ts).
 */

type Node =
  | { t: 'lit'; v: unknown }
  | { t: 'path'; p: string[] }
  | { t: 'cmp'; op: '=' | '!='; a: Node; b: Node }
  | { t: 'and' | 'or'; items: Node[] }
  | { t: 'not'; a: Node }
  | { t: 'if'; c: Node; a: Node; b: Node };

/** A compiled expression: evaluate against variables. */
export type FastExpression = (vars: Record<string, unknown>) => unknown;

const TOKEN = /\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?![\w.]))|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(!=|=|\(|\)))/y;
const KEYWORDS = new Set(['if', 'then', 'else', 'and', 'or', 'not', 'true', 'false', 'null']);

function tokenize(src: string): string[] | null {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) return null;
    out.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
    pos = TOKEN.lastIndex;
  }
  return out;
}

class Parser {
  private i = 0;
  constructor(private readonly toks: string[]) {}

  parse(): Node | null {
    const n = this.expr();
    return n && this.i === this.toks.length ? n : null;
  }

  private peek(): string | undefined {
    return this.toks[this.i];
  }

  private eat(tok: string): boolean {
    if (this.toks[this.i] !== tok) return false;
    this.i++;
    return true;
  }

  private expr(): Node | null {
    if (this.eat('if')) {
      const c = this.or();
      if (!c || !this.eat('then')) return null;
      const a = this.expr();
      if (!a || !this.eat('else')) return null;
      const b = this.expr();
      return b ? { t: 'if', c, a, b } : null;
    }
    return this.or();
  }

  private or(): Node | null {
    const first = this.and();
    if (!first) return null;
    const items = [first];
    while (this.eat('or')) {
      const n = this.and();
      if (!n) return null;
      items.push(n);
    }
    return items.length === 1 ? first : { t: 'or', items };
  }

  private and(): Node | null {
    const first = this.cmp();
    if (!first) return null;
    const items = [first];
    while (this.eat('and')) {
      const n = this.cmp();
      if (!n) return null;
      items.push(n);
    }
    return items.length === 1 ? first : { t: 'and', items };
  }

  private cmp(): Node | null {
    const a = this.atom();
    if (!a) return null;
    const op = this.peek();
    if (op === '=' || op === '!=') {
      this.i++;
      const b = this.atom();
      return b ? { t: 'cmp', op, a, b } : null;
    }
    return a;
  }

  private atom(): Node | null {
    const tok = this.toks[this.i++];
    if (tok === undefined) return null;
    if (tok === 'not') {
      if (!this.eat('(')) return null;
      const a = this.expr();
      return a && this.eat(')') ? { t: 'not', a } : null;
    }
    if (tok === '(') {
      const a = this.expr();
      return a && this.eat(')') ? a : null;
    }
    if (tok === 'true' || tok === 'false') return { t: 'lit', v: tok === 'true' };
    if (tok === 'null') return { t: 'lit', v: null };
    if (tok.startsWith('"')) return { t: 'lit', v: JSON.parse(tok) };
    if (/^-?\d/.test(tok)) return { t: 'lit', v: Number(tok) };
    if (KEYWORDS.has(tok) || tok === ')' || tok === '=' || tok === '!=') return null;
    return { t: 'path', p: tok.split('.') };
  }
}

/** Thrown when a value falls outside what the fast path decides; the caller falls back to feelin. */
export class NotFast extends Error {}

function scalar(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function run(n: Node, vars: Record<string, unknown>): unknown {
  switch (n.t) {
    case 'lit':
      return n.v;
    case 'path': {
      let v: unknown = vars;
      for (const part of n.p) {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return null;
        v = Object.prototype.hasOwnProperty.call(v, part) ? (v as Record<string, unknown>)[part] : null;
      }
      return v === undefined ? null : v;
    }
    case 'cmp': {
      const a = run(n.a, vars);
      const b = run(n.b, vars);
      if (!scalar(a) || !scalar(b)) throw new NotFast();
      // FEEL: comparing values of different types yields null, except against null.
      if (a !== null && b !== null && typeof a !== typeof b) return null;
      return n.op === '=' ? a === b : a !== b;
    }
    case 'and': {
      let unknown = false;
      for (const item of n.items) {
        const v = run(item, vars);
        if (v === false) return false;
        if (v !== true) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'or': {
      let unknown = false;
      for (const item of n.items) {
        const v = run(item, vars);
        if (v === true) return true;
        if (v !== false) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'not': {
      const v = run(n.a, vars);
      return typeof v === 'boolean' ? !v : null;
    }
    case 'if':
      return run(n.c, vars) === true ? run(n.a, vars) : run(n.b, vars);
  }
}

/** Compile an expression body to the fast path, or null when it is outside the subset. */
export function compileFast(body: string): FastExpression | null {
  const toks = tokenize(body);
  if (!toks || toks.length === 0) return null;
  const node = new Parser(toks).parse();
  if (!node) return null;
  return (vars) => run(node, vars);
}
