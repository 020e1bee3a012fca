import { body, is, label, titled, type ModdleNode, type Reporter, type RuleDefinition } from '../helpers';
import { feelSyntaxError } from '../../expressions/feel';

/** FEEL functions that read the wall clock, which would make execution depend on when it runs. */
const CLOCK = /\b(now|today)\s*\(/;

/** Timer definition parts whose body may be a FEEL expression after '='. */
const TIMER_PARTS = ['timeDuration', 'timeDate', 'timeCycle'] as const;

/**
 * Rule: every FEEL expression parses — sequence flow conditions, multi-instance
 * completion conditions and collections, timer values after '=', and every
 * `duban:` attribute whose value starts with '='.
 */
export default function dubanFeel(): RuleDefinition {
  return {
    check(node: ModdleNode, reporter: Reporter) {
      if (is(node, 'bpmn:SequenceFlow') && node.conditionExpression) {
        verify(reporter, node, `连线${label(node)}的条件`, body(node.conditionExpression) ?? '', true);
      }
      if (is(node, 'bpmn:MultiInstanceLoopCharacteristics')) {
        const owner = node.$parent!;
        if (node.completionCondition) {
          verify(reporter, owner, `${titled(owner)}的多实例完成条件`, body(node.completionCondition) ?? '', true);
        }
      }
      if (is(node, 'bpmn:TimerEventDefinition')) {
        const event = node.$parent!;
        for (const part of TIMER_PARTS) {
          const value = body(node[part]);
          if (value?.startsWith('=')) verify(reporter, event, `定时器${label(event)}的时间`, value, false);
        }
      }
      for (const [name, value] of dubanAttributes(node)) {
        // The collection is always FEEL; other attributes only when marked with '='.
        const always = name === 'collection' && is(node, 'bpmn:MultiInstanceLoopCharacteristics');
        if (!always && !value.trim().startsWith('=')) continue;
        const owner = is(node, 'bpmn:MultiInstanceLoopCharacteristics') ? node.$parent! : node;
        verify(reporter, owner, `${titled(owner)}的 duban:${name} `, value, always);
      }
    },
  };
}

/** The `duban:` attributes declared by our descriptor that are set on `node`. */
function dubanAttributes(node: ModdleNode): [string, string][] {
  const properties: any[] = node.$descriptor?.properties ?? [];
  const result: [string, string][] = [];
  for (const property of properties) {
    if (!property.isAttr || property.ns?.prefix !== 'duban') continue;
    const value = node[property.ns.localName];
    if (typeof value === 'string') result.push([property.ns.localName, value]);
  }
  return result;
}

/** Report `value` on `owner` when it does not parse; `always` = FEEL even without '='. */
function verify(reporter: Reporter, owner: ModdleNode, where: string, value: string, always: boolean): void {
  const trimmed = value.trim();
  // The engine's check strips the '=' itself; conditions and collections may omit it.
  const isFeel = always || trimmed.startsWith('=');
  const error = isFeel ? feelSyntaxError(trimmed) : null;
  // A long expression is quoted by its beginning only.
  const quoted = trimmed.length > 80 ? `${trimmed.slice(0, 60)}…` : trimmed;
  if (error && /^[$#]\{[\s\S]*\}$/.test(trimmed)) {
    // ${…} / #{…} is the expression language of Camunda 7, Flowable and Activiti, not FEEL.
    reporter.report(owner.id!, `${where}“${quoted}”是其他流程引擎的表达式（\${…}），本系统使用 FEEL 表达式（以“=”开头，如 = 金额 > 100）；请改写，或用“导入”自动转换简单的比较`);
  } else if (error) {
    reporter.report(owner.id!, `${where}表达式“${quoted}”无法解析：${error}`);
  } else if (isFeel && CLOCK.test(trimmed.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) {
    // The engine is deterministic: time comes from the step, not from the expression.
    reporter.report(owner.id!, `${where}表达式“${quoted}”使用了 now()/today()，结果会随执行时间变化；请改用期限属性（duban:due、duban:dueFrom）或流程变量中的日期`);
  }
}
