/**
 * Runs a set of bpmnlint rules over a diagram in ONE walk of its process tree
 * (bpmnlint's own linter walks the whole tree, diagram layout included, once per
 * rule). Same rule contract as bpmnlint: `check(node, reporter)` or
 * `check: { enter, leave }`, `enter` returning false skips the node's children.
 */
import type { LinterReport } from 'bpmnlint/lib/linter.js';
import type { ModdleNode, RuleDefinition } from './helpers';

/** One configured rule: its id, its definition and the category its reports get. */
export interface ConfiguredRule {
  name: string;
  rule: RuleDefinition;
  category: 'error' | 'warn';
}

type Visit = (node: ModdleNode, reporter: RuleReporter) => boolean | void;

class RuleReporter {
  readonly reports: LinterReport[] = [];
  constructor(private readonly category: 'error' | 'warn') {}

  /** Record a report the way bpmnlint's reporter does (a path array, or extra fields). */
  report = (id: string, message: string, path?: string[] | Record<string, unknown>): void => {
    const base: LinterReport = { id, message, category: this.category };
    if (Array.isArray(path)) base.path = path;
    else if (path && typeof path === 'object') Object.assign(base, path, { id, message, category: this.category });
    this.reports.push(base);
  };
}

interface Active {
  name: string;
  enter?: Visit;
  leave?: Visit;
  reporter: RuleReporter;
  /** Depth of the node whose children this rule skips, or -1. */
  skipBelow: number;
  failed?: Error;
}

const SIMPLE_TYPES = new Set(['String', 'Boolean', 'Integer', 'Real']);
const containedByDescriptor = new WeakMap<object, string[]>();

// The properties holding child elements (as bpmnlint's traverse picks them), once per type.
function containedProperties(node: ModdleNode): { name: string; isMany: boolean }[] {
  const descriptor = node.$descriptor;
  if (!descriptor || descriptor.isGeneric) return [];
  let names = containedByDescriptor.get(descriptor) as unknown as { name: string; isMany: boolean }[] | undefined;
  if (!names) {
    names = (descriptor.properties as any[])
      .filter((p) => !p.isAttr && !p.isReference && !SIMPLE_TYPES.has(p.type))
      // The diagram layout (bpmndi) is never linted.
      .filter((p) => !(node.$type === 'bpmn:Definitions' && p.name === 'diagrams'))
      .map((p) => ({ name: p.name as string, isMany: !!p.isMany }));
    containedByDescriptor.set(descriptor, names as never);
  }
  return names;
}

/** The child elements of a node, in bpmnlint's order (the diagram layout left out). */
export function children(node: ModdleNode): ModdleNode[] {
  const out: ModdleNode[] = [];
  for (const { name, isMany } of containedProperties(node)) {
    // `in` first: reading an absent many-valued property makes moddle create it.
    if (!(name in node)) continue;
    const value = node[name];
    if (value == null) continue;
    if (isMany) for (const child of value as ModdleNode[]) out.push(child);
    else out.push(value as ModdleNode);
  }
  return out;
}

/** Run every rule over the tree under `root`; reports by rule name, a rule that throws reports one 'rule-error'. */
export function runRules(root: ModdleNode, rules: ConfiguredRule[]): Record<string, LinterReport[]> {
  const active: Active[] = rules.map(({ name, rule, category }) => {
    const check = rule.check as unknown as Visit | { enter?: Visit; leave?: Visit };
    const enter = typeof check === 'function' ? check : check?.enter;
    const leave = typeof check === 'function' ? undefined : check?.leave;
    return { name, enter, leave, reporter: new RuleReporter(category), skipBelow: -1 };
  });

  const call = (r: Active, fn: Visit | undefined, node: ModdleNode): boolean | void => {
    if (!fn || r.failed) return;
    try {
      return fn(node, r.reporter);
    } catch (err) {
      r.failed = err as Error;
    }
  };

  // An explicit stack (node, depth, whether its children were pushed): deep nesting never deepens the call stack.
  const stack: { node: ModdleNode; depth: number; entered: boolean }[] = [{ node: root, depth: 0, entered: false }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.entered) {
      stack.pop();
      for (const r of active) {
        if (r.skipBelow !== -1 && r.skipBelow < frame.depth) continue;
        if (r.skipBelow === frame.depth) r.skipBelow = -1;
        call(r, r.leave, frame.node);
      }
      continue;
    }
    frame.entered = true;
    for (const r of active) {
      if (r.skipBelow !== -1) continue;
      if (call(r, r.enter, frame.node) === false) r.skipBelow = frame.depth;
    }
    const kids = children(frame.node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], depth: frame.depth + 1, entered: false });
  }

  const results: Record<string, LinterReport[]> = {};
  for (const r of active) {
    const reports = r.failed ? [{ message: r.failed.message, category: 'rule-error' as const }] : r.reporter.reports;
    if (reports.length) results[r.name] = reports;
  }
  return results;
}
