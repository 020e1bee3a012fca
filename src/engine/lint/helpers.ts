import { children } from './runner';

/**
 * Shared pieces of the lint rules: the bpmnlint rule shape, type tests on
 * moddle elements, labels for messages and the sequence-flow topology.
 */

/** A moddle element as the rules see it (bpmn-moddle has no types). */
export interface ModdleNode {
  $type: string;
  id?: string;
  name?: string;
  $parent?: ModdleNode;
  $attrs?: Record<string, string>;
  $instanceOf(type: string): boolean;
  [key: string]: any;
}

/** The reporter bpmnlint hands to a rule's check. */
export interface Reporter {
  report(id: string, message: string, path?: string[] | Record<string, unknown>): void;
}

/** A rule in bpmnlint's format, usable by bpmnlint's Linter and by bpmn-js-bpmnlint. */
export interface RuleDefinition {
  meta?: { documentation?: { url?: string } };
  check: (node: ModdleNode, reporter: Reporter) => boolean | void;
}

/** A bpmnlint rule factory; `config` is the second item of the rule's config entry. */
export type RuleFactory = (config?: any) => RuleDefinition;

// The type hierarchy is fixed by the descriptors: answers are cached per (element type, asked type).
const instanceOf = new Map<string, Map<string, boolean>>();

/** Whether a moddle element is of (or extends) the given type. */
export function is(node: ModdleNode | undefined | null, type: string): boolean {
  if (!node || typeof node.$instanceOf !== 'function') return false;
  if (node.$type === type) return true;
  let answers = instanceOf.get(node.$type);
  if (!answers) instanceOf.set(node.$type, (answers = new Map()));
  let answer = answers.get(type);
  if (answer === undefined) answers.set(type, (answer = node.$instanceOf(type) as boolean));
  return answer;
}

/** Whether a moddle element is of any of the given types. */
export function isAny(node: ModdleNode | undefined | null, types: string[]): boolean {
  return types.some((type) => is(node, type));
}

/** The element as named in a message: its name in Chinese quotes, else its id. */
export function label(node: ModdleNode | undefined | null): string {
  if (!node) return '“?”';
  const name = typeof node.name === 'string' ? node.name.trim() : '';
  return `“${name || node.id || node.$type}”`;
}

/** Chinese names of the element types that messages mention, by exact moddle type. */
const TYPE_TITLES: Record<string, string> = {
  'bpmn:Process': '流程',
  'bpmn:SubProcess': '子流程',
  'bpmn:UserTask': '用户任务',
  'bpmn:ServiceTask': '服务任务',
  'bpmn:CallActivity': '调用活动',
  'bpmn:StartEvent': '开始事件',
  'bpmn:EndEvent': '结束事件',
  'bpmn:IntermediateCatchEvent': '中间事件',
  'bpmn:IntermediateThrowEvent': '中间事件',
  'bpmn:BoundaryEvent': '边界事件',
  'bpmn:SequenceFlow': '连线',
};

/** The element as named in a message with its kind first, e.g. 用户任务“审核”. */
export function titled(node: ModdleNode | undefined | null): string {
  return `${(node && TYPE_TITLES[node.$type]) ?? '元素'}${label(node)}`;
}

/** A trimmed string attribute, or undefined when absent or blank. */
export function attr(node: ModdleNode, name: string): string | undefined {
  const value = node[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The body of a formal expression (condition, timer value), trimmed; undefined when blank. */
export function body(expression: ModdleNode | undefined | null): string | undefined {
  if (!expression || typeof expression.body !== 'string') return undefined;
  const trimmed = expression.body.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The sequence flows of one container and, per flow node, the flows leaving and entering it. */
interface Topology {
  flows: ModdleNode[];
  outgoing: Map<ModdleNode, ModdleNode[]>;
  incoming: Map<ModdleNode, ModdleNode[]>;
}

const NO_FLOWS: readonly ModdleNode[] = Object.freeze([]);
let topologies = new WeakMap<object, Topology>();

/** Forget the cached flow topology: the lint calls this when a run starts, since the diagram may have changed. */
export function resetTopology(): void {
  topologies = new WeakMap();
}

// One pass over a container's flows, so each node's flows are found in constant time.
function topology(container: ModdleNode): Topology {
  let t = topologies.get(container);
  if (t) return t;
  t = { flows: [], outgoing: new Map(), incoming: new Map() };
  for (const element of (container.flowElements ?? []) as ModdleNode[]) {
    if (element.$type !== 'bpmn:SequenceFlow') continue;
    t.flows.push(element);
    if (element.sourceRef) push(t.outgoing, element.sourceRef, element);
    if (element.targetRef) push(t.incoming, element.targetRef, element);
  }
  topologies.set(container, t);
  return t;
}

function push(map: Map<ModdleNode, ModdleNode[]>, key: ModdleNode, flow: ModdleNode): void {
  const list = map.get(key);
  if (list) list.push(flow);
  else map.set(key, [flow]);
}

/** The sequence flows of the container holding `node`. */
export function siblingFlows(node: ModdleNode): ModdleNode[] {
  return node.$parent ? topology(node.$parent).flows : (NO_FLOWS as ModdleNode[]);
}

/** Flows leaving `node`, taken from the flows' sourceRef (what the engine follows). */
export function outgoingFlows(node: ModdleNode): ModdleNode[] {
  return (node.$parent && topology(node.$parent).outgoing.get(node)) || (NO_FLOWS as ModdleNode[]);
}

/** Flows entering `node`, taken from the flows' targetRef. */
export function incomingFlows(node: ModdleNode): ModdleNode[] {
  return (node.$parent && topology(node.$parent).incoming.get(node)) || (NO_FLOWS as ModdleNode[]);
}

/** The event definitions of an event (empty for none events). */
export function eventDefinitions(node: ModdleNode): ModdleNode[] {
  return Array.isArray(node.eventDefinitions) ? node.eventDefinitions : [];
}

/** Whether a container is an event sub-process (triggered by an event, not by a flow). */
export function isEventSubProcess(node: ModdleNode): boolean {
  return is(node, 'bpmn:SubProcess') && node.triggeredByEvent === true;
}

/** Visit every element contained in a moddle tree (same order as bpmnlint, the diagram layout left out), depth first. */
export function walk(root: ModdleNode, visit: (node: ModdleNode) => void): void {
  const stack: ModdleNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
}
