/** Uploads are judged by their content, not by the type the client declares. */
import { afterEach, describe, expect, it } from 'vitest';
import { databases, startServer, type TestServer } from './helpers';

const boundary = '----duban';
const part = (name: string, declared: string, content: Buffer) =>
  Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${declared}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);

describe.each(databases())('upload types on $name', (database) => {
  let s: TestServer;
  afterEach(async () => s?.close());
  const upload = (name: string, declared: string, content: Buffer) =>
    s.app.inject({ method: 'POST', url: '/api/attachments', payload: part(name, declared, content), headers: { ...s.auth('fengxl'), 'content-type': `multipart/form-data; boundary=${boundary}` } });

  it('records the type the content has, and refuses executables and HTML whatever they claim to be', async () => {
    s = await startServer(database);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2d4a5b00000000049454e44ae426082', 'hex');
    const ok = await upload('现场照片.png', 'application/octet-stream', png);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().mime).toBe('image/png');
    const pdf = await upload('督查通报.pdf', 'text/plain', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'));
    expect(pdf.json().mime).toBe('application/pdf');

    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0), Buffer.from('PE\0\0')]);
    const refusedExe = await upload('整改报告.pdf', 'application/pdf', exe);
    expect(refusedExe.statusCode).toBe(415);
    expect(refusedExe.json().error).toMatchObject({ code: 'UPLOAD_TYPE_REFUSED', message: expect.stringContaining('不能上传') });
    const html = await upload('说明.txt', 'text/plain', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'));
    expect(html.statusCode).toBe(415);
    expect(html.json().error.message).toContain('允许上传的类型：文档、图片、压缩包');
    const svg = await upload('图.png', 'image/png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'));
    expect(svg.statusCode).toBe(415);
  });
});
