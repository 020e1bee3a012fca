import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import dubanDescriptor from '../../../src/engine/definition/duban.json';
import { lintDefinitions } from '../../../src/engine/lint';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const PROCESSES = join(ROOT, 'processes');
const FORMS = join(ROOT, 'forms');
const LINT_SOURCES = join(ROOT, 'src/engine/lint');

function list(folder: string, extension: string): string[] {
  return existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith(extension)).sort() : [];
}

describe('shipped diagrams', () => {
  const formKeys = list(FORMS, '.json').map((name) => name.replace(/\.json$/, ''));

  for (const name of list(PROCESSES, '.bpmn')) {
    it(`processes/${name} passes the lint with the forms in forms/`, async () => {
      const moddle = new BpmnModdle({ duban: dubanDescriptor });
      const { rootElement } = await moddle.fromXML(readFileSync(join(PROCESSES, name), 'utf8'), 'bpmn:Definitions');
      const errors = (await lintDefinitions(rootElement, { formKeys })).filter((p) => p.severity === 'error');
      expect(errors.map((p) => `${p.code} <${p.elementId}> ${p.message}`)).toEqual([]);
    });
  }
});

describe('lint sources', () => {
  it('import no Node built-ins, so the modeler can run the lint in the browser', () => {
    const files = [
      ...list(LINT_SOURCES, '.ts').map((name) => join(LINT_SOURCES, name)),
      ...list(join(LINT_SOURCES, 'rules'), '.ts').map((name) => join(LINT_SOURCES, 'rules', name)),
    ];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(/from ['"](node:|fs|path|module)['"/]|require\(/);
    }
  });
});
