/**
 * Shared helpers of the process tests: where the diagrams and forms are, the agreed form
 * keys, the ids of the procedures, and loading the diagrams into the engine's simulator.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDefinition, type ProcessModel } from '../../src/engine';
import { Simulator, type SimTask } from '../../src/engine/simulator';

/** The repository root. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The form keys the diagrams may use (agreed with the forms in forms/). */
export const FORM_KEYS = [
  'registration', 'decomposition', 'inspection-plan', 'inspection-notice', 'inspection-letter', 'proposal',
  'approval', 'urge-record', 'progress-report', 'handling-result', 'review', 'verification', 'revisit',
  'case-report', 'inspection-report', 'special-report', 'circular', 'research-topic', 'research-plan',
  'research-report', 'order-request', 'order', 'minutes', 'supervision-letter', 'extension-request', 'reply',
  'summary-report', 'evaluation-plan', 'evaluation-score', 'evaluation-review', 'archive-list', 'seal-request',
];

const range = (prefix: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

/** Every id of the structured reading of the regulation (procedures.md). */
export const PROCEDURE_IDS = [
  ...range('P1.S', 1, 5), ...range('P1.', 1, 7),
  ...range('P2.S', 1, 4), ...range('P2.', 1, 7),
  ...range('P3.', 1, 5), 'P4',
  ...range('P5.S', 1, 4), ...range('P5.', 1, 5), 'P5.R',
  ...range('P6.', 1, 5), 'P6.4x',
  ...range('R', 1, 15), ...range('D', 1, 13), ...range('X', 1, 10),
];

/**
 * The ids found in procedures.md when the shared spec lies beside the repository
 * (it does on developer machines and in CI); null when it is not there.
 */
export function procedureIdsFromSpec(): Set<string> | null {
  const file = path.resolve(root, '../shared/spec/procedures.md');
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  const ids = new Set<string>();
  // "P1.S1–S5" style ranges of start sources
  for (const m of text.matchAll(/\b(P[1-6])\.S(\d)[–-]S(\d)\b/g)) for (const id of range(`${m[1]}.S`, +m[2], +m[3])) ids.add(id);
  // the procedure headings (P4 has no numbered steps)
  for (const m of text.matchAll(/^## (P[1-6]) /gm)) if (m[1] === 'P4') ids.add('P4');
  for (const m of text.matchAll(/\b(P[1-6]\.(?:[1-9]x?|R|S[1-9])|R1[0-5]|R[1-9]|D1[0-3]|D[1-9]|X10|X[1-9])\b/g)) ids.add(m[1]);
  return ids;
}

/** The .bpmn files of processes/. */
export function bpmnFiles(): string[] {
  return readdirSync(path.join(root, 'processes')).filter((f) => f.endsWith('.bpmn')).sort();
}

/** The XML of one diagram. */
export function loadProcessXml(file: string): string {
  return readFileSync(path.join(root, 'processes', file), 'utf8');
}

/** Compile every diagram with the engine, failing loudly on any problem. */
export async function loadModels(): Promise<ProcessModel[]> {
  const models: ProcessModel[] = [];
  for (const file of bpmnFiles()) {
    const { models: m, problems } = await parseDefinition(loadProcessXml(file), { formKeys: FORM_KEYS });
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new Error(`${file}: ${errors.map((p) => `${p.elementId} ${p.message}`).join('; ')}`);
    models.push(...m);
  }
  return models;
}

/** A scenario driver over the simulator: find the single open task at a step and act on it. */
export class Walk {
  constructor(readonly sim: Simulator, readonly id: string) {}

  /** Open tasks of the item (children included), as `elementId` list. */
  open(): string[] {
    return this.sim.openTasks(this.id).map((t) => t.elementId).sort();
  }

  /** The single open task at a step (optionally the one for a given assignee value). */
  task(elementId: string, value?: string): SimTask {
    const found = this.sim.openTasks(this.id).filter((t) => t.elementId === elementId && (value === undefined || t.assignment.value === value));
    if (found.length !== 1) {
      throw new Error(`expected one open task at ${elementId}${value ? ` for ${value}` : ''}, open: ${this.open().join(', ') || 'none'}`);
    }
    return found[0];
  }

  /** All open tasks at a step. */
  tasks(elementId: string): SimTask[] {
    return this.sim.openTasks(this.id).filter((t) => t.elementId === elementId);
  }

  /** Complete the single open task at a step. */
  done(elementId: string, opts: { outcome?: string; vars?: Record<string, unknown>; value?: string; actor?: string; opinion?: string } = {}): SimTask {
    const t = this.task(elementId, opts.value);
    // A person choosing an outcome the diagram says needs an opinion writes one (the rule itself is tested on its own).
    const needsOpinion = !!opts.outcome && !!this.sim.model(t.processKey).elements[elementId]?.opinionRequired?.includes(opts.outcome);
    const opinion = opts.opinion ?? (needsOpinion ? `${opts.outcome}：理由见附件` : undefined);
    this.sim.complete(t.taskId, { outcome: opts.outcome, vars: opts.vars, opinion, actor: { id: opts.actor ?? 'tester' } });
    return t;
  }

  /** Service actions requested by the item and its children, in order, as `elementId`. */
  services(): string[] {
    const mine = new Set([this.id, ...this.descendants()]);
    return this.sim.services.filter((s) => mine.has(s.instanceId)).map((s) => s.elementId);
  }

  private descendants(): string[] {
    const out: string[] = [];
    const queue = [this.id];
    while (queue.length) {
      const id = queue.pop()!;
      for (const c of this.sim.children(id)) {
        out.push(c);
        queue.push(c);
      }
    }
    return out;
  }
}
