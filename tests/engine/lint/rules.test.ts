import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import dubanDescriptor from '../../../src/engine/definition/duban.json';
import {
  BUILTIN_RULES,
  DUBAN_RULES,
  lintConfig,
  lintDefinitions,
  resolver,
  type ModdleNode,
} from '../../../src/engine/lint';
import { BUILTIN_MESSAGES } from '../../../src/engine/lint/messages';
import type { Problem } from '../../../src/engine/types';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The form keys the fixtures may use. */
const FORM_KEYS = ['register', 'review', 'feedback'];

const CHINESE = /[\u4e00-\u9fff]/;

async function parse(xml: string): Promise<ModdleNode> {
  const moddle = new BpmnModdle({ duban: dubanDescriptor });
  const { rootElement } = await moddle.fromXML(xml, 'bpmn:Definitions');
  return rootElement as ModdleNode;
}

async function load(file: string): Promise<ModdleNode> {
  return parse(readFileSync(file, 'utf8'));
}

/** Every fixture, ours and the built-in ones. */
function allFixtures(): string[] {
  const builtin = readdirSync(join(HERE, 'builtin')).map((name) => join(HERE, 'builtin', name));
  return [
    ...Object.keys(DUBAN_RULES).flatMap((rule) => [...fixtures(rule, 'valid'), ...fixtures(rule, 'invalid')]),
    ...builtin,
  ];
}

/** Element ids an invalid fixture promises to be reported, from its `<!-- expect: A B -->` comment. */
function expectedIds(file: string): string[] {
  const match = /<!-- expect: ([^>]*?) -->/.exec(readFileSync(file, 'utf8'));
  return match ? match[1].split(/\s+/) : [];
}

function fixtures(rule: string, kind: 'valid' | 'invalid'): string[] {
  const folder = join(HERE, rule, kind);
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.bpmn'))
    .sort()
    .map((name) => join(folder, name));
}

function describeProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.severity} ${p.code} <${p.elementId}> ${p.message}`).join('\n');
}

/** The message names the reported element (by name, else by id) and is written in Chinese. */
function expectReadable(problem: Problem): void {
  expect(problem.message).toMatch(CHINESE);
  expect(problem.message).toContain(`“${problem.elementName ?? problem.elementId}”`);
}

describe('duban lint rules', () => {
  for (const rule of Object.keys(DUBAN_RULES)) {
    describe(rule, () => {
      it('has valid and invalid fixtures', () => {
        expect(fixtures(rule, 'valid').length).toBeGreaterThan(0);
        expect(fixtures(rule, 'invalid').length).toBeGreaterThan(0);
      });

      for (const file of fixtures(rule, 'valid')) {
        it(`accepts valid/${file.split('/').pop()}`, async () => {
          const problems = await lintDefinitions(await load(file), { formKeys: FORM_KEYS });
          // A valid fixture is a runnable diagram: no rule at all may refuse it.
          const errors = problems.filter((p) => p.severity === 'error');
          expect(errors, describeProblems(errors)).toEqual([]);
        });
      }

      for (const file of fixtures(rule, 'invalid')) {
        it(`refuses invalid/${file.split('/').pop()}`, async () => {
          const problems = await lintDefinitions(await load(file), { formKeys: FORM_KEYS });
          const mine = problems.filter((p) => p.code === rule && p.severity === 'error');
          expect(mine.length, describeProblems(problems)).toBeGreaterThan(0);
          mine.forEach(expectReadable);
          const expected = expectedIds(file);
          expect(expected.length, 'fixture lacks an <!-- expect: … --> comment').toBeGreaterThan(0);
          for (const id of expected) {
            expect(mine.map((p) => p.elementId), describeProblems(problems)).toContain(id);
          }
        });
      }
    });
  }

  it('names the missing start event as the brief says', async () => {
    const problems = await lintDefinitions(await load(join(HERE, 'duban-start-event/invalid/no-start.bpmn')));
    expect(problems.find((p) => p.code === 'duban-start-event')?.message).toBe('流程“督查事项”缺少开始事件');
  });

  it('names a user task without assignee as the brief says', async () => {
    const problems = await lintDefinitions(await load(join(HERE, 'duban-task-assignee/invalid/no-assignee.bpmn')));
    expect(problems.find((p) => p.code === 'duban-task-assignee')?.message).toBe('用户任务“审核”未指定办理人');
  });

  it('quotes the expression that does not parse', async () => {
    const problems = await lintDefinitions(await load(join(HERE, 'duban-feel/invalid/bad-attribute.bpmn')));
    expect(problems.find((p) => p.code === 'duban-feel')?.message).toContain('=lookup(unit');
  });

  it('accepts any form key when no list is given', async () => {
    const definitions = await load(join(HERE, 'duban-form-key/invalid/unknown-form.bpmn'));
    expect((await lintDefinitions(definitions)).filter((p) => p.code === 'duban-form-key')).toEqual([]);
    expect((await lintDefinitions(definitions, { formKeys: FORM_KEYS })).filter((p) => p.code === 'duban-form-key')).toHaveLength(1);
  });

  it('still requires a form key when no list is given', async () => {
    const definitions = await load(join(HERE, 'duban-form-key/invalid/missing-form.bpmn'));
    expect((await lintDefinitions(definitions)).filter((p) => p.code === 'duban-form-key')).toHaveLength(1);
  });

  it('gives the same answer when the same diagram is linted twice (no rule state leaks between runs)', async () => {
    const definitions = await load(join(HERE, 'builtin/no-duplicate-sequence-flows.bpmn'));
    const first = await lintDefinitions(definitions);
    const second = await lintDefinitions(definitions);
    expect(second).toEqual(first);
    expect(first.some((p) => p.code === 'no-duplicate-sequence-flows')).toBe(true);
  });

  it('gives the same problems when a diagram omits its <incoming>/<outgoing> lists (as the engine accepts)', async () => {
    for (const file of allFixtures()) {
      const xml = readFileSync(file, 'utf8');
      const bare = xml.replace(/\s*<bpmn:(incoming|outgoing)>[^<]*<\/bpmn:\1>/g, '');
      expect(bare).not.toContain('<bpmn:incoming>');
      const withLists = await lintDefinitions(await parse(xml), { formKeys: FORM_KEYS });
      const withoutLists = await lintDefinitions(await parse(bare), { formKeys: FORM_KEYS });
      expect(describeProblems(withoutLists), file).toBe(describeProblems(withLists));
    }
  });

  it('does not modify the diagram it lints', async () => {
    const definitions = await parse(
      readFileSync(join(HERE, 'builtin/no-implicit-split.bpmn'), 'utf8').replace(/\s*<bpmn:(incoming|outgoing)>[^<]*<\/bpmn:\1>/g, ''),
    );
    await lintDefinitions(definitions);
    const task = definitions.rootElements[0].flowElements.find((e: ModdleNode) => e.id === 'Task_1');
    expect(task.outgoing ?? []).toEqual([]);
  });

  it('lists errors before warnings', async () => {
    const problems = await lintDefinitions(await load(join(HERE, 'builtin/end-event-required.bpmn')));
    const severities = problems.map((p) => p.severity);
    expect(severities).toEqual([...severities].sort((a, b) => (a === b ? 0 : a === 'error' ? -1 : 1)));
  });
});

describe('built-in bpmnlint rules', () => {
  it('every enabled built-in rule has Chinese translations and a fixture', () => {
    for (const rule of Object.keys(BUILTIN_RULES)) {
      expect(BUILTIN_MESSAGES[rule]?.length ?? 0, rule).toBeGreaterThan(0);
      expect(existsSync(join(HERE, 'builtin', `${rule}.bpmn`)), rule).toBe(true);
    }
  });

  for (const [rule, { severity }] of Object.entries(BUILTIN_RULES)) {
    it(`${rule} reports in Chinese`, async () => {
      const file = join(HERE, 'builtin', `${rule}.bpmn`);
      const problems = await lintDefinitions(await load(file), { formKeys: FORM_KEYS });
      const mine = problems.filter((p) => p.code === rule);
      expect(mine.length, describeProblems(problems)).toBeGreaterThan(0);
      for (const problem of mine) {
        expectReadable(problem);
        // A translated message keeps no English sentence from bpmnlint.
        expect(problem.message, problem.message).not.toMatch(/[A-Za-z]{3,} [A-Za-z]{3,}/);
        expect(problem.severity).toBe(severity === 'warn' ? 'warning' : 'error');
      }
      for (const id of expectedIds(file)) expect(mine.map((p) => p.elementId)).toContain(id);
    });
  }

  it('the resolver serves every configured rule (for bpmn-js-bpmnlint too)', () => {
    for (const name of Object.keys(lintConfig().rules)) {
      expect(typeof resolver.resolveRule('bpmnlint', name), name).toBe('function');
    }
    expect(() => resolver.resolveRule('bpmnlint', 'no-such-rule')).toThrow('<bpmnlint/no-such-rule>');
  });
});
