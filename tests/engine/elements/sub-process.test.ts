import { describe, expect, it } from 'vitest';
import { openAt, simulate } from './support';

const fixture = new URL('./fixtures/sub-process.bpmn', import.meta.url);

describe('embedded sub-process', () => {
  it('given the sub-process is entered, then its start event runs in a new scope that sees the parent variables', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('sub-process', { unit: '县水利局' });
    sim.complete(sim.taskAt('prepare', id).taskId);

    expect(sim.taskAt('visit', id).assignment).toEqual({ type: 'unit', value: '县水利局' });
    const s = sim.state(id);
    const inner = Object.values(s.scopes).find((x) => x.elementId === 'inspect')!;
    expect(inner.parentScopeId).toBe(id);
    expect(s.tokens[inner.parentTokenId!]).toMatchObject({ elementId: 'inspect', wait: 'scope', dueDate: '2026-03-16' });
    expect(Object.values(s.tasks)[0].tokenId).not.toBe(inner.parentTokenId);
  });

  it('given the sub-process ends, then the parent continues, its scope is gone and variables written inside remain', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('sub-process', { unit: '县水利局' });
    sim.complete(sim.taskAt('prepare', id).taskId);
    sim.complete(sim.taskAt('visit', id).taskId, { vars: { finding: '堤坝已加固' } });
    expect(openAt(sim, id)).toEqual(['report']);
    sim.complete(sim.taskAt('report', id).taskId);

    expect(openAt(sim, id)).toEqual(['after']);
    expect(Object.keys(sim.state(id).scopes)).toEqual([id]);
    expect(sim.vars(id).finding).toBe('堤坝已加固');
    // The sub-process deadline timer went with it.
    expect(Object.values(sim.state(id).timers)).toEqual([]);
  });
});
