/**
 * 会签方式 of an activity: none, 并行会签 (all must complete), 并行或签 (any one:
 * completionCondition `=nrOfCompletedInstances >= 1`), 依次会签 (sequential), or a
 * custom completion condition kept as written.
 */

/** The kinds the panel offers. */
export type MultiMode = 'none' | 'parallel-all' | 'parallel-any' | 'sequential' | 'custom';

/** Chinese labels of the modes. */
export const MULTI_MODES: { value: MultiMode; label: string; help: string }[] = [
  { value: 'none', label: '不会签', help: '由一个办理人（或一组候选人中的一人）办理' },
  { value: 'parallel-all', label: '并行会签（全部办理）', help: '列表中每一项同时办理，全部完成后继续' },
  { value: 'parallel-any', label: '并行或签（任一办理）', help: '列表中每一项同时办理，任一完成即继续，其余取消' },
  { value: 'sequential', label: '依次会签', help: '按列表顺序逐一办理' },
  { value: 'custom', label: '自定义完成条件', help: '并行办理，满足完成条件时继续' },
];

/** The completion condition of 或签. */
export const ANY_ONE = '=nrOfCompletedInstances >= 1';

/** What the panel reads from `bpmn:multiInstanceLoopCharacteristics`. */
export interface MultiValue {
  mode: MultiMode;
  collection: string;
  elementVariable: string;
  completionCondition: string;
}

/** Reads a loop-characteristics element (null when the activity is not multi-instance). */
export function readMulti(loop: { $type?: string; isSequential?: boolean; completionCondition?: { body?: string }; collection?: string; elementVariable?: string } | null | undefined): MultiValue {
  if (!loop || loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return { mode: 'none', collection: '', elementVariable: '', completionCondition: '' };
  const condition = (loop.completionCondition?.body ?? '').trim();
  const normalized = condition.replace(/\s+/g, ' ');
  let mode: MultiMode;
  if (loop.isSequential) mode = 'sequential';
  else if (!condition) mode = 'parallel-all';
  else if (normalized === ANY_ONE || normalized === '=nrOfCompletedInstances>=1' || normalized === '=nrOfCompletedInstances > 0') mode = 'parallel-any';
  else mode = 'custom';
  return { mode, collection: loop.collection ?? '', elementVariable: loop.elementVariable ?? '', completionCondition: condition };
}

/** The completion condition a mode stores (undefined = none). */
export function completionFor(mode: MultiMode, custom: string): string | undefined {
  if (mode === 'parallel-any') return ANY_ONE;
  if (mode === 'custom') return custom.trim() || undefined;
  return undefined;
}
