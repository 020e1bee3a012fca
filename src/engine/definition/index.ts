import type { Problem, ProcessModel } from '../types';
import { compileProcess } from './compile';
import { readDefinitions, type ModdleElement } from './read';

export { readDefinitions, createModdle, problem } from './read';
export { compileProcess, splitList } from './compile';
export { firstUserTask } from './first-step';

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
  const processes = ((definitions.rootElements ?? []) as ModdleElement[]).filter((e) => e.$type === 'bpmn:Process');
  if (processes.length === 0) problems.push({ code: 'no-process', elementId: 'definitions', message: '流程文件中没有流程', severity: 'error' });
  for (const proc of processes) models.push(compileProcess(proc, options.version ?? 1, problems));
  const errors = problems.filter((p) => p.severity === 'error');
  return { models: errors.length ? [] : models, problems: dedupe(problems) };
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
