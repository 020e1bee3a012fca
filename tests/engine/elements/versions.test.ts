import { describe, expect, it } from 'vitest';
import { at, calendar, codeOf, load, MONDAY } from './support';
import { startInstance, step } from '../../../src/engine/runtime/step';

const v1url = new URL('./fixtures/versions-v1.bpmn', import.meta.url);
const v2url = new URL('./fixtures/versions-v2.bpmn', import.meta.url);
const now = at(MONDAY);
const who = { id: 'zhang' };

describe('process versions', () => {
  it('given a state started on version 1, when step() is given version 2 of the model, then it refuses with VERSION_MISMATCH', async () => {
    const [v1] = await load(v1url, { version: 1 });
    const [v2] = await load(v2url, { version: 2 });
    const s = startInstance(v1, { id: 'i1', actor: who, now, calendar }).state;
    const taskId = Object.keys(s.tasks)[0];
    expect(codeOf(() => step(v2, s, { type: 'complete', taskId, actor: who }, now, calendar))).toBe('VERSION_MISMATCH');
  });

  it('given a model of another process, then step() refuses it too', async () => {
    const [v1] = await load(v1url, { version: 1 });
    const s = startInstance(v1, { id: 'i1', actor: who, now, calendar }).state;
    const other = { ...v1, key: 'another' };
    expect(codeOf(() => step(other, s, { type: 'terminate', actor: who, reason: '测试' }, now, calendar))).toBe('VERSION_MISMATCH');
  });

  it('given version 2 is deployed, then an instance started on version 1 keeps its version-1 path', async () => {
    const [v1] = await load(v1url, { version: 1 });
    const [v2] = await load(v2url, { version: 2 });
    let old = startInstance(v1, { id: 'old', actor: who, now, calendar }).state;
    let fresh = startInstance(v2, { id: 'new', actor: who, now, calendar }).state;
    expect([old.version, fresh.version]).toEqual([1, 2]);

    old = step(v1, old, { type: 'complete', taskId: Object.keys(old.tasks)[0], actor: who }, now, calendar).state;
    fresh = step(v2, fresh, { type: 'complete', taskId: Object.keys(fresh.tasks)[0], actor: who }, now, calendar).state;
    expect(Object.values(old.tasks).map((t) => t.elementId)).toEqual(['review']);
    expect(Object.values(fresh.tasks).map((t) => t.elementId)).toEqual(['countyHead']);

    old = step(v1, old, { type: 'complete', taskId: Object.keys(old.tasks)[0], actor: who }, now, calendar).state;
    expect(old.status).toBe('completed');
    expect(old.version).toBe(1);
  });
});
