import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DOCUMENT_TYPES, localYear } from '../../engine';
import type { Conn } from '../db/database';
import type { DirectoryService } from '../directory/directory.service';
import { AppError } from '../errors';
import { allocateNumber, findLatestTemplate, findTemplateVersion, insertDocument, setDocumentContent } from './document.repository';
import { fieldValues, fieldsOf, TEMPLATES, templateOfDocType, type FieldInput } from './fields';
import { formatDocNumber } from './numbering';
import { checkTemplate, renderTemplate } from './template';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Where the bundled templates are (version 0 of each). */
export const BUNDLED_TEMPLATES_DIR = fileURLToPath(new URL('../../../forms/templates/', import.meta.url));

const bundled = new Map<string, Buffer>();

/** The bundled version of a template. */
export function bundledTemplate(key: string): Buffer {
  let bytes = bundled.get(key);
  if (!bytes) {
    if (!(key in TEMPLATES)) throw new AppError('TEMPLATE_NOT_FOUND', `没有名为“${key}”的公文模板`, { status: 404 });
    bytes = readFileSync(`${BUNDLED_TEMPLATES_DIR}${key}.docx`);
    bundled.set(key, bytes);
  }
  return bytes;
}

/** The template a document is made with: the newest uploaded version, else the bundled one (version 0). */
export async function activeTemplate(db: Conn, key: string, version?: number): Promise<{ bytes: Buffer; version: number }> {
  if (version === 0) return { bytes: bundledTemplate(key), version: 0 };
  const row = version === undefined ? await findLatestTemplate(db, key) : await findTemplateVersion(db, key, version);
  if (row) return { bytes: Buffer.from(row.content), version: row.version };
  if (version !== undefined) throw new AppError('TEMPLATE_NOT_FOUND', `公文模板“${TEMPLATES[key]?.name ?? key}”没有第 ${version} 版`, { status: 404 });
  return { bytes: bundledTemplate(key), version: 0 };
}

/** Whether a document type carries a 文号. */
export const isNumbered = (docType: string) => !!DOCUMENT_TYPES[docType]?.prefix;

/** Allocate the next gap-free number of a document type for an item and record the (still empty) document. */
export async function reserveDocumentNumber(
  db: Conn,
  input: { itemId: string; docType: string; title: string; countyShort: string; createdBy: string; now: number; recipient?: string | null },
): Promise<{ id: string; number: string }> {
  const year = localYear(input.now);
  const serial = await allocateNumber(db, input.docType, year);
  const number = isNumbered(input.docType) ? formatDocNumber(input.countyShort, input.docType, year, serial) : '';
  const id = randomUUID();
  await insertDocument(db, {
    id,
    itemId: input.itemId,
    docType: input.docType,
    year,
    serial,
    number,
    title: input.title,
    template: null,
    templateVersion: null,
    recipient: input.recipient ?? null,
    mime: null,
    content: null,
    size: null,
    sha256: null,
    sealedBy: null,
    sealedAt: null,
    seal: null,
    createdBy: input.createdBy,
    createdAt: input.now,
  });
  return { id, number };
}

/** Make one document from its template and the item's data, and store it on its row (its PDF follows off the transaction). */
export async function generateDocument(
  db: Conn,
  input: Omit<FieldInput, 'dir'> & { documentId: string; template: string; dir: DirectoryService },
): Promise<{ sha256: string; title: string; templateVersion: number; bytes: Buffer }> {
  const { bytes: template, version } = await activeTemplate(db, input.template);
  const values = fieldValues(input.template, input);
  const bytes = renderTemplate(template, values);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const title = String(values.标题 ?? '') || input.itemTitle;
  await setDocumentContent(db, input.documentId, {
    content: bytes,
    size: bytes.length,
    sha256,
    mime: DOCX_MIME,
    template: input.template,
    templateVersion: version,
    title,
    recipient: input.unit ?? null,
  });
  return { sha256, title, templateVersion: version, bytes };
}

/** The template key of a document task: `duban:template` when it names a template, else the one of its type. */
export function templateFor(docType: string, template: string | undefined): string {
  if (template && template in TEMPLATES) return template;
  const key = templateOfDocType(docType);
  if (!key) throw new AppError('TEMPLATE_NOT_FOUND', `文种“${docType}”没有公文模板`, { status: 500 });
  return key;
}

/** Check an uploaded template against the fields of its document type; returns the fields it uses. */
export function checkUploadedTemplate(key: string, bytes: Buffer): { fields: string[]; hasSealPlaceholder: boolean } {
  if (!(key in TEMPLATES)) throw new AppError('TEMPLATE_NOT_FOUND', `没有名为“${key}”的公文模板`, { status: 404 });
  return checkTemplate(bytes, fieldsOf(key));
}
