import { describe, expect, it } from 'vitest';
import { audits, effects, simulate } from './support';

const fixture = new URL('./fixtures/start-end.bpmn', import.meta.url);

describe('none start event', () => {
  it('given a started instance, then a token has left the start event for the first task, with the initiator recorded', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('start-end', { title: '关于防汛工作的督办' }, { id: 'zhang' });

    expect(sim.status(id)).toBe('running');
    expect(sim.openTasks(id).map((t) => t.elementId)).toEqual(['register']);
    expect(sim.vars(id)).toEqual({ title: '关于防汛工作的督办', initiator: 'zhang' });
    expect(Object.values(sim.state(id).tokens).map((t) => t.elementId)).toEqual(['register']);
    expect(audits(sim, id, 'instance.started')).toEqual([
      expect.objectContaining({ actor: { id: 'zhang' }, data: { key: 'start-end', version: 1 } }),
    ]);
  });

  it('given a start event wired straight to an end event, then the instance completes at once', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('straight-through');

    expect(sim.status(id)).toBe('completed');
    expect(sim.state(id).endedAt).toBe(sim.now);
    expect(effects(sim, id, 'instance.completed')).toHaveLength(1);
  });
});
