/**
 * Document templates: .docx files with docxtemplater placeholders ({标题}, {#有附件}…{/有附件}).
 * docxtemplater was chosen because its tags are plain text an office clerk can type in WPS or
 * Word, it evaluates no code (the default parser only looks names up), it keeps the template's
 * layout untouched, and its inspect module lists the tags a template uses, so an upload naming
 * an unknown field is refused before any document is made with it.
 */
import Docxtemplater from 'docxtemplater';
import InspectModule from 'docxtemplater/js/inspect-module.js';
import PizZip from 'pizzip';
import { AppError } from '../errors';
import { SEAL_PLACEHOLDER_NAME } from './seal-image';

/** Largest template accepted. */
export const MAX_TEMPLATE_BYTES = 5 * 1024 * 1024;

// Errors come back to the caller in Chinese; docxtemplater's own logging to the console is off.
const OPTIONS = { paragraphLoop: true, linebreaks: true, errorLogging: false } as const;

function zipOf(bytes: Buffer): PizZip {
  try {
    return new PizZip(bytes);
  } catch {
    throw new AppError('TEMPLATE_INVALID', '模板不是有效的 .docx 文件（请用 WPS 或 Word 另存为 .docx 后上传）', { status: 400 });
  }
}

/** docxtemplater's own errors, said in Chinese with where they are. */
function templateError(err: unknown): AppError {
  const e = err as { properties?: { errors?: { properties?: { id?: string; xtag?: string; explanation?: string } }[] } };
  const first = e.properties?.errors?.[0]?.properties;
  const where = first?.xtag ? `“${first.xtag}”` : '';
  const what: Record<string, string> = {
    unclosed_tag: `占位符${where}缺少右花括号“}”`,
    unopened_tag: `占位符${where}缺少左花括号“{”`,
    duplicate_open_tag: `占位符${where}有多余的“{”`,
    duplicate_close_tag: `占位符${where}有多余的“}”`,
    closing_tag_does_not_match_opening_tag: `条件或列表${where}的开始与结束标记不一致`,
    unclosed_loop: `条件或列表${where}缺少结束标记（如 {/${first?.xtag ?? '名称'}}）`,
    unopened_loop: `结束标记${where}没有对应的开始标记`,
  };
  return new AppError('TEMPLATE_SYNTAX', `模板格式有误：${(first?.id && what[first.id]) || '占位符无法解析，请检查花括号是否成对'}`, { status: 400 });
}

/** The field names a template uses (top-level tags, loops and conditions; tags inside lists are the list's own). */
export function templateTags(bytes: Buffer): { fields: string[]; inner: Record<string, string[]> } {
  const inspect = new InspectModule();
  try {
    new Docxtemplater(zipOf(bytes), { ...OPTIONS, modules: [inspect] });
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw templateError(err);
  }
  const tags = inspect.getAllTags() as Record<string, unknown>;
  const inner: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(tags)) if (v && typeof v === 'object' && Object.keys(v).length) inner[k] = Object.keys(v);
  return { fields: Object.keys(tags), inner };
}

/** Fields that loops carry for each entry (序号 etc.), by list field. */
const LIST_FIELDS: Record<string, string[]> = {
  附件: ['序号', '名称'],
  逐项答复: ['序号', '问题', '答复'],
  分类排名: ['序号', '分类', '单位', '名次', '单位名称', '得分'],
};

/**
 * Check a template against the fields it may use; throws TEMPLATE_UNKNOWN_FIELD naming every
 * unknown one. Inside a condition the tags are the document's own fields; inside a list they
 * are the list entry's.
 */
export function checkTemplate(bytes: Buffer, known: Record<string, string>): { fields: string[]; hasSealPlaceholder: boolean } {
  if (bytes.length > MAX_TEMPLATE_BYTES) throw new AppError('TEMPLATE_TOO_LARGE', `模板文件过大（${(bytes.length / 1048576).toFixed(1)} MB），上限为 5 MB`, { status: 413 });
  const { fields, inner } = templateTags(bytes);
  const unknown = new Set<string>();
  for (const f of fields) if (!(f in known)) unknown.add(f);
  for (const [list, tags] of Object.entries(inner)) {
    const own = LIST_FIELDS[list] ?? [];
    for (const t of tags) if (!own.includes(t) && !(t in known)) unknown.add(t);
  }
  if (unknown.size) {
    const names = [...unknown].map((f) => `{${f}}`).join('、');
    throw new AppError('TEMPLATE_UNKNOWN_FIELD', `模板引用了未知字段：${names}。可用字段见“可用字段”列表`, { status: 400, details: { fields: [...unknown] } });
  }
  const xml = zipOf(bytes).file('word/document.xml')?.asText() ?? '';
  return { fields, hasSealPlaceholder: xml.includes(`descr="${SEAL_PLACEHOLDER_NAME}"`) || xml.includes(`name="${SEAL_PLACEHOLDER_NAME}"`) };
}

/** Fill a template with a document's values. */
export function renderTemplate(bytes: Buffer, values: Record<string, unknown>): Buffer {
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(zipOf(bytes), { ...OPTIONS, nullGetter: () => '' });
    doc.render(values);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw templateError(err);
  }
  return doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * Put a seal's picture on a document: the template's placeholder picture named 印章 gets the
 * seal's bytes. Returns null when the document has no placeholder.
 */
export function stampDocx(bytes: Buffer, png: Buffer): Buffer | null {
  const zip = zipOf(bytes);
  const xml = zip.file('word/document.xml')?.asText() ?? '';
  const at = xml.search(new RegExp(`<wp:docPr[^>]*(?:descr|name)="${SEAL_PLACEHOLDER_NAME}"`));
  if (at < 0) return null;
  const embed = /r:embed="([^"]+)"/.exec(xml.slice(at))?.[1];
  const rels = zip.file('word/_rels/document.xml.rels')?.asText() ?? '';
  const target = embed ? new RegExp(`<Relationship[^>]*Id="${embed}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`<Relationship[^>]*Target="([^"]+)"[^>]*Id="${embed}"`).exec(rels)?.[1] : undefined;
  if (!target) return null;
  const path = target.startsWith('/') ? target.slice(1) : `word/${target}`;
  const pngPath = path.replace(/\.[a-z]+$/i, '.png');
  if (pngPath !== path) {
    zip.remove(path);
    zip.file('word/_rels/document.xml.rels', rels.replace(`Target="${target}"`, `Target="${target.replace(/\.[a-z]+$/i, '.png')}"`));
    const types = zip.file('[Content_Types].xml')?.asText() ?? '';
    if (!/Extension="png"/i.test(types)) zip.file('[Content_Types].xml', types.replace('</Types>', '<Default Extension="png" ContentType="image/png"/></Types>'));
  }
  zip.file(pngPath, png);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The text of a .docx, paragraph by paragraph (for search, checks and tests). */
export function docxText(bytes: Buffer): string {
  const xml = zipOf(bytes).file('word/document.xml')?.asText() ?? '';
  return xml
    .split(/<\/w:p>/)
    .map((para) =>
      [...para.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
        .map((m) => (m[0] === '<w:tab/>' ? '\t' : m[1]))
        .join('')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    )
    .filter((l) => l.trim())
    .join('\n');
}
