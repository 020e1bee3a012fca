import { attr, is, label, titled, type ModdleNode, type Reporter, type RuleDefinition } from '../helpers';

/** A variable name the engine can bind: letters, digits, '_' or '$', not starting with a digit. */
const VARIABLE = /^[\p{L}_$][\p{L}\p{N}_$]*$/u;

/**
 * Rule: a call activity names the process it starts (calledElement); a
 * multi-instance activity names its collection (duban:collection) and the
 * variable holding the current element (duban:elementVariable).
 */
export default function dubanCallActivity(): RuleDefinition {
  return {
    check(node: ModdleNode, reporter: Reporter) {
      if (is(node, 'bpmn:CallActivity') && attr(node, 'calledElement') === undefined) {
        reporter.report(node.id!, `调用活动${label(node)}未指定要启动的流程（calledElement）`);
      }
      if (!is(node, 'bpmn:MultiInstanceLoopCharacteristics')) return;
      const owner = node.$parent!;
      if (attr(node, 'collection') === undefined) {
        reporter.report(owner.id!, `多实例${titled(owner)}未指定遍历的集合（duban:collection）`);
      }
      const variable = attr(node, 'elementVariable');
      if (variable === undefined) {
        reporter.report(owner.id!, `多实例${titled(owner)}未指定元素变量（duban:elementVariable）`);
      } else if (!VARIABLE.test(variable)) {
        reporter.report(owner.id!, `多实例${titled(owner)}的元素变量“${variable}”不是合法的变量名`);
      }
    },
  };
}
