import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diagramBytesProblem, MAX_DIAGRAM_BYTES } from '../../src/engine';
import { encodeGbk } from '../engine/support/gbk';
import { unreadable } from '../engine/support/chinese';
import { databases, fixture, startServer, type TestServer } from './helpers';

describe.each(databases())('uploading diagrams on $name', (database) => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startServer(database, { fixtures: ['supervise.bpmn'] });
  });
  afterEach(async () => {
    await s.close();
  });

  const upload = (userId: string, url: string, bytes: Uint8Array, type = 'application/xml') =>
    s.app.inject({ method: 'POST', url, headers: { ...s.auth(userId), 'content-type': type }, payload: Buffer.from(bytes) });

  it('lets only administrators lint a diagram', async () => {
    const xml = fixture('supervise.bpmn');
    for (const who of ['fengxl', 'wangjianguo', 'jyj01']) {
      const r = await s.call(who, 'POST', '/api/definitions/lint', { xml });
      expect(r.status).toBe(403);
    }
    const r = await s.call('gaoyuan', 'POST', '/api/definitions/lint', { xml });
    expect(r.status).toBe(200);
    expect(r.body.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
  });

  it('deploys a GBK file uploaded as it is, with its Chinese names intact', async () => {
    const xml = fixture('supervise.bpmn').replace('encoding="UTF-8"', 'encoding="GBK"').replace('name="测试督办"', 'name="测试督办（国标编码）"');
    const r = await upload('gaoyuan', '/api/definitions', encodeGbk(xml));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().deployed).toEqual([expect.objectContaining({ key: 'supervise', name: '测试督办（国标编码）', unchanged: false })]);
    expect(r.json().warnings.map((w: { code: string }) => w.code)).not.toContain('xml-warning');
  });

  it('refuses a file whose bytes do not match its declared encoding, in Chinese', async () => {
    const xml = fixture('supervise.bpmn');
    const r = await upload('gaoyuan', '/api/definitions', encodeGbk(xml));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('DIAGRAM_ENCODING');
    expect(r.json().error.message).toMatch(/UTF-8/);
    expect(unreadable([{ code: 'x', elementId: 'x', message: r.json().error.message, severity: 'error' }])).toEqual([]);
  });

  it('refuses a diagram over the size limit with the engine’s message, whether it reaches the handler or not', async () => {
    const big = fixture('supervise.bpmn').replace('</bpmn:process>', `<!-- ${'x'.repeat(MAX_DIAGRAM_BYTES)} --></bpmn:process>`);
    const expected = diagramBytesProblem(Buffer.byteLength(big))!.message;
    const r = await s.call('gaoyuan', 'POST', '/api/definitions/lint', { xml: big });
    expect(r.status).toBe(413);
    expect(r.body.error).toEqual({ code: 'DIAGRAM_TOO_LARGE', message: expected });
    const huge = await s.call('gaoyuan', 'POST', '/api/definitions', { xml: big + ' '.repeat(MAX_DIAGRAM_BYTES * 2) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('DIAGRAM_TOO_LARGE');
    expect(huge.body.error.message).toMatch(/超过上限 16 MB/);
  });

  it('deploys the executable pool of a collaboration and leaves the partner pool alone', async () => {
    const xml = fixture('supervise.bpmn').replace(
      '</bpmn:definitions>',
      `<bpmn:collaboration id="collab"><bpmn:participant id="us" name="督查室" processRef="supervise" /><bpmn:participant id="them" name="承办单位（外部）" processRef="partner" /></bpmn:collaboration>
  <bpmn:process id="partner" name="外部单位流程" isExecutable="false"><bpmn:task id="whatever" /><bpmn:scriptTask id="script" /></bpmn:process>
</bpmn:definitions>`,
    );
    const r = await s.call('gaoyuan', 'POST', '/api/definitions', { xml: xml.replace('name="测试督办"', 'name="测试督办（协作）"') });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.deployed.map((d: { key: string }) => d.key)).toEqual(['supervise']);
    expect(r.body.warnings.filter((w: { elementId: string }) => ['whatever', 'script', 'partner'].includes(w.elementId))).toEqual([]);
    expect((await s.call('gaoyuan', 'GET', '/api/definitions/partner')).status).toBe(404);
  });
});
