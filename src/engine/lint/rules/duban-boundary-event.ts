import { eventDefinitions, is, label, type ModdleNode, type Reporter, type RuleDefinition } from '../helpers';

/** Boundary event types the engine supports, with their Chinese names. */
const SUPPORTED: Record<string, string> = {
  'bpmn:TimerEventDefinition': '定时',
  'bpmn:ErrorEventDefinition': '错误',
  'bpmn:MessageEventDefinition': '消息',
  'bpmn:SignalEventDefinition': '信号',
};

/**
 * Rule: a boundary event is attached to an activity and is a timer, error,
 * message or signal event; an error boundary event is interrupting and catches
 * either every error or an error with an errorCode; message and signal boundary
 * events reference the message or signal they wait for.
 */
export default function dubanBoundaryEvent(): RuleDefinition {
  return {
    check(node: ModdleNode, reporter: Reporter) {
      if (!is(node, 'bpmn:BoundaryEvent')) return;
      if (!is(node.attachedToRef, 'bpmn:Activity')) {
        reporter.report(node.id!, `边界事件${label(node)}没有附着在任何活动上`);
      }
      const definitions = eventDefinitions(node);
      if (definitions.length !== 1 || !SUPPORTED[definitions[0].$type]) {
        reporter.report(node.id!, `暂不支持的元素类型：边界事件${label(node)}只能是定时、错误、消息或信号事件之一`);
        return;
      }
      const definition = definitions[0];
      if (is(definition, 'bpmn:ErrorEventDefinition')) {
        if (node.cancelActivity === false) {
          reporter.report(node.id!, `错误边界事件${label(node)}必须中断活动（不能设为非中断）`);
        }
        const error: ModdleNode | undefined = definition.errorRef;
        const code = typeof error?.errorCode === 'string' ? error.errorCode.trim() : '';
        if (error && code === '') {
          reporter.report(node.id!, `错误边界事件${label(node)}引用的错误${label(error)}缺少错误码（errorCode）`);
        }
      }
      if (is(definition, 'bpmn:MessageEventDefinition') && !definition.messageRef) {
        reporter.report(node.id!, `消息边界事件${label(node)}未指定等待的消息（messageRef）`);
      }
      if (is(definition, 'bpmn:SignalEventDefinition') && !definition.signalRef) {
        reporter.report(node.id!, `信号边界事件${label(node)}未指定等待的信号（signalRef）`);
      }
    },
  };
}
