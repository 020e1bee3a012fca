import {
  incomingFlows,
  is,
  isAny,
  isEventSubProcess,
  label,
  outgoingFlows,
  titled,
  type ModdleNode,
  type Reporter,
  type RuleDefinition,
} from '../helpers';

/**
 * Rule: every sequence flow connects two flow nodes of its own scope, every flow
 * node is reached (except start and boundary events) and leads on (except end
 * events). Connections are read from the flows' sourceRef/targetRef, as the
 * engine does; the nodes' <incoming>/<outgoing> lists are optional.
 */
export default function dubanDanglingFlow(): RuleDefinition {
  return {
    check(node: ModdleNode, reporter: Reporter) {
      if (is(node, 'bpmn:SequenceFlow')) {
        checkFlow(node, reporter);
        return;
      }
      if (!is(node, 'bpmn:FlowNode') || isEventSubProcess(node) || isAny(node.$parent, ['bpmn:AdHocSubProcess'])) return;
      checkNode(node, reporter);
    },
  };
}

function checkFlow(flow: ModdleNode, reporter: Reporter): void {
  const source: ModdleNode | undefined = flow.sourceRef;
  const target: ModdleNode | undefined = flow.targetRef;
  if (!source || !is(source, 'bpmn:FlowNode')) {
    reporter.report(flow.id!, `连线${label(flow)}缺少有效的起点`);
  } else if (source.$parent !== flow.$parent) {
    reporter.report(flow.id!, `连线${label(flow)}的起点${label(source)}不在同一流程或子流程内`);
  } else if (is(source, 'bpmn:EndEvent')) {
    reporter.report(flow.id!, `连线${label(flow)}从结束事件${label(source)}出发，结束事件不能有传出连线`);
  }
  if (!target || !is(target, 'bpmn:FlowNode')) {
    reporter.report(flow.id!, `连线${label(flow)}缺少有效的终点`);
  } else if (target.$parent !== flow.$parent) {
    reporter.report(flow.id!, `连线${label(flow)}的终点${label(target)}不在同一流程或子流程内`);
  } else if (isAny(target, ['bpmn:StartEvent', 'bpmn:BoundaryEvent'])) {
    reporter.report(flow.id!, `连线${label(flow)}指向${label(target)}，开始事件和边界事件不能有传入连线`);
  }
}

function checkNode(node: ModdleNode, reporter: Reporter): void {
  const incoming = incomingFlows(node);
  const outgoing = outgoingFlows(node);
  if (incoming.length === 0 && !isAny(node, ['bpmn:StartEvent', 'bpmn:BoundaryEvent'])) {
    reporter.report(node.id!, `${titled(node)}没有传入连线，流程无法到达这里`);
  }
  if (outgoing.length === 0 && !is(node, 'bpmn:EndEvent')) {
    reporter.report(node.id!, `${titled(node)}没有传出连线，流程会停在这里（请连到后续步骤或结束事件）`);
  }
}
