/**
 * Reading documents back as a person would: the text of a .docx (its paragraphs, from
 * word/document.xml) and of a PDF (poppler's pdftotext). Independent of the server's own code.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PizZip from 'pizzip';

/** The paragraphs of a .docx, one per line. */
export function docxParagraphs(bytes: Buffer): string[] {
  const xml = new PizZip(bytes).file('word/document.xml')!.asText();
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .map((t) => t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"'))
    .filter((t) => t.trim());
}

/** The pictures inside a .docx (word/media/*), by name. */
export function docxMedia(bytes: Buffer): Record<string, Buffer> {
  const zip = new PizZip(bytes);
  return Object.fromEntries(Object.keys(zip.files).filter((n) => n.startsWith('word/media/')).map((n) => [n, Buffer.from(zip.file(n)!.asUint8Array())]));
}

/** Where pdftotext is, or null. */
export const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p)) ?? null;

/** The text of a PDF, whitespace removed (CJK layout spaces characters apart). */
export function pdfText(bytes: Buffer): string {
  if (!PDFTOTEXT) throw new Error('pdftotext is not installed (Debian package poppler-utils)');
  const dir = mkdtempSync(join(tmpdir(), 'duban-pdftext-'));
  try {
    const f = join(dir, 'd.pdf');
    writeFileSync(f, bytes);
    return execFileSync(PDFTOTEXT, ['-enc', 'UTF-8', f, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
