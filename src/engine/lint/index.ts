/**
 * The diagram lint: refuses a diagram the engine cannot run and explains each
 * problem in Chinese. Runs bpmnlint's Linter over our rules plus the built-in
 * rules that matter for an executable diagram; every rule is imported
 * statically so the lint runs in the browser as well as in Node.
 */
import type { LinterReport } from 'bpmnlint/lib/linter.js';
import endEventRequired from 'bpmnlint/rules/end-event-required.js';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway.js';
import fakeJoin from 'bpmnlint/rules/fake-join.js';
import labelRequired from 'bpmnlint/rules/label-required.js';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows.js';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork.js';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split.js';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition.js';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway.js';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination.js';
import type { Problem } from '../types';
import { incomingFlows, is, isAny, label, outgoingFlows, resetTopology, walk, type ModdleNode, type RuleDefinition, type RuleFactory } from './helpers';
import { translate } from './messages';
import { runRules, type ConfiguredRule } from './runner';
import dubanBoundaryEvent from './rules/duban-boundary-event';
import dubanCallActivity from './rules/duban-call-activity';
import dubanDanglingFlow from './rules/duban-dangling-flow';
import dubanDuration from './rules/duban-duration';
import dubanEndlessLoop from './rules/duban-endless-loop';
import dubanFeel from './rules/duban-feel';
import dubanFormKey from './rules/duban-form-key';
import dubanGatewayConditions from './rules/duban-gateway-conditions';
import dubanServiceAction from './rules/duban-service-action';
import dubanStartEvent from './rules/duban-start-event';
import dubanSupportedElements from './rules/duban-supported-elements';
import dubanTaskAssignee from './rules/duban-task-assignee';

export type { ModdleNode, RuleDefinition, RuleFactory, Reporter } from './helpers';

/** Our rules, by stable rule id (= Problem code). Their messages are Chinese already. */
export const DUBAN_RULES: Record<string, RuleFactory> = {
  'duban-start-event': dubanStartEvent,
  'duban-dangling-flow': dubanDanglingFlow,
  'duban-task-assignee': dubanTaskAssignee,
  'duban-gateway-conditions': dubanGatewayConditions,
  'duban-form-key': dubanFormKey,
  'duban-feel': dubanFeel,
  'duban-duration': dubanDuration,
  'duban-service-action': dubanServiceAction,
  'duban-call-activity': dubanCallActivity,
  'duban-supported-elements': dubanSupportedElements,
  'duban-boundary-event': dubanBoundaryEvent,
  'duban-endless-loop': dubanEndlessLoop,
};

/**
 * The bpmnlint built-in rules we run, with their severity. Errors make a
 * diagram unrunnable or ambiguous for the engine; warnings are modelling smells
 * that still run. Built-ins overlapping our rules (start events, disconnected
 * or implicit start/end, conditional flows, unsupported element types) and
 * layout-only rules are left out.
 */
export const BUILTIN_RULES: Record<string, { factory: RuleFactory; severity: 'error' | 'warn' }> = {
  // Two identical flows would produce two tokens.
  'no-duplicate-sequence-flows': { factory: withFlowLists(noDuplicateSequenceFlows), severity: 'error' },
  // Several unconditional flows out of an activity fork silently; branches must use a gateway.
  'no-implicit-split': { factory: withFlowLists(noImplicitSplit), severity: 'error' },
  // Without an end event the item can never be completed.
  'end-event-required': { factory: withFlowLists(endEventRequired), severity: 'error' },
  // An event-based gateway needs at least two unconditional branches to race.
  'event-based-gateway': { factory: withFlowLists(eventBasedGateway), severity: 'error' },
  // The engine reads only the first event definition of an event.
  'single-event-definition': { factory: withFlowLists(singleEventDefinition), severity: 'error' },
  // Runs (each arrival passes through), but is usually a missing parallel join; loops back for 重办 are fine.
  'fake-join': { factory: withFlowLists(fakeJoin), severity: 'warn' },
  'superfluous-gateway': { factory: withFlowLists(superfluousGateway), severity: 'warn' },
  'no-gateway-join-fork': { factory: withFlowLists(noGatewayJoinFork), severity: 'warn' },
  'superfluous-termination': { factory: withFlowLists(superfluousTermination), severity: 'warn' },
  'label-required': { factory: withFlowLists(labelRequired), severity: 'warn' },
};

/**
 * Wrap a built-in rule so it sees each flow node's incoming/outgoing as given by the
 * flows' sourceRef/targetRef. Built-in rules read the <incoming>/<outgoing> lists,
 * which hand-written diagrams may omit (the engine derives them from the flows too).
 * The diagram is not modified: the rule gets a read-only view of the node.
 */
function withFlowLists(builtin: unknown): RuleFactory {
  const factory = builtin as RuleFactory;
  return (config?: unknown) => {
    const rule = factory(config);
    const check = rule.check as unknown as ((node: ModdleNode, reporter: unknown) => boolean | void) | undefined;
    if (typeof check !== 'function') return rule;
    return {
      ...rule,
      check: (node, reporter) => check(isAny(node, ['bpmn:FlowNode', 'bpmn:Process']) ? flowListView(node) : node, reporter),
    } satisfies RuleDefinition;
  };
}

// One view per node and lint run (the flow index is reset at the same moment), so no rule builds them again.
let views = new WeakMap<ModdleNode, ModdleNode>();

function flowListView(node: ModdleNode): ModdleNode {
  let view = views.get(node);
  if (view) return view;
  let children: ModdleNode[] | undefined;
  view = new Proxy(node, {
    get(target, property, receiver) {
      if (property === 'incoming') return incomingFlows(target);
      if (property === 'outgoing') return outgoingFlows(target);
      // Rules such as superfluous-termination look at the children of a sub-process too.
      if (property === 'flowElements' && Array.isArray(target.flowElements)) {
        return (children ??= target.flowElements.map((child: ModdleNode) => (is(child, 'bpmn:FlowNode') ? flowListView(child) : child)));
      }
      // Type tests answered from the cache of the type hierarchy.
      if (property === '$instanceOf') return (type: string) => is(target, type);
      return Reflect.get(target, property, receiver);
    },
  });
  views.set(node, view);
  return view;
}

// Every rule's walk starts at the diagram's root: the flow topology is rebuilt there, once per rule and run.
// A process marked isExecutable="false" (a partner's pool) is shown but never run, so no rule looks inside it.
function freshTopology(factory: RuleFactory): RuleFactory {
  return (config?: unknown) => {
    const rule = factory(config);
    if (typeof rule.check !== 'function') return rule;
    return {
      ...rule,
      check: (node, reporter) => {
        if (node.$type === 'bpmn:Definitions') {
          resetTopology();
          views = new WeakMap();
        }
        if (node.$type === 'bpmn:Process' && node.isExecutable === false) return false;
        return rule.check(node, reporter);
      },
    };
  };
}

/** Options of the lint. */
export interface LintOptions {
  /** The known form keys (files in `forms/`); when absent, duban:formKey values are not checked against a list. */
  formKeys?: string[];
}

/** A bpmnlint rule resolver serving our rules and the built-ins above from memory. */
export const resolver = {
  /** Resolve a rule factory; our rules and the built-ins both live in the 'bpmnlint' package namespace. */
  resolveRule(pkg: string, ruleName: string): RuleFactory {
    const factory = pkg === 'bpmnlint' ? (DUBAN_RULES[ruleName] ?? BUILTIN_RULES[ruleName]?.factory) : undefined;
    if (!factory) throw new Error(`unknown rule <${pkg}/${ruleName}>`);
    return freshTopology(factory);
  },
  /** No named configs: the config is built by `lintConfig`. */
  resolveConfig(pkg: string, configName: string): never {
    throw new Error(`unknown config <${pkg}/${configName}>`);
  },
};

/** The bpmnlint config for our rule set; with `resolver` it can also be given to bpmn-js-bpmnlint. */
export function lintConfig(options: LintOptions = {}): { rules: Record<string, unknown> } {
  const rules: Record<string, unknown> = {};
  for (const id of Object.keys(DUBAN_RULES)) rules[id] = 'error';
  rules['duban-form-key'] = ['error', { formKeys: options.formKeys }];
  for (const [id, { severity }] of Object.entries(BUILTIN_RULES)) rules[id] = severity;
  return { rules };
}

/** Lint a diagram (the bpmn-moddle `bpmn:Definitions` root) and return its problems, errors first. */
export async function lintDefinitions(definitions: ModdleNode, options: LintOptions = {}): Promise<Problem[]> {
  // Fresh rules per run: some built-in rules keep state in their factory closure.
  const rules: ConfiguredRule[] = Object.entries(lintConfig(options).rules).map(([name, value]) => {
    const [category, config] = Array.isArray(value) ? value : [value];
    return { name, rule: resolver.resolveRule('bpmnlint', name)(config), category: category as 'error' | 'warn' };
  });
  const results = runRules(definitions, rules);

  const byId = new Map<string, ModdleNode>();
  const order = new Map<string, number>();
  walk(definitions, (node) => {
    if (typeof node.id === 'string' && !byId.has(node.id)) {
      byId.set(node.id, node);
      order.set(node.id, order.size);
    }
  });

  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      const problem = toProblem(rule, report, byId, definitions);
      const key = `${problem.code}|${problem.elementId}|${problem.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(problem);
    }
  }
  const rank = (problem: Problem) => order.get(problem.elementId) ?? Number.MAX_SAFE_INTEGER;
  return problems.sort(
    (a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || rank(a) - rank(b),
  );
}

function toProblem(rule: string, report: LinterReport, byId: Map<string, ModdleNode>, root: ModdleNode): Problem {
  const elementId = report.id ?? root.id ?? '';
  const element = byId.get(elementId);
  const elementName = typeof element?.name === 'string' && element.name.trim() !== '' ? element.name.trim() : undefined;
  if (report.category === 'rule-error') {
    return { code: rule, elementId, elementName, message: `校验规则“${rule}”运行出错：${report.message}`, severity: 'error' };
  }
  const message = rule in DUBAN_RULES ? report.message : translate(rule, report.message, element ? label(element) : `“${elementId}”`);
  return { code: rule, elementId, elementName, message, severity: report.category === 'error' ? 'error' : 'warning' };
}
