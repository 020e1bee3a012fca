import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { appendAudit } from '../audit/audit.service';
import type { AppContext } from '../context';
import { findDocument } from '../documents/document.repository';
import { AppError, badRequest, notFound } from '../errors';
import { errorSchema } from '../http/error-handler';
import { idParams } from '../http/schemas';
import { sendFile } from '../http/send-file';
import { assertCanReadItem } from '../items/item.access';
import { findItem } from '../items/item.repository';
import { findAttachment, insertAttachment } from './attachment.repository';
import { checkUpload, type UploadSettings } from './upload-check';

/** Largest accepted upload. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const attachmentSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    itemId: { type: ['string', 'null'] },
    name: { type: 'string' },
    size: { type: 'integer' },
    mime: { type: 'string' },
    sha256: { type: 'string' },
    url: { type: 'string' },
  },
} as const;

/** Upload (multipart, SHA-256 recorded) and download of attachments; download of generated documents. */
export async function attachmentRoutes(app: FastifyInstance, ctx: AppContext, uploads?: UploadSettings): Promise<void> {
  app.post(
    '/api/attachments',
    {
      schema: {
        tags: ['attachments'],
        summary: '上传附件（multipart/form-data，字段 file；可选 itemId）',
        consumes: ['multipart/form-data'],
        querystring: { type: 'object', properties: { itemId: { type: 'string', maxLength: 100 } } },
        response: { 201: attachmentSchema, 400: errorSchema, 404: errorSchema, 406: errorSchema, 413: errorSchema, 415: errorSchema },
      },
    },
    async (req, reply) => {
      const { itemId } = req.query as { itemId?: string };
      if (itemId) {
        const item = await findItem(ctx.db, itemId);
        if (!item) throw notFound('督办事项不存在或您无权查看', 'ITEM_NOT_FOUND');
        await assertCanReadItem(ctx.db, req.user, item);
      }
      const file = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
      if (!file) throw badRequest('请选择要上传的文件', [{ field: 'file', message: '缺少文件' }], 'NO_FILE');
      const content = await file.toBuffer();
      if (content.length === 0) throw badRequest('不能上传空文件', [{ field: 'file', message: '文件为空' }], 'EMPTY_FILE');
      const name = (file.filename || '附件').slice(0, 200);
      // The type is what the content is, not what the browser declared.
      const mime = await checkUpload(content, name, uploads);
      const row = {
        id: randomUUID(),
        itemId: itemId ?? null,
        name,
        size: content.length,
        mime,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
        uploadedBy: req.user.id,
        uploadedAt: ctx.now(),
      };
      await ctx.db.transaction().execute(async (trx) => {
        await insertAttachment(trx, row);
        if (itemId) {
          await appendAudit(trx, { itemId, actorId: req.user.id, actorName: req.user.name, action: 'attachment.uploaded', data: { attachmentId: row.id, name, size: row.size, sha256: row.sha256 }, at: row.uploadedAt });
        }
      });
      const { content: _omit, ...meta } = row;
      return reply.status(201).send({ ...meta, url: `/api/attachments/${row.id}` });
    },
  );

  app.get(
    '/api/attachments/:id',
    { schema: { tags: ['attachments'], summary: '下载附件', params: idParams, response: { 404: errorSchema } } },
    async (req, reply) => {
      const a = await findAttachment(ctx.db, (req.params as { id: string }).id);
      if (!a) throw notFound('附件不存在', 'ATTACHMENT_NOT_FOUND');
      if (a.itemId) {
        await assertCanReadItem(ctx.db, req.user, { id: a.itemId }).catch(() => {
          throw notFound('附件不存在', 'ATTACHMENT_NOT_FOUND');
        });
      } else if (a.uploadedBy !== req.user.id) throw notFound('附件不存在', 'ATTACHMENT_NOT_FOUND');
      return sendFile(reply, a.name, a.mime, a.content);
    },
  );

  app.get(
    '/api/documents/:id/download',
    { schema: { tags: ['documents'], summary: '下载公文（.docx，含文号）', params: idParams, response: { 404: errorSchema, 409: errorSchema } } },
    async (req, reply) => {
      const d = await findDocument(ctx.db, (req.params as { id: string }).id);
      if (!d) throw notFound('公文不存在', 'DOCUMENT_NOT_FOUND');
      await assertCanReadItem(ctx.db, req.user, { id: d.itemId }).catch(() => {
        throw notFound('公文不存在', 'DOCUMENT_NOT_FOUND');
      });
      if (!d.content) throw new AppError('DOCUMENT_NOT_READY', `公文${d.number}已编号，尚未生成正文`, { status: 409 });
      return sendFile(reply, `${d.docType}${d.number}.docx`, d.mime ?? 'application/octet-stream', d.content);
    },
  );
}
