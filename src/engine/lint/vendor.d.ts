// Minimal declarations for the untyped CommonJS parts of bpmnlint and for bpmn-moddle.

declare module 'bpmnlint/lib/linter.js' {
  /** A lint report as a rule emits it, annotated by the linter. */
  export interface LinterReport {
    id?: string;
    message: string;
    path?: string[];
    category: 'off' | 'warn' | 'error' | 'info' | 'rule-error';
    [key: string]: unknown;
  }

  /** bpmnlint's linter: resolves the configured rules and runs them over a moddle tree. */
  export default class Linter {
    constructor(options: { config?: unknown; resolver: unknown });
    lint(moddleRoot: unknown, config?: unknown): Promise<Record<string, LinterReport[]>>;
  }
}

declare module 'bpmnlint/rules/*' {
  /** A built-in bpmnlint rule factory. */
  const factory: (config?: unknown) => { check: unknown; meta?: unknown };
  export default factory;
}

declare module 'bpmn-moddle';

declare module 'saxen' {
  /** saxen's streaming XML parser (used to screen a file before moddle builds it). */
  export class Parser {
    constructor(options?: { proxy?: boolean });
    on(event: string, handler: (...args: any[]) => void): this;
    parse(xml: string): this;
  }
}

declare module 'bpmn-auto-layout' {
  /** Lay out the first process of a diagram; returns the XML with diagram layout. */
  export function layoutProcess(xml: string): Promise<string>;
}
