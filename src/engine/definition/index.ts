import type { Problem, ProcessModel } from '../types';
import { compileProcess } from './compile';
import { readDefinitions, type ModdleElement } from './read';

export { readDefinitions, createModdle, problem } from './read';
export { compileProcess, splitList } from './compile';
export { firstUserTask } from './first-step';
export { parseModel } from './model-json';
export { decodeDiagram, declareUtf8 } from './encoding';
export { MAX_DIAGRAM_BYTES, MAX_DIAGRAM_ELEMENTS, diagramBytesProblem, diagramElementsProblem, utf8Length } from './limits';

/** Options for loading a diagram. */
export interface ParseOptions {
  /** Known form keys; a user task naming another form is refused. */
  formKeys?: string[];
  /** Version number given to the compiled models (the server assigns it on deploy). */
  version?: number;
  /** Skip lint (only for diagrams already linted on deploy). */
  skipLint?: boolean;
}

/**
 * Load a BPMN 2.0 diagram: parse, lint and compile every executable process.
 * A diagram with errors yields no models and the list of problems.
 */
export async function parseDefinition(xml: string, options: ParseOptions = {}): Promise<{ models: ProcessModel[]; problems: Problem[] }> {
  const { definitions, problems } = await readDefinitions(xml);
  if (!definitions) return { models: [], problems };
  if (!options.skipLint) {
    // Loaded when first needed: a page that only reads deployed diagrams does without the lint rules and their FEEL parser.
    const { lintDefinitions } = await import('../lint');
    problems.push(...(await lintDefinitions(definitions as never, { formKeys: options.formKeys })));
  }
  const models: ProcessModel[] = [];
  const processes = executableProcesses(definitions);
  if (processes.length === 0) {
    const any = ((definitions.rootElements ?? []) as ModdleElement[]).some((e) => e.$type === 'bpmn:Process');
    problems.push({
      code: 'no-process',
      elementId: 'definitions',
      message: any ? '流程文件中没有可执行的流程（所有流程都标记为不可执行，isExecutable="false"）' : '流程文件中没有流程',
      severity: 'error',
    });
  }
  const structural: Problem[] = [];
  for (const proc of processes) models.push(compileProcess(proc, options.version ?? 1, structural));
  // What the lint already reported (missing start events, unsupported elements) is said once, by the lint.
  problems.push(...(options.skipLint ? structural : structural.filter((p) => !LINTED.has(p.code))));
  const errors = problems.filter((p) => p.severity === 'error');
  return { models: errors.length ? [] : models, problems: dedupe(problems) };
}

const LINTED = new Set(['no-start-event', 'unsupported-element']);

/** The processes of a diagram the engine runs: those not marked isExecutable="false" (partner pools are only shown). */
export function executableProcesses(definitions: ModdleElement): ModdleElement[] {
  return ((definitions.rootElements ?? []) as ModdleElement[]).filter((e) => e.$type === 'bpmn:Process' && e.isExecutable !== false);
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}|${p.elementId}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
