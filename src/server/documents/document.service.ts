import { createHash, randomUUID } from 'node:crypto';
import { localYear } from '../../engine';
import type { Conn } from '../db/database';
import type { DirectoryService } from '../directory/directory.service';
import { composeDocument } from './compose';
import { allocateNumber, insertDocument, setDocumentContent } from './document.repository';
import { renderDocx } from './docx';
import { formatDocNumber } from './numbering';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Allocate the next gap-free number of a document type for an item and record the (still empty) document. */
export async function reserveDocumentNumber(
  db: Conn,
  input: { itemId: string; docType: string; title: string; countyShort: string; createdBy: string; now: number },
): Promise<{ id: string; number: string }> {
  const year = localYear(input.now);
  const serial = await allocateNumber(db, input.docType, year);
  const number = formatDocNumber(input.countyShort, input.docType, year, serial);
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

/** Compose a document from the item's variables, render it as .docx and store it on its row; returns its hash. */
export async function generateDocument(
  db: Conn,
  input: {
    documentId: string;
    docType: string;
    number: string;
    template: string | null;
    vars: Record<string, unknown>;
    itemTitle: string;
    county: { name: string };
    dir: DirectoryService;
    date: string;
  },
): Promise<{ sha256: string }> {
  const content = composeDocument({ docType: input.docType, number: input.number, vars: input.vars, itemTitle: input.itemTitle, county: input.county, dir: input.dir, date: input.date });
  const bytes = await renderDocx(content);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await setDocumentContent(db, input.documentId, { content: bytes, size: bytes.length, sha256, mime: DOCX_MIME, template: input.template, title: content.title });
  return { sha256 };
}
