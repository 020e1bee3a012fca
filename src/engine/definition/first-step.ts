import type { ElementModel, ProcessModel } from '../types';

/**
 * The user task a new instance of the process reaches first: followed from the start event
 * along the flows, through gateways only (any branch); null when none is reached that way.
 */
export function firstUserTask(model: ProcessModel): ElementModel | null {
  const targets = (el: ElementModel | undefined) => (el?.outgoing ?? []).map((f) => model.flows[f]?.target).filter((t): t is string => !!t);
  const queue = targets(model.elements[model.start]);
  const seen = new Set<string>();
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const el = model.elements[id];
    if (el?.type === 'userTask') return el;
    if (el?.type.endsWith('Gateway')) queue.push(...targets(el));
  }
  return null;
}
