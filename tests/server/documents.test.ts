/**
 * Document templates the office edits, and the seal rules, through the real server:
 * an administrator downloads a template, edits one sentence, uploads it as a new version and
 * the next document uses it; a template naming an unknown field, or with broken braces, or that
 * is no .docx, is refused in Chinese and leaves the versions as they were; the county head's seal
 * cannot be approved before the county head signed; a host's seal service is asked off the
 * transaction and its picture and reference are what the document and the register show.
 */
import { readFileSync } from 'node:fs';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxMedia, docxParagraphs } from '../support/office';
import { databases, startServer, type TestServer } from './helpers';

/** A multipart body with one file part and an optional note. */
function multipart(name: string, bytes: Buffer, note?: string) {
  const boundary = '----duban-template';
  const parts = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), bytes, Buffer.from('\r\n')];
  if (note !== undefined) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\n${note}\r\n`));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The bundled 督查函 template with one sentence of its body replaced. */
function editedLetter(from: string, to: string): Buffer {
  const zip = new PizZip(readFileSync('forms/templates/inspection-letter.docx'));
  const xml = zip.file('word/document.xml')!.asText();
  expect(xml).toContain(from);
  zip.file('word/document.xml', xml.replace(from, to));
  return zip.generate({ type: 'nodebuffer' });
}

describe.each(databases())('document templates and seals on $name', (database) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer(database, { fixtures: ['letter.bpmn', 'unsigned-seal.bpmn'] });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });

  const upload = (user: string, key: string, body: ReturnType<typeof multipart>) =>
    s.app.inject({ method: 'POST', url: `/api/admin/templates/${key}`, headers: { ...s.auth(user), 'content-type': body.contentType }, payload: body.payload });

  async function letterItem(title: string) {
    const start = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'letter-path', title });
    expect(start.status, JSON.stringify(start.body)).toBe(201);
    const item = start.body.itemId;
    const task = (await s.call('fengxl', 'GET', '/api/tasks/todo?pageSize=100')).body.rows.find((r: any) => r.itemId === item && r.elementId === 'letter');
    const r = await s.call('fengxl', 'POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, {
      data: { title, units: ['jyj'], content: '请抓紧办理。', assignedDate: '2026-03-02', deadline: '2026-03-23' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const docs = (await s.call('fengxl', 'GET', `/api/items/${item}`)).body.documents;
    return { item, doc: docs.find((d: any) => d.docType === '督查函') };
  }
  const text = async (d: any) => docxParagraphs((await s.app.inject({ method: 'GET', url: d.url, headers: s.auth('fengxl') })).rawPayload).join('\n');

  it('uses the version an administrator uploads for the next document, and keeps every version', async () => {
    const list = await s.call('gaoyuan', 'GET', '/api/admin/templates');
    expect(list.status).toBe(200);
    const letter = list.body.templates.find((t: any) => t.key === 'inspection-letter');
    expect(letter).toMatchObject({ name: '督查函', docType: '督查函', version: 0, hasSealPlaceholder: true });
    expect(letter.fields.map((f: any) => f.name)).toEqual(expect.arrayContaining(['发文字号', '承办单位', '办结时限', '领导批示']));
    expect(list.body.templates.map((t: any) => t.key).sort()).toEqual(['case-report', 'circular', 'evaluation-result', 'inspection-letter', 'inspection-notice', 'order', 'proposal', 'reply', 'supervision-letter', 'urge-notice']);
    expect((await s.call('fengxl', 'GET', '/api/admin/templates')).status).toBe(403);

    const before = await letterItem('城区积水点整治');
    expect(before.doc.templateVersion).toBe(0);
    expect(await text(before.doc)).toContain('确因客观原因不能按期办结的');

    const edited = editedLetter('确因客观原因不能按期办结的', '确有特殊情况不能按期办结的');
    const up = await upload('gaoyuan', 'inspection-letter', multipart('督查函（2026修订）.docx', edited, '按主任意见修改延期表述'));
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toEqual({ key: 'inspection-letter', version: 1 });

    const after = await letterItem('城区路灯维修');
    expect(after.doc.templateVersion).toBe(1);
    const words = await text(after.doc);
    expect(words).toContain('确有特殊情况不能按期办结的');
    expect(words).not.toContain('确因客观原因不能按期办结的');
    expect(words).toContain('城区路灯维修');

    // Both versions can be downloaded as they were uploaded.
    const v1 = await s.app.inject({ method: 'GET', url: '/api/admin/templates/inspection-letter/download?version=1', headers: s.auth('gaoyuan') });
    expect(v1.statusCode).toBe(200);
    expect(Buffer.compare(v1.rawPayload, edited)).toBe(0);
    const v0 = await s.app.inject({ method: 'GET', url: '/api/admin/templates/inspection-letter/download?version=0', headers: s.auth('gaoyuan') });
    expect(Buffer.compare(v0.rawPayload, readFileSync('forms/templates/inspection-letter.docx'))).toBe(0);
    const versions = (await s.call('gaoyuan', 'GET', '/api/admin/templates')).body.templates.find((t: any) => t.key === 'inspection-letter').versions;
    expect(versions.map((v: any) => [v.version, v.note, v.uploadedByName])).toEqual([
      [1, '按主任意见修改延期表述', '高原'],
      [0, '系统内置版本', '系统'],
    ]);
  });

  it('refuses a template naming an unknown field, with broken braces, or that is no .docx, and keeps the versions', async () => {
    const unknown = await upload('gaoyuan', 'inspection-letter', multipart('x.docx', editedLetter('{办结时限}', '{截至日期}')));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('TEMPLATE_UNKNOWN_FIELD');
    expect(unknown.json().error.message).toContain('{截至日期}');
    expect(unknown.json().error.message).toMatch(/[\u4e00-\u9fff]/);

    const broken = await upload('gaoyuan', 'inspection-letter', multipart('x.docx', editedLetter('{办结时限}', '{办结时限')));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('TEMPLATE_SYNTAX');
    expect(broken.json().error.message).toMatch(/^模板格式有误/);

    const notDocx = await upload('gaoyuan', 'inspection-letter', multipart('x.docx', Buffer.from('这不是 Word 文件')));
    expect(notDocx.statusCode).toBe(400);
    expect(notDocx.json().error.code).toBe('TEMPLATE_INVALID');

    const wrongName = await upload('gaoyuan', 'inspection-letter', multipart('x.doc', readFileSync('forms/templates/inspection-letter.docx')));
    expect(wrongName.statusCode).toBe(400);
    expect(wrongName.json().error.code).toBe('TEMPLATE_INVALID');

    const nobody = await upload('fengxl', 'inspection-letter', multipart('x.docx', readFileSync('forms/templates/inspection-letter.docx')));
    expect(nobody.statusCode).toBe(403);
    const noSuch = await upload('gaoyuan', 'no-such', multipart('x.docx', readFileSync('forms/templates/inspection-letter.docx')));
    expect(noSuch.statusCode).toBe(404);

    const letter = (await s.call('gaoyuan', 'GET', '/api/admin/templates')).body.templates.find((t: any) => t.key === 'inspection-letter');
    expect(letter.version).toBe(1);
  });

  it('does not let the county head\'s seal be approved before the county head signed', async () => {
    const start = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'unsigned-seal', title: '测试督办令' });
    const item = start.body.itemId;
    const draft = (await s.call('fengxl', 'GET', '/api/tasks/todo?pageSize=100')).body.rows.find((r: any) => r.itemId === item && r.elementId === 'draft');
    const drafted = await s.call('fengxl', 'POST', `/api/tasks/${encodeURIComponent(draft.id)}/complete`, {
      data: { title: '测试督办令', targetTask: '完成任务', responsibility: '县住建局负责', requirements: '按期完成', deadline: '2026-04-30', units: ['zjj'], leadUnit: 'zjj' },
    });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(200);
    const ask = (await s.call('mads', 'GET', '/api/tasks/todo?pageSize=100')).body.rows.find((r: any) => r.itemId === item && r.elementId === 'ask');
    expect(ask, '机要室 keeps the county head\'s seal').toBeTruthy();
    const r = await s.call('mads', 'POST', `/api/tasks/${encodeURIComponent(ask.id)}/complete`, { outcome: '同意用印', data: { checked: true } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('SEAL_NOT_SIGNED');
    expect(r.body.error.message).toContain('县长印章须在县长签发后使用');
    // Nothing was lost: the request is still open, the order unsealed.
    expect((await s.call('mads', 'GET', `/api/tasks/${encodeURIComponent(ask.id)}`)).body.task.status).toBe('open');
    const doc = (await s.call('fengxl', 'GET', `/api/items/${item}`)).body.documents.find((d: any) => d.docType === '督办令');
    expect(doc.seal).toBeNull();
  });

  it('asks the host\'s seal service off the transaction, and prints and records its answer', async () => {
    const red = readFileSync('docs/screenshots/roles.png'); // any PNG stands for the host's seal picture
    const asked: unknown[] = [];
    s.ctx.host.seal = async (request) => {
      asked.push(request);
      return { sealedAt: s.clock.now(), reference: 'OA-SEAL-0042', image: red.toString('base64') };
    };
    try {
      const { item, doc } = await letterItem('主机用印测试');
      const ask = (await s.call('qianzy', 'GET', '/api/tasks/todo?pageSize=100')).body.rows.find((r: any) => r.itemId === item && r.elementId === 'ask');
      const r = await s.call('qianzy', 'POST', `/api/tasks/${encodeURIComponent(ask.id)}/complete`, { outcome: '同意用印', data: { checked: true } });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      // The action answered before the host was asked.
      expect(asked).toEqual([]);
      let row = (await s.call('qianzy', 'GET', `/api/seals/register?q=${encodeURIComponent('主机用印测试')}`)).body.rows[0];
      expect(row).toMatchObject({ status: 'applied', source: 'host-pending' });
      await s.documents.runHostSeals();
      expect(asked).toEqual([{ documentId: doc.id, seal: 'office', number: doc.number, actorId: 'qianzy' }]);
      row = (await s.call('qianzy', 'GET', `/api/seals/register?q=${encodeURIComponent('主机用印测试')}`)).body.rows[0];
      expect(row).toMatchObject({ status: 'applied', source: 'host', sourceName: '主机用印', reference: 'OA-SEAL-0042' });
      const bytes = (await s.app.inject({ method: 'GET', url: doc.url, headers: s.auth('fengxl') })).rawPayload;
      expect(Object.values(docxMedia(bytes)).some((m) => Buffer.compare(m, red) === 0)).toBe(true);
    } finally {
      delete s.ctx.host.seal;
    }
  });
});
