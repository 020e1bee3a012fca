import { describe, expect, it } from 'vitest';
import { calendar, effects, load, MONDAY, at, simulate } from './support';
import { startInstance, step } from '../../../src/engine/runtime/step';

const fixture = new URL('./fixtures/service-task.bpmn', import.meta.url);
const now = at(MONDAY);
const who = { id: 'zhang' };

async function model(key: string) {
  return (await load(fixture)).find((m) => m.key === key)!;
}

describe('service task', () => {
  it('given a service task, then it emits service.requested with resolved params and waits: no task, a service token', async () => {
    const m = await model('service-task');
    const r = startInstance(m, { id: 'i1', actor: who, now, calendar });
    expect(r.effects).toContainEqual({
      type: 'service.requested',
      tokenId: expect.any(String),
      elementId: 'number',
      action: 'number',
      params: { docType: '督查函', resultVariable: 'letterNo' },
    });
    expect(r.state.tasks).toEqual({});
    expect(Object.values(r.state.tokens)).toEqual([expect.objectContaining({ elementId: 'number', wait: 'service' })]);
  });

  it('given serviceDone with result variables, then they are stored and the flow continues', async () => {
    const m = await model('service-task');
    const s0 = startInstance(m, { id: 'i1', actor: who, now, calendar }).state;
    const tokenId = Object.values(s0.tokens)[0].id;
    const r = step(m, s0, { type: 'serviceDone', tokenId, vars: { letterNo: '清政函〔2026〕7号' } }, now, calendar);
    expect(r.state.scopes.i1.vars.letterNo).toBe('清政函〔2026〕7号');
    expect(Object.values(r.state.tasks).map((t) => t.elementId)).toEqual(['check']);
    expect(r.state.history).toEqual([expect.objectContaining({ elementId: 'number' })]);
  });

  it('given serviceDone for a token that is not waiting for a service, then it is refused', async () => {
    const m = await model('service-task');
    const s0 = startInstance(m, { id: 'i1', actor: who, now, calendar }).state;
    expect(() => step(m, s0, { type: 'serviceDone', tokenId: 'nope' }, now, calendar)).toThrow(
      expect.objectContaining({ code: 'SERVICE_NOT_WAITING' }),
    );
  });

  it('given a serviceError whose code an error boundary catches, then the flow takes the boundary path', async () => {
    const m = await model('service-error');
    const s0 = startInstance(m, { id: 'i1', actor: who, now, calendar }).state;
    const tokenId = Object.values(s0.tokens)[0].id;
    const r = step(m, s0, { type: 'serviceError', tokenId, errorCode: 'SEAL_FAILED', message: '印章系统离线' }, now, calendar);
    expect(r.state.status).toBe('running');
    expect(Object.values(r.state.tasks).map((t) => t.elementId)).toEqual(['manual']);
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'audit', action: 'error.caught', elementId: 'sealFailed' }));
  });

  it('given a serviceError with a code nobody catches, then the instance is terminated', async () => {
    const m = await model('service-error');
    const s0 = startInstance(m, { id: 'i1', actor: who, now, calendar }).state;
    const tokenId = Object.values(s0.tokens)[0].id;
    const r = step(m, s0, { type: 'serviceError', tokenId, errorCode: 'OTHER' }, now, calendar);
    expect(r.state.status).toBe('terminated');
  });

  it('given the simulator, then the service runs at once and the document number lands in the result variable', async () => {
    const sim = await simulate(fixture);
    const id = sim.start('service-task');
    expect(sim.services).toEqual([expect.objectContaining({ elementId: 'number', action: 'number' })]);
    expect(sim.vars(id).letterNo).toBe('清政函〔2026〕1号');
    expect(effects(sim, id, 'service.requested')).toHaveLength(1);
    expect(sim.taskAt('check', id)).toBeTruthy();
  });
});
