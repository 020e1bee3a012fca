import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDefinition, startInstance, step, WorkCalendar, type InstanceState, type ProcessModel } from '../../src/engine';
import { applyImport, inspectImport, type ImportMapping } from '../../src/engine/import';
import { juelToFeel } from '../../src/engine/import/juel';
import { unreadable } from './support/chinese';

const ROOT = join(import.meta.dirname, 'fixtures', 'third-party');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const calendar = WorkCalendar.default();
const now = Date.parse('2026-03-02T09:00:00+08:00');
const actor = { id: 'u1' };
const FORMS = ['approval', 'feedback'];

// Import a file with the given choices, deploy it and return its one model.
async function imported(file: string, mapping: ImportMapping): Promise<{ model: ProcessModel; xml: string; notCarried: { message: string }[] }> {
  const result = await applyImport(read(file), mapping);
  expect(result.xml).toBeDefined();
  const { models, problems } = await parseDefinition(result.xml!, { formKeys: FORMS });
  expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(models).toHaveLength(1);
  return { model: models[0], xml: result.xml!, notCarried: result.notCarried };
}

// Complete every open task (with the given variables) until the item ends; the elements passed, in order.
function runToEnd(model: ProcessModel, vars: Record<string, unknown> = {}): { state: InstanceState; passed: string[] } {
  let { state } = startInstance(model, { id: 'i1', vars, actor, now, calendar });
  const passed: string[] = [];
  for (let guard = 0; state.status === 'running' && guard < 20; guard++) {
    const task = Object.values(state.tasks)[0];
    passed.push(task.elementId);
    state = step(model, state, { type: 'complete', taskId: task.id, actor }, now + 60_000, calendar).state;
  }
  return { state, passed };
}

describe('import assistant', () => {
  it('reads what a Camunda 7 file says: the assignee, the task form and what cannot be carried', async () => {
    const { report } = await inspectImport(read('camunda-7/loanApproval.bpmn'));
    expect(report).toMatchObject({
      vendors: ['Camunda 7'],
      hasLayout: true,
      principals: [{ key: 'user:demo', kind: 'user', name: 'demo', elements: ['UserTask_1'] }],
      forms: [{ value: 'embedded:app:task-form.html', elements: ['UserTask_1'] }],
    });
    expect(report!.notCarried.map((n) => n.elementId)).toEqual(['StartEvent_1']);
    expect(unreadable(report!.notCarried.map((n) => ({ code: 'x', elementId: n.elementId, message: n.message, severity: 'warning' as const })))).toEqual([]);
  });

  it('turns the Camunda 7 example into a diagram that runs, with the user mapped to a role and the form to ours', async () => {
    const { model, xml } = await imported('camunda-7/loanApproval.bpmn', { principals: { 'user:demo': { type: 'role', value: 'R7' } }, forms: { 'embedded:app:task-form.html': 'approval' } });
    expect(model.elements.UserTask_1).toMatchObject({ assignment: { type: 'role', value: 'R7' }, formKey: 'approval' });
    expect(xml).not.toContain('camunda:assignee');
    const { state, passed } = runToEnd(model);
    expect(passed).toEqual(['UserTask_1']);
    expect(state.status).toBe('completed');
  });

  it('turns the Flowable example with groups into a diagram that runs, each group to its own target', async () => {
    const { report } = await inspectImport(read('flowable/FinancialReportProcess.bpmn20.xml'));
    expect(report!.principals.map((p) => p.key)).toEqual(['group:accountancy', 'group:management']);
    const { model } = await imported('flowable/FinancialReportProcess.bpmn20.xml', {
      principals: { 'group:accountancy': { type: 'unit', value: 'czj' }, 'group:management': { type: 'role', value: 'R2' } },
      forms: {},
      defaultForm: 'approval',
    });
    expect(model.elements.writeReportTask.assignment).toEqual({ type: 'unit', value: 'czj' });
    expect(model.elements.verifyReportTask.assignment).toMatchObject({ type: 'role', value: 'R2' });
    expect(runToEnd(model).passed).toEqual(['writeReportTask', 'verifyReportTask']);
  });

  it('translates the conditions of a Flowable file without layout, lays it out, and the translated conditions decide', async () => {
    const file = 'flowable/ExclusiveGatewayTest.testDecisionFunctionality.bpmn20.xml';
    const { report } = await inspectImport(read(file));
    expect(report!.hasLayout).toBe(false);
    expect(report!.expressions.map((e) => [e.elementId, e.feel])).toEqual([
      ['flow2', '= input = 1'],
      ['flow3', '= input = 2'],
      ['flow4', '= input = 3'],
    ]);
    const { model, xml } = await imported(file, { principals: {}, forms: {}, defaultAssignee: { type: 'role', value: 'R8' }, defaultForm: 'approval' });
    expect(xml).toContain('bpmndi:BPMNShape');
    expect(runToEnd(model, { input: 2 }).passed).toEqual(['theTask2']);
    expect(runToEnd(model, { input: 3 }).passed).toEqual(['theTask3']);
  });

  it('lists what it cannot carry: Java delegates, candidate users left unmapped, expressions that are not simple', async () => {
    const { report } = await inspectImport(read('bpmn-miwg/C.1.0.bpmn'));
    const lines = report!.notCarried.map((n) => n.message).join('\n');
    expect(lines).toMatch(/服务任务“Archive\nInvoice”调用 .* 的程序/);
    expect(report!.expressions).toContainEqual(expect.objectContaining({ source: "${clarified == 'yes'}", feel: '= clarified = "yes"' }));
    const applied = await applyImport(read('bpmn-miwg/C.1.0.bpmn'), { principals: {}, forms: {} });
    expect(applied.notCarried.map((n) => n.message).join('\n')).toMatch(/没有对应到角色、单位或人员/);
  });

  it('reads Camunda 8 settings (zeebe: assignment, form, due date, multi-instance) and carries them over', async () => {
    // Written the way Camunda Modeler 5 saves a Camunda 8 diagram (no layout, to be laid out on import).
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="c8" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="c8review" name="审核" isExecutable="true">
    <bpmn:startEvent id="start" name="开始" />
    <bpmn:userTask id="review" name="会签">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="reviewers" />
        <zeebe:formDefinition formKey="camunda-forms:bpmn:review-form" />
        <zeebe:taskSchedule dueDate="P5D" />
      </bpmn:extensionElements>
      <bpmn:multiInstanceLoopCharacteristics>
        <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="= units" inputElement="unit" /></bpmn:extensionElements>
      </bpmn:multiInstanceLoopCharacteristics>
    </bpmn:userTask>
    <bpmn:endEvent id="end" name="结束" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
    const { report } = await inspectImport(xml);
    expect(report).toMatchObject({ vendors: ['Camunda 8'], hasLayout: false, principals: [{ key: 'group:reviewers' }], forms: [{ value: 'camunda-forms:bpmn:review-form' }] });
    const result = await applyImport(xml, { principals: { 'group:reviewers': { type: 'role', value: 'R8' } }, forms: { 'camunda-forms:bpmn:review-form': 'approval' } });
    const { models, problems } = await parseDefinition(result.xml!, { formKeys: FORMS });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(models[0].elements.review).toMatchObject({ assignment: { type: 'role', value: 'R8' }, formKey: 'approval', due: { due: 'P5D' }, multi: { collection: '= units', elementVariable: 'unit' } });
    const { state } = startInstance(models[0], { id: 'c1', vars: { units: ['jyj', 'wjj'] }, actor, now, calendar });
    expect(Object.values(state.tasks)).toHaveLength(2);
  });

  it('translates simple JUEL to FEEL and leaves the rest', () => {
    expect(juelToFeel("#{amount > 1000 && category == 'travel'}")).toBe('= amount > 1000 and category = "travel"');
    expect(juelToFeel('${!approved || nrOfCompletedInstances / nrOfInstances >= 0.6}')).toBe('= not(approved) or nrOfCompletedInstances / nrOfInstances >= 0.6');
    expect(juelToFeel("${execution.getVariable('x') == 1}")).toBeUndefined();
    expect(juelToFeel('${x ? 1 : 2}')).toBeUndefined();
    expect(juelToFeel('${empty list}')).toBeUndefined();
    expect(juelToFeel(`\${${'('.repeat(500)}a${')'.repeat(500)}}`)).toBeUndefined();
  });

  it('refuses a hostile file the same way the deploy does', async () => {
    const { report, problems } = await inspectImport('<!DOCTYPE x [<!ENTITY a "b">]><definitions/>');
    expect(report).toBeUndefined();
    expect(problems.map((p) => p.code)).toEqual(['xml-doctype']);
  });
});
