/**
 * The events a 通报 and its 回访复核 write, from the actions themselves: the published circular
 * scores praise and criticism for the units it names, with its number; the review that finds
 * the rectification not in place scores for the unit the circular criticised (not the one it praised); the archive's `score` step
 * confirms in the item's record what it scored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, startServer, type TestServer } from './helpers';

describe.each(databases())('evaluation events of a 通报 on $name', (database) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(database, { fixtures: ['circular.bpmn'] });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  it('scores the praised and criticised units when the circular is issued, and the rectification at the review', async () => {
    const start = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'circular-test', title: '全县安全生产大检查情况通报', units: ['yjj', 'cgz'] });
    expect(start.status, JSON.stringify(start.body)).toBe(201);
    const itemId = start.body.itemId;
    const step = async (elementId: string, data: Record<string, unknown>) => {
      const t = (await s.call('fengxl', 'GET', '/api/tasks/todo?pageSize=200')).body.rows.find((r: any) => r.itemId === itemId && r.elementId === elementId);
      const r = await s.call('fengxl', 'POST', `/api/tasks/${encodeURIComponent(t.id)}/complete`, { data });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    };
    await step('draft', { title: '全县安全生产大检查情况通报', kind: ['表扬', '批评'], content: '检查情况如下。', praisedUnits: ['yjj'], criticisedUnits: ['cgz'], rectification: '限期整改', scope: '全县' });
    const events = async () => (await s.ctx.db.selectFrom('evalEvents').select(['kind', 'unitId', 'note', 'documentId']).where('itemId', '=', itemId).orderBy('kind').orderBy('unitId').execute()).map((e) => [e.kind, e.unitId, e.note, !!e.documentId]);
    expect(await events()).toEqual([
      ['circular.criticism', 'cgz', '清政督报〔2026〕1号', true],
      ['circular.praise', 'yjj', '清政督报〔2026〕1号', true],
    ]);
    await step('recheck', { visitDate: '2026-03-20', method: '实地回访', visitedPerson: '镇安监站', solved: false, satisfied: '不满意', feedback: '整改未到位' });
    expect((await events()).filter((e) => String(e[0]).startsWith('rectification'))).toEqual([
      ['rectification.failed', 'cgz', '', false],
    ]);
    const item = (await s.call('fengxl', 'GET', `/api/items/${itemId}`)).body;
    expect(item.timeline.find((e: any) => e.action === 'evaluation.recorded').data).toEqual({ events: { 'circular.criticism': 1, 'circular.praise': 1, 'rectification.failed': 1 } });
  });
});
