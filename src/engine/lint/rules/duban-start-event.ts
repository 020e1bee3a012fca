import { eventDefinitions, is, isEventSubProcess, label, type ModdleNode, type Reporter, type RuleDefinition } from '../helpers';

/** Rule: every process and embedded sub-process has exactly one none start event. */
export default function dubanStartEvent(): RuleDefinition {
  return {
    check(node: ModdleNode, reporter: Reporter) {
      const isProcess = is(node, 'bpmn:Process');
      const isSubProcess = is(node, 'bpmn:SubProcess') && !isEventSubProcess(node) && !is(node, 'bpmn:AdHocSubProcess');
      if (!isProcess && !isSubProcess) return;
      const elements: ModdleNode[] = node.flowElements ?? [];
      const starts = elements.filter((element) => is(element, 'bpmn:StartEvent') && eventDefinitions(element).length === 0);
      const kind = isProcess ? '流程' : '子流程';
      if (starts.length === 0) {
        reporter.report(node.id!, `${kind}${label(node)}缺少开始事件`);
      } else if (starts.length > 1) {
        const ids = starts.map((start) => start.id).join('、');
        reporter.report(node.id!, `${kind}${label(node)}有 ${starts.length} 个开始事件（${ids}），只能有一个`);
      }
    },
  };
}
