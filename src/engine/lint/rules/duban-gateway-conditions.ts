import { body, is, isAny, label, outgoingFlows, type ModdleNode, type Reporter, type RuleDefinition } from '../helpers';

/**
 * Rule: when an exclusive or inclusive gateway branches, every outgoing flow has a
 * condition or is the default flow; the default flow carries no condition and
 * leaves the gateway; a parallel gateway's flows carry no conditions.
 */
export default function dubanGatewayConditions(): RuleDefinition {
  return {
    check(node: ModdleNode, reporter: Reporter) {
      if (is(node, 'bpmn:ParallelGateway')) {
        for (const flow of outgoingFlows(node)) {
          if (flow.conditionExpression) {
            reporter.report(flow.id!, `并行网关${label(node)}的传出连线${label(flow)}不应设置条件（并行网关不判断条件）`);
          }
        }
        return;
      }
      if (!isAny(node, ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway'])) return;
      const outgoing = outgoingFlows(node);
      const defaultFlow: ModdleNode | undefined = node.default;
      if (defaultFlow && !outgoing.includes(defaultFlow)) {
        reporter.report(node.id!, `网关${label(node)}的默认连线${label(defaultFlow)}不是它的传出连线`);
      }
      if (defaultFlow && defaultFlow.conditionExpression) {
        reporter.report(defaultFlow.id!, `连线${label(defaultFlow)}是网关${label(node)}的默认连线，不能再设置条件`);
      }
      if (outgoing.length <= 1) return;
      for (const flow of outgoing) {
        if (flow !== defaultFlow && body(flow.conditionExpression) === undefined) {
          reporter.report(flow.id!, `网关${label(node)}的传出连线${label(flow)}既没有条件，也不是默认连线`);
        }
      }
    },
  };
}
