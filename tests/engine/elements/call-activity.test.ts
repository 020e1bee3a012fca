import { describe, expect, it } from 'vitest';
import { effects, openAt, simulate } from './support';

const fixture = new URL('./fixtures/call-activity.bpmn', import.meta.url);

describe('call activity', () => {
  it('given duban:in, then a child instance starts with exactly those variables', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('call-parent', { unit: '县水利局', deadline: '2026-03-31', secret: '内部' });

    expect(effects(sim, id, 'child.started')).toEqual([
      expect.objectContaining({ processKey: 'unit-handling', vars: { unit: '县水利局', deadline: '2026-03-31' } }),
    ]);
    const [child] = sim.children(id);
    expect(sim.vars(child)).toMatchObject({ unit: '县水利局', deadline: '2026-03-31' });
    expect(sim.vars(child)).not.toHaveProperty('secret');
    expect(sim.taskAt('handle', child).assignment).toEqual({ type: 'unit', value: '县水利局' });
    expect(Object.values(sim.state(id).tokens)).toEqual([expect.objectContaining({ elementId: 'call', wait: 'child', childId: child })]);
  });

  it('given the child completes, then only duban:out variables come back and the parent continues', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('call-parent', { unit: '县水利局', deadline: '2026-03-31' });
    const [child] = sim.children(id);
    sim.complete(sim.taskAt('handle', child).taskId, { vars: { result: '已整改', draft: '草稿' } });

    expect(sim.status(child)).toBe('completed');
    expect(sim.vars(id).result).toBe('已整改');
    expect(sim.vars(id)).not.toHaveProperty('draft');
    expect(openAt(sim, id)).toEqual(['review']);
  });

  it('given a multi-instance call activity over units, then one child per unit starts with its unit', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('call-multi', { units: ['县水利局', '县农业农村局'], deadline: '2026-03-31' });
    const children = sim.children(id);
    expect(children).toHaveLength(2);
    expect(children.map((c) => sim.vars(c).unit)).toEqual(['县水利局', '县农业农村局']);
    expect(children.map((c) => sim.vars(c).deadline)).toEqual(['2026-03-31', '2026-03-31']);
  });

  it('given every child completes, then the <out>List holds each unit result in the order of the units', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('call-multi', { units: ['县水利局', '县农业农村局', '县交通运输局'] });
    const [c0, c1, c2] = sim.children(id);
    // Units finish in a different order than they were listed.
    sim.complete(sim.taskAt('handle', c2).taskId, { vars: { result: '交通已办' } });
    expect(openAt(sim, id)).toEqual(['handle', 'handle']);
    sim.complete(sim.taskAt('handle', c0).taskId, { vars: { result: '水利已办' } });
    sim.complete(sim.taskAt('handle', c1).taskId, { vars: { result: '农业已办' } });

    expect(sim.taskAt('m-review', id)).toBeTruthy();
    expect(sim.vars(id).resultList).toEqual(['水利已办', '农业已办', '交通已办']);
    expect(sim.vars(id)).not.toHaveProperty('result');
  });
});

describe('regression: multi-instance <out>List', () => {
  it('is ordered by item, not by completion, and an unfinished item stays null', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('call-multi', { units: ['甲', '乙'] });
    expect(sim.vars(id).resultList).toEqual([null, null]);
    const [c0, c1] = sim.children(id);
    sim.complete(sim.taskAt('handle', c1).taskId, { vars: { result: '乙结果' } });
    expect(sim.vars(id).resultList).toEqual([null, '乙结果']);
    sim.complete(sim.taskAt('handle', c0).taskId, { vars: { result: '甲结果' } });
    expect(sim.vars(id).resultList).toEqual(['甲结果', '乙结果']);
  });

  it('given an empty list of units, then <out>List is an empty list', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('call-multi', { units: [] });
    expect(sim.vars(id).resultList).toEqual([]);
    expect(sim.taskAt('m-review', id)).toBeTruthy();
  });
});
