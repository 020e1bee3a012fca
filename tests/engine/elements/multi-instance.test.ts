import { describe, expect, it } from 'vitest';
import { effects, openAt, simulate } from './support';

const fixture = new URL('./fixtures/multi-instance.bpmn', import.meta.url);
const units = ['县水利局', '县农业农村局', '县交通运输局'];

describe('parallel multi-instance user task: 会签 (every unit signs)', () => {
  it('given three units, then one task per unit opens at once, each assigned through the element variable', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('countersign', { units });
    const tasks = sim.openTasks(id);
    expect(tasks.map((t) => t.elementId)).toEqual(['countersign-sign', 'countersign-sign', 'countersign-sign']);
    expect(tasks.map((t) => t.assignment.value)).toEqual(units);
    expect(Object.values(sim.state(id).tasks).map((t) => t.loopIndex)).toEqual([0, 1, 2]);
  });

  it('given two of three have signed, then the flow waits; when the third signs, it continues', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('countersign', { units });
    const [t0, t1, t2] = sim.openTasks(id);
    sim.complete(t2.taskId);
    sim.complete(t0.taskId);
    expect(openAt(sim, id)).toEqual(['countersign-sign']);
    sim.complete(t1.taskId);
    expect(openAt(sim, id)).toEqual(['countersign-summary']);
    expect(sim.vars(id)).not.toHaveProperty('unit'); // per-instance variables stay in their instance
  });

  it('given an empty list, then the step is skipped', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('countersign', { units: [] });
    expect(openAt(sim, id)).toEqual(['countersign-summary']);
  });

  it('given a collection that is not a list, then the step is refused with MULTI_NOT_LIST', async () => {
    const sim = await simulate(fixture);
    expect(() => sim.start('countersign', { units: '县水利局' })).toThrow(expect.objectContaining({ code: 'MULTI_NOT_LIST' }));
  });
});

describe('parallel multi-instance user task: 或签 (completionCondition =nrOfCompletedInstances >= 1)', () => {
  it('given three units, when one signs, then the other two tasks are cancelled and the flow continues', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('orsign', { units });
    const [t0, t1, t2] = sim.openTasks(id);

    sim.complete(t1.taskId);

    expect(openAt(sim, id)).toEqual(['orsign-summary']);
    expect(effects(sim, id, 'task.cancelled').map((e) => e.taskId).sort()).toEqual([t0.taskId, t2.taskId].sort());
    expect(Object.values(sim.state(id).scopes)).toHaveLength(1); // only the process scope is left
  });
});

describe('sequential multi-instance user task: 会签 in order', () => {
  it('given three signers, then they sign one after the other in list order', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('sequential', { signers: ['wang', 'zhao', 'sun'] });
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const open = sim.openTasks(id);
      expect(open).toHaveLength(1);
      order.push(open[0].assignment.value);
      sim.complete(open[0].taskId);
    }
    expect(order).toEqual(['wang', 'zhao', 'sun']);
    expect(openAt(sim, id)).toEqual(['sequential-summary']);
    expect(sim.state(id).history.filter((h) => h.elementId === 'sequential-sign').map((h) => h.loopIndex)).toEqual([0, 1, 2]);
  });
});

describe('multi-instance per-instance variables', () => {
  it('given the element variable and loopCounter, then each instance sees its own element and index', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('loop-counter', { units: ['甲', '乙', '丙'] });
    expect(sim.openTasks(id).map((t) => t.assignment.value)).toEqual(['甲#0', '乙#1', '丙#2']);
    const scopes = Object.values(sim.state(id).scopes).filter((s) => s.loopIndex !== undefined);
    expect(scopes.map((s) => s.vars)).toEqual([
      { unit: '甲', loopCounter: 0 },
      { unit: '乙', loopCounter: 1 },
      { unit: '丙', loopCounter: 2 },
    ]);
  });

  it('given form data entered in one instance, then it stays in that instance', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('countersign', { units });
    const [t0, t1] = sim.openTasks(id);
    sim.complete(t0.taskId, { vars: { opinion: '同意' } });
    sim.complete(t1.taskId, { vars: { opinion: '补充意见' } });
    expect(sim.vars(id)).not.toHaveProperty('opinion');
  });
});
