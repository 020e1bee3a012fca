import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/engine';
import { unreadable } from './support/chinese';

const ROOT = join(import.meta.dirname, 'fixtures', 'third-party');
const LIMIT_MS = 5000;

const files = readdirSync(ROOT)
  .filter((dir) => !dir.includes('.'))
  .flatMap((dir) => readdirSync(join(ROOT, dir)).filter((f) => /\.(bpmn|xml)$/i.test(f)).map((f) => join(dir, f)));

describe('diagrams written by other tools', () => {
  it('has a corpus from several sources', () => {
    expect(new Set(files.map((f) => f.split('/')[0]))).toEqual(new Set(['bpmn-js', 'bpmn-miwg', 'camunda-7', 'flowable']));
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of files) {
    it(`${file}: loads, or is refused with Chinese messages only, in time and without an exception`, async () => {
      const xml = readFileSync(join(ROOT, file), 'utf8');
      const started = performance.now();
      const { models, problems } = await parseDefinition(xml, { formKeys: ['approval'] });
      expect(performance.now() - started).toBeLessThan(LIMIT_MS);
      const errors = problems.filter((p) => p.severity === 'error');
      expect(models.length > 0 || errors.length > 0).toBe(true);
      expect(models.length > 0 && errors.length > 0).toBe(false);
      expect(unreadable(problems)).toEqual([]);
      // One message per problem.
      const keys = problems.map((p) => `${p.elementId}|${p.message}`);
      expect(new Set(keys).size).toBe(keys.length);
    });
  }

  it('names the Camunda and Flowable settings it does not read', async () => {
    const camunda = await parseDefinition(readFileSync(join(ROOT, 'camunda-7', 'loanApproval.bpmn'), 'utf8'));
    expect(camunda.problems).toContainEqual(expect.objectContaining({ code: 'duban-task-assignee', message: expect.stringContaining('Camunda 7 的设置 assignee=“demo”') }));
    expect(camunda.problems).toContainEqual(expect.objectContaining({ code: 'duban-form-key', message: expect.stringContaining('Camunda 7 的表单') }));
    const flowable = await parseDefinition(readFileSync(join(ROOT, 'flowable', 'ExclusiveGatewayTest.testDecisionFunctionality.bpmn20.xml'), 'utf8'));
    expect(flowable.problems).toContainEqual(expect.objectContaining({ code: 'duban-feel', elementId: 'flow2', message: expect.stringContaining('其他流程引擎的表达式') }));
  });
});
