import { describe, expect, it } from 'vitest';
import { evalFeel, parseDefinition, parseModel, startInstance, step, WorkCalendar, type InstanceState, type ProcessModel } from '../../../src/engine';

const calendar = WorkCalendar.default();
const now = Date.parse('2026-03-02T09:00:00+08:00');
const actor = { id: 'u1' };
const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

// Four user tasks named after Object.prototype's members, and a gateway deciding on a variable named `constructor`.
const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:duban="http://duban.gov.cn/schema/bpmn" id="d" targetNamespace="http://duban.gov.cn/test">
  <bpmn:process id="ids" name="危险编号" isExecutable="true">
    <bpmn:startEvent id="start" name="开始" />
    ${NAMES.map((id) => `<bpmn:userTask id="${id}" name="环节 ${id}" duban:role="R8" duban:formKey="approval" />`).join('\n    ')}
    <bpmn:exclusiveGateway id="valueOf" name="判断" default="toLocaleString" />
    <bpmn:endEvent id="isPrototypeOf" name="办结" />
    <bpmn:endEvent id="propertyIsEnumerable" name="另一结束" />
    <bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="__proto__" />
    <bpmn:sequenceFlow id="f1" sourceRef="__proto__" targetRef="constructor" />
    <bpmn:sequenceFlow id="f2" sourceRef="constructor" targetRef="toString" />
    <bpmn:sequenceFlow id="f3" sourceRef="toString" targetRef="hasOwnProperty" />
    <bpmn:sequenceFlow id="f4" sourceRef="hasOwnProperty" targetRef="valueOf" />
    <bpmn:sequenceFlow id="__defineGetter__" name="是" sourceRef="valueOf" targetRef="isPrototypeOf"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">= constructor = "甲" and toString = "乙"</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="toLocaleString" name="否" sourceRef="valueOf" targetRef="propertyIsEnumerable" />
  </bpmn:process>
</bpmn:definitions>`;

// As the server does: the model and the state go through JSON between steps.
const roundTrip = (state: InstanceState): InstanceState => JSON.parse(JSON.stringify(state));

describe('ids and variable names that are members of Object.prototype', () => {
  it('given elements with the ids __proto__, constructor, toString and hasOwnProperty, then they compile, survive JSON and run to the end', async () => {
    const { models, problems } = await parseDefinition(xml, { formKeys: ['approval'] });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const compiled = models[0];
    for (const id of NAMES) expect(Object.prototype.hasOwnProperty.call(compiled.elements, id)).toBe(true);
    const model: ProcessModel = parseModel(JSON.stringify(compiled));
    expect(Object.keys(model.elements).sort()).toEqual(Object.keys(compiled.elements).sort());
    expect(model.elements['valueOf']).toMatchObject({ type: 'exclusiveGateway' });
    expect(model.flows['__defineGetter__']).toMatchObject({ source: 'valueOf', target: 'isPrototypeOf' });

    let state = roundTrip(startInstance(model, { id: 'i1', actor, now, calendar }).state);
    const visited: string[] = [];
    for (const id of NAMES) {
      const task = Object.values(state.tasks)[0];
      expect(task.elementId).toBe(id);
      visited.push(task.elementId);
      // Variables arrive as parsed JSON, so `__proto__` is an own property of the command's vars.
      const vars = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "甲", "toString": "乙", "hasOwnProperty": "丙"}');
      state = roundTrip(step(model, state, { type: 'complete', taskId: task.id, actor, vars }, now + 1000, calendar).state);
    }
    expect(visited).toEqual(NAMES);
    expect(state.status).toBe('completed');
    expect(state.history.map((h) => h.elementId)).toEqual(NAMES);
    const vars = state.scopes.i1.vars;
    expect(vars.constructor).toBe('甲');
    expect(vars.toString).toBe('乙');
    expect(vars.hasOwnProperty).toBe('丙');
    expect(Object.prototype.hasOwnProperty.call(vars, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('given an undefined variable named like a member of Object.prototype, then a condition reads it as null, not as the member', async () => {
    const { models } = await parseDefinition(xml, { formKeys: ['approval'] });
    const model = parseModel(JSON.stringify(models[0]));
    let state = roundTrip(startInstance(model, { id: 'i2', actor, now, calendar }).state);
    for (let i = 0; i < NAMES.length; i++) {
      const task = Object.values(state.tasks)[0];
      state = roundTrip(step(model, state, { type: 'complete', taskId: task.id, actor }, now + 1000, calendar).state);
    }
    expect(state.status).toBe('completed');
    expect(state.history.length).toBe(4);
    const vars = state.scopes.i2.vars;
    expect(Object.prototype.hasOwnProperty.call(vars, 'constructor')).toBe(false);
    // Read from the stored (JSON) variables, `constructor` and `toString` are unset, not Object's functions.
    expect(evalFeel('= constructor', vars)).toBeNull();
    expect(evalFeel('= toString = null and hasOwnProperty = null', vars)).toBe(true);
    expect(evalFeel('= string length(toString)', vars)).toBeNull();
  });
});
