import { eventDefinitions, is, isEventSubProcess, label, type ModdleNode, type Reporter, type RuleDefinition } from '../helpers';

/** Activity and gateway types the engine does not execute, with their Chinese names (most specific first). */
const UNSUPPORTED_NODES: [type: string, title: string][] = [
  ['bpmn:Transaction', '事务子流程'],
  ['bpmn:AdHocSubProcess', '自由子流程'],
  ['bpmn:ScriptTask', '脚本任务'],
  ['bpmn:BusinessRuleTask', '业务规则任务'],
  ['bpmn:ManualTask', '手工任务'],
  ['bpmn:SendTask', '发送任务'],
  ['bpmn:ReceiveTask', '接收任务'],
  ['bpmn:ComplexGateway', '复杂网关'],
];

/** Flow element types the engine executes or ignores harmlessly. */
const SUPPORTED_ELEMENTS = [
  'bpmn:UserTask',
  'bpmn:ServiceTask',
  'bpmn:CallActivity',
  'bpmn:SubProcess',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:InclusiveGateway',
  'bpmn:EventBasedGateway',
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:IntermediateCatchEvent',
  'bpmn:IntermediateThrowEvent',
  'bpmn:BoundaryEvent',
  'bpmn:SequenceFlow',
  'bpmn:DataObject',
  'bpmn:DataObjectReference',
  'bpmn:DataStoreReference',
];

/** Chinese names of event definitions, keyed by moddle type. */
const DEFINITION_TITLES: Record<string, string> = {
  'bpmn:TimerEventDefinition': '定时',
  'bpmn:MessageEventDefinition': '消息',
  'bpmn:SignalEventDefinition': '信号',
  'bpmn:ErrorEventDefinition': '错误',
  'bpmn:TerminateEventDefinition': '终止',
  'bpmn:EscalationEventDefinition': '升级',
  'bpmn:CompensateEventDefinition': '补偿',
  'bpmn:ConditionalEventDefinition': '条件',
  'bpmn:LinkEventDefinition': '链接',
  'bpmn:CancelEventDefinition': '取消',
};

/** Event definitions the engine supports per kind of event (boundary events: see duban-boundary-event). */
const SUPPORTED_DEFINITIONS: [event: string, title: string, definitions: string[]][] = [
  ['bpmn:StartEvent', '开始事件', []],
  ['bpmn:EndEvent', '结束事件', ['bpmn:TerminateEventDefinition', 'bpmn:ErrorEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:SignalEventDefinition']],
  ['bpmn:IntermediateCatchEvent', '中间捕获事件', ['bpmn:TimerEventDefinition', 'bpmn:MessageEventDefinition', 'bpmn:SignalEventDefinition']],
  ['bpmn:IntermediateThrowEvent', '中间抛出事件', ['bpmn:MessageEventDefinition', 'bpmn:SignalEventDefinition']],
];

/** Rule: refuse elements the engine does not execute (script tasks, complex gateways, compensation, link events, typed start events …). */
export default function dubanSupportedElements(): RuleDefinition {
  return {
    check(node: ModdleNode, reporter: Reporter) {
      if (!is(node, 'bpmn:FlowElement')) return;
      const refuse = (title: string) => reporter.report(node.id!, `暂不支持的元素类型：${title}${label(node)}`);
      const unsupported = UNSUPPORTED_NODES.find(([type]) => is(node, type));
      if (unsupported) return refuse(unsupported[1]);
      if (isEventSubProcess(node)) return refuse('事件子流程');
      // bpmn:Task is the supertype of every task, so it is matched exactly.
      if (node.$type === 'bpmn:Task') return refuse('未指定类型的任务');
      if (!SUPPORTED_ELEMENTS.includes(node.$type)) return refuse(`${node.$type.replace(/^bpmn:/, '')} `);
      if (node.isForCompensation) return refuse('补偿活动');
      if (is(node.loopCharacteristics, 'bpmn:StandardLoopCharacteristics')) return refuse('循环活动');
      const supported = SUPPORTED_DEFINITIONS.find(([type]) => is(node, type));
      if (!supported) return;
      const [, title, allowed] = supported;
      const definitions = eventDefinitions(node);
      for (const definition of definitions) {
        if (!allowed.includes(definition.$type)) {
          return refuse(`${DEFINITION_TITLES[definition.$type] ?? definition.$type}${title}`);
        }
      }
      if (definitions.length === 0 && is(node, 'bpmn:IntermediateCatchEvent')) {
        return refuse('无类型的中间捕获事件');
      }
    },
  };
}
