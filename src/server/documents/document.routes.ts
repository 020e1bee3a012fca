import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { startOfDay, toLocalDateTime } from '../../engine';
import { recordSystem } from '../admin/system-log';
import { requireAdmin } from '../auth/auth';
import type { AppContext } from '../context';
import { AppError, badRequest, forbidden, notFound } from '../errors';
import { errorSchema } from '../http/error-handler';
import { idParams } from '../http/schemas';
import { sendFile } from '../http/send-file';
import { assertCanReadItem } from '../items/item.access';
import { findLatestTemplate, findPdf, insertTemplate, listSealRegister, listTemplateVersions, type SealRegisterQuery } from './document.repository';
import { activeTemplate, bundledTemplate, checkUploadedTemplate, DOCX_MIME } from './document.service';
import type { DocumentWorker } from './document.worker';
import { fieldsOf, TEMPLATES } from './fields';
import { MAX_TEMPLATE_BYTES, checkTemplate } from './template';

/** The states of a register row, in words. */
export const SEAL_STATUS: Record<string, string> = { requested: '待审批', approved: '已批准', refused: '已退回', applied: '已用印', cancelled: '已撤销' };
const SOURCE: Record<string, string> = { specimen: '电子样章', 'host-pending': '主机用印中', host: '主机用印', 'host-specimen': '主机用印（电子样章）' };

/** PDFs of documents, the templates' admin, and the seal register. */
export async function documentRoutes(app: FastifyInstance, ctx: AppContext, worker: DocumentWorker): Promise<void> {
  app.get(
    '/api/documents/:id/pdf',
    { schema: { tags: ['documents'], summary: '查看公文 PDF（打印、归档用）', params: idParams, response: { 404: errorSchema, 409: errorSchema } } },
    async (req, reply) => {
      const d = await findPdf(ctx.db, (req.params as { id: string }).id);
      if (!d) throw notFound('公文不存在', 'DOCUMENT_NOT_FOUND');
      await assertCanReadItem(ctx.db, req.user, { id: d.itemId }).catch(() => {
        throw notFound('公文不存在', 'DOCUMENT_NOT_FOUND');
      });
      if (d.pdf && d.pdfStatus === 'ready') {
        const name = `${d.docType}${d.number || d.title}.pdf`;
        return sendFile(reply, name, 'application/pdf', Buffer.from(d.pdf)).header('content-disposition', inline(name));
      }
      if (d.sha256 === null) throw new AppError('DOCUMENT_NOT_READY', `公文${d.number}已编号，尚未生成正文`, { status: 409 });
      if (d.pdfStatus === 'unavailable' || !worker.renderer.available) throw new AppError('PDF_UNAVAILABLE', worker.renderer.reason ?? d.pdfError ?? 'PDF 暂不可用', { status: 409 });
      if (d.pdfStatus === 'failed') throw new AppError('PDF_FAILED', `PDF 生成失败：${d.pdfError ?? '原因不明'}`, { status: 409 });
      throw new AppError('PDF_PENDING', 'PDF 正在生成，请稍候再试', { status: 409 });
    },
  );

  // ── Templates (admin) ──
  app.get('/api/admin/templates', { schema: { tags: ['admin'], summary: '公文模板：各文种的当前版本、历史版本与可用字段' } }, async (req) => {
    requireAdmin(req.user);
    const versions = await listTemplateVersions(ctx.db);
    return {
      templates: Object.entries(TEMPLATES).map(([key, t]) => {
        const mine = versions.filter((v) => v.key === key);
        const bundled = checkTemplate(bundledTemplate(key), fieldsOf(key));
        return {
          key,
          name: t.name,
          docType: t.docType,
          version: mine[0]?.version ?? 0,
          hasSealPlaceholder: bundled.hasSealPlaceholder,
          fields: Object.entries(fieldsOf(key)).map(([name, description]) => ({ name, description })),
          versions: [
            ...mine.map((v) => ({ version: v.version, fileName: v.fileName, size: v.size, note: v.note, uploadedBy: v.uploadedBy, uploadedByName: ctx.dir.personName(v.uploadedBy), uploadedAt: v.uploadedAt })),
            { version: 0, fileName: `${key}.docx`, size: bundledTemplate(key).length, note: '系统内置版本', uploadedBy: 'system', uploadedByName: '系统', uploadedAt: null },
          ],
        };
      }),
    };
  });

  app.get(
    '/api/admin/templates/:key/download',
    { schema: { tags: ['admin'], summary: '下载公文模板（.docx，可用 WPS 或 Word 编辑）', params: { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] }, querystring: { type: 'object', properties: { version: { type: 'integer', minimum: 0 } } } } },
    async (req, reply) => {
      requireAdmin(req.user);
      const { key } = req.params as { key: string };
      if (!(key in TEMPLATES)) throw notFound(`没有名为“${key}”的公文模板`, 'TEMPLATE_NOT_FOUND');
      const { version } = req.query as { version?: number };
      const t = await activeTemplate(ctx.db, key, version);
      return sendFile(reply, `${TEMPLATES[key].name}模板-第${t.version}版.docx`, DOCX_MIME, t.bytes);
    },
  );

  app.post(
    '/api/admin/templates/:key',
    { schema: { tags: ['admin'], summary: '上传公文模板新版本（引用未知字段的模板不予接受）', params: { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] }, response: { 400: errorSchema, 404: errorSchema, 413: errorSchema } } },
    async (req) => {
      requireAdmin(req.user);
      const { key } = req.params as { key: string };
      if (!(key in TEMPLATES)) throw notFound(`没有名为“${key}”的公文模板`, 'TEMPLATE_NOT_FOUND');
      if (!req.isMultipart()) throw badRequest('请以文件形式上传 .docx 模板', undefined, 'TEMPLATE_FILE_REQUIRED');
      let bytes: Buffer | undefined;
      let fileName = `${key}.docx`;
      let note = '';
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          fileName = part.filename || fileName;
          try {
            bytes = await part.toBuffer();
          } catch {
            throw new AppError('TEMPLATE_TOO_LARGE', `模板文件过大，上限为 ${MAX_TEMPLATE_BYTES / 1048576} MB`, { status: 413 });
          }
        } else if (part.fieldname === 'note') note = String(part.value ?? '').slice(0, 200);
      }
      if (!bytes?.length) throw badRequest('请选择要上传的 .docx 模板文件', undefined, 'TEMPLATE_FILE_REQUIRED');
      if (!/\.docx$/i.test(fileName)) throw badRequest('模板须为 .docx 文件（.doc 请先用 WPS 或 Word 另存为 .docx）', undefined, 'TEMPLATE_INVALID');
      const { fields } = checkUploadedTemplate(key, bytes);
      const version = ((await findLatestTemplate(ctx.db, key))?.version ?? 0) + 1;
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const at = ctx.now();
      await ctx.db.transaction().execute(async (trx) => {
        await insertTemplate(trx, { key, version, content: bytes!, size: bytes!.length, sha256, fields: JSON.stringify(fields), fileName, note, uploadedBy: req.user.id, uploadedAt: at });
        await recordSystem(trx, req.user, 'template.upload', `${TEMPLATES[key].name}（第 ${version} 版）`, { key, version, fileName, sha256, fields, note }, at);
      });
      return { key, version };
    },
  );

  // ── The seal register ──
  const registerQuery = {
    type: 'object',
    properties: {
      seal: { type: 'string', maxLength: 40 },
      status: { type: 'string', enum: Object.keys(SEAL_STATUS) },
      from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      q: { type: 'string', maxLength: 100 },
      page: { type: 'integer', minimum: 1, default: 1 },
      pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
    },
  } as const;
  const filters = (q: Record<string, any>, paging: boolean): SealRegisterQuery => ({
    seal: q.seal || undefined,
    status: q.status || undefined,
    from: q.from ? startOfDay(q.from) : undefined,
    to: q.to ? startOfDay(q.to) + 86_400_000 : undefined,
    q: q.q?.trim() || undefined,
    limit: paging ? q.pageSize : 10_000,
    offset: paging ? (q.page - 1) * q.pageSize : 0,
  });
  const mayRead = (req: { user: Parameters<AppContext['dir']['can']>[0] }) => {
    if (!ctx.dir.can(req.user, 'seal.register') && !req.user.sealsKept.length) throw forbidden('只有县政府办主任、督查室主任和印章保管人可以查阅用印登记簿');
  };
  const rowsOf = async (f: SealRegisterQuery) => {
    const { rows, total } = await listSealRegister(ctx.db, f);
    const person = (id: string | null) => (id ? (id === 'system' ? '系统' : ctx.dir.personName(id)) : null);
    return {
      total,
      rows: rows.map((r) => ({
        ...r,
        sealName: ctx.dir.sealName(r.seal),
        statusName: SEAL_STATUS[r.status] ?? r.status,
        sourceName: r.source ? SOURCE[r.source] ?? r.source : null,
        requestedByName: person(r.requestedBy),
        approvedByName: person(r.approvedBy),
        appliedByName: person(r.appliedBy),
      })),
    };
  };
  app.get('/api/seals/register', { schema: { tags: ['documents'], summary: '用印登记簿', querystring: registerQuery, response: { 403: errorSchema } } }, async (req) => {
    mayRead(req);
    const { rows, total } = await rowsOf(filters(req.query as Record<string, any>, true));
    return { rows, total, seals: Object.fromEntries(Object.entries(ctx.dir.policy.seals).map(([id, s]) => [id, s.name])) };
  });
  app.get('/api/seals/register/export', { schema: { tags: ['documents'], summary: '导出用印登记簿（Excel）', querystring: registerQuery, response: { 403: errorSchema } } }, async (req, reply) => {
    mayRead(req);
    const { rows } = await rowsOf(filters(req.query as Record<string, any>, false));
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('用印登记簿');
    ws.columns = [
      { header: '序号', key: 'n', width: 6 },
      { header: '文号', key: 'number', width: 22 },
      { header: '文种', key: 'docType', width: 12 },
      { header: '公文标题', key: 'documentTitle', width: 36 },
      { header: '督办事项', key: 'itemTitle', width: 30 },
      { header: '印章', key: 'sealName', width: 20 },
      { header: '状态', key: 'statusName', width: 10 },
      { header: '申请人', key: 'requestedByName', width: 10 },
      { header: '申请时间', key: 'requestedAt', width: 20 },
      { header: '审批人', key: 'approvedByName', width: 10 },
      { header: '审批时间', key: 'approvedAt', width: 20 },
      { header: '用印人', key: 'appliedByName', width: 10 },
      { header: '用印时间', key: 'appliedAt', width: 20 },
      { header: '意见', key: 'opinion', width: 30 },
      { header: '来源', key: 'sourceName', width: 14 },
      { header: '主机用印编号', key: 'reference', width: 20 },
    ];
    ws.getRow(1).font = { bold: true };
    const t = (ms: number | null) => (ms ? toLocalDateTime(ms) : '');
    rows.forEach((r, i) => ws.addRow({ ...r, n: i + 1, requestedAt: t(r.requestedAt), approvedAt: t(r.approvedAt), appliedAt: t(r.appliedAt) }));
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    return download(reply, '用印登记簿.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buf);
  });
}

const inline = (name: string) => `inline; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`;
const download = (reply: FastifyReply, name: string, mime: string, body: Buffer) => sendFile(reply, name, mime, body);
