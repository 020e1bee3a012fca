/**
 * Chinese messages for the bpmnlint built-in rules we enable. Built-in rules
 * report in English; each entry matches one English message and rewrites it,
 * `subject` being the reported element as named in messages (e.g. “审核”).
 */

/** One English message of a built-in rule and its Chinese rewrite. */
export interface Translation {
  pattern: RegExp;
  message: (subject: string, match: RegExpExecArray) => string;
}

const scope = (english: string) => (english === 'Sub process' ? '子流程' : '流程');

/** Translations per built-in rule id. */
export const BUILTIN_MESSAGES: Record<string, Translation[]> = {
  'no-duplicate-sequence-flows': [
    { pattern: /^SequenceFlow is a duplicate$/, message: (s) => `连线${s}与另一条连线重复（起点、终点和条件都相同）` },
    { pattern: /^Duplicate outgoing sequence flows$/, message: (s) => `元素${s}有重复的传出连线` },
    { pattern: /^Duplicate incoming sequence flows$/, message: (s) => `元素${s}有重复的传入连线` },
  ],
  'no-implicit-split': [
    {
      pattern: /^Flow splits implicitly$/,
      message: (s) => `元素${s}有多条无条件的传出连线，会隐式并行分支；请用网关明确分支`,
    },
  ],
  'end-event-required': [
    { pattern: /^(Process|Sub process) is missing end event$/, message: (s, m) => `${scope(m[1])}${s}缺少结束事件` },
  ],
  'event-based-gateway': [
    {
      pattern: /^An <Event-based Gateway> must have at least 2 outgoing <Sequence Flows>$/,
      message: (s) => `事件网关${s}至少需要两条传出连线`,
    },
    {
      pattern: /^A <Sequence Flow> outgoing from an <Event-based Gateway> must not be conditional$/,
      message: (s) => `连线${s}从事件网关出发，不能设置条件`,
    },
  ],
  'single-event-definition': [
    { pattern: /^Event has multiple event definitions$/, message: (s) => `事件${s}定义了多种事件类型，只能有一种` },
  ],
  'fake-join': [
    {
      pattern: /^Incoming flows do not join$/,
      message: (s) => `元素${s}有多条传入连线，但它们不会汇合（每条都会再次触发该元素）；需要汇合时请用并行网关`,
    },
  ],
  'superfluous-gateway': [
    {
      pattern: /^Gateway is superfluous\. It only has one source and target\.$/,
      message: (s) => `网关${s}是多余的：只有一条传入和一条传出连线`,
    },
  ],
  'no-gateway-join-fork': [
    { pattern: /^Gateway forks and joins$/, message: (s) => `网关${s}同时汇合和分支，建议拆成两个网关` },
  ],
  'superfluous-termination': [
    { pattern: /^Termination is superfluous\.$/, message: (s) => `终止结束事件${s}是多余的，可改为普通结束事件` },
  ],
  'label-required': [{ pattern: /^Element is missing label\/name$/, message: (s) => `元素${s}缺少名称` }],
};

/** The Chinese message for a built-in rule's report; unknown messages keep the English text after the element. */
export function translate(rule: string, english: string, subject: string): string {
  for (const { pattern, message } of BUILTIN_MESSAGES[rule] ?? []) {
    const match = pattern.exec(english);
    if (match) return message(subject, match);
  }
  return `元素${subject}：${english}`;
}
