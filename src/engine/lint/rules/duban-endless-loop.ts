import { eventDefinitions, is, isAny, label, outgoingFlows, type ModdleNode, type Reporter, type RuleDefinition } from '../helpers';

/** How many elements of a loop a message names before it says “等”. */
const NAMED = 8;

/**
 * Rule: every cycle of sequence flows passes through a wait state (a user task,
 * a call activity, a timer, message or signal event, an event-based gateway, or
 * a sub-process that waits inside). A cycle without one would run forever in a
 * single step; it is reported once, naming its elements. Linear: one Tarjan
 * pass per process or sub-process, without recursion.
 */
export default function dubanEndlessLoop(): RuleDefinition {
  return {
    check(node: ModdleNode, reporter: Reporter) {
      if (!isAny(node, ['bpmn:Process', 'bpmn:SubProcess'])) return;
      const nodes = ((node.flowElements ?? []) as ModdleNode[]).filter((el) => is(el, 'bpmn:FlowNode') && !waits(el));
      for (const cycle of cycles(nodes)) {
        const names = cycle.slice(0, NAMED).map(label).join('→');
        reporter.report(
          cycle[0].id!,
          `${names}${cycle.length > NAMED ? ` 等 ${cycle.length} 个元素` : ''}构成循环，且循环中没有需要等待的环节（用户任务、调用活动、定时或消息事件），流程会无限循环；请在循环中加入用户任务，或改变连线`,
        );
      }
    },
  };
}

// Memo of whether a sub-process waits somewhere inside, per lint run.
const subProcessWaits = new WeakMap<ModdleNode, boolean>();

/** Whether a token stops at this element until a later command (so a loop through it cannot spin). */
function waits(el: ModdleNode): boolean {
  if (isAny(el, ['bpmn:UserTask', 'bpmn:CallActivity', 'bpmn:ReceiveTask', 'bpmn:EventBasedGateway'])) return true;
  if (is(el, 'bpmn:IntermediateCatchEvent')) {
    return eventDefinitions(el).some((d) => isAny(d, ['bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:SignalEventDefinition']));
  }
  if (is(el, 'bpmn:SubProcess')) {
    let answer = subProcessWaits.get(el);
    if (answer === undefined) {
      answer = false;
      const stack: ModdleNode[] = [el];
      while (stack.length > 0 && !answer) {
        for (const child of (stack.pop()!.flowElements ?? []) as ModdleNode[]) {
          if (is(child, 'bpmn:SubProcess')) stack.push(child);
          else if (waits(child)) answer = true;
        }
      }
      subProcessWaits.set(el, answer);
    }
    return answer;
  }
  return false;
}

/** The strongly connected groups of more than one node (or a node looping to itself), in diagram order. */
function cycles(nodes: ModdleNode[]): ModdleNode[][] {
  const inGraph = new Set(nodes);
  const next = (n: ModdleNode): ModdleNode[] => {
    const out: ModdleNode[] = [];
    for (const flow of outgoingFlows(n)) if (inGraph.has(flow.targetRef)) out.push(flow.targetRef);
    return out;
  };
  const index = new Map<ModdleNode, number>();
  const low = new Map<ModdleNode, number>();
  const onStack = new Set<ModdleNode>();
  const stack: ModdleNode[] = [];
  const found: ModdleNode[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    // Iterative Tarjan: each frame is a node and the position in its successor list.
    const frames: { node: ModdleNode; succ: ModdleNode[]; i: number }[] = [];
    const open = (n: ModdleNode) => {
      index.set(n, counter);
      low.set(n, counter);
      counter++;
      stack.push(n);
      onStack.add(n);
      frames.push({ node: n, succ: next(n), i: 0 });
    };
    open(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      if (frame.i < frame.succ.length) {
        const m = frame.succ[frame.i++];
        if (!index.has(m)) open(m);
        else if (onStack.has(m)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(m)!));
        continue;
      }
      frames.pop();
      const n = frame.node;
      if (frames.length > 0) {
        const parent = frames[frames.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(n)!));
      }
      if (low.get(n) !== index.get(n)) continue;
      const group: ModdleNode[] = [];
      let m: ModdleNode;
      do {
        m = stack.pop()!;
        onStack.delete(m);
        group.push(m);
      } while (m !== n);
      if (group.length > 1 || frame.succ.includes(n)) found.push(group.reverse());
    }
  }
  const order = new Map(nodes.map((n, i) => [n, i]));
  for (const group of found) group.sort((a, b) => order.get(a)! - order.get(b)!);
  return found.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}
