import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../errors';

/** Groups of accepted upload types. */
export type UploadGroup = 'document' | 'image' | 'archive';

/** Which uploads are accepted (default: documents, images and archives). */
export interface UploadSettings {
  allow?: UploadGroup[];
}

/** The types of each group, by what the content is (not what the client says). */
const GROUPS: Record<UploadGroup, Set<string>> = {
  document: new Set([
    'application/pdf',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-powerpoint',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/x-cfb',
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/rtf',
    'application/ofd',
    'text/plain',
    'text/csv',
  ]),
  image: new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'image/tiff']),
  archive: new Set(['application/zip', 'application/x-7z-compressed', 'application/x-rar-compressed', 'application/gzip', 'application/x-tar']),
};

const GROUP_NAMES: Record<UploadGroup, string> = { document: '文档', image: '图片', archive: '压缩包' };

/** Text that a browser would run or render as a page: refused even though it is "text". */
const ACTIVE_TEXT = /^\s*(<!doctype html|<html|<script|<svg|<\?xml[^>]*>\s*<svg|#!)/i;

/**
 * Judge an upload by its content with `file-type` (magic numbers); plain text (and CSV) passes when it is
 * valid UTF-8 without markup. Executables, HTML, SVG and anything outside the allowed groups are refused with
 * a Chinese message. Returns the MIME type to record.
 */
export async function checkUpload(content: Buffer, name: string, settings: UploadSettings = {}): Promise<string> {
  const allow = settings.allow ?? ['document', 'image', 'archive'];
  const allowed = new Set(allow.flatMap((g) => [...GROUPS[g]]));
  const found = await fileTypeFromBuffer(content);
  let mime = found?.mime as string | undefined;
  if (!mime) {
    const head = content.subarray(0, 4096).toString('utf8');
    const isText = !head.includes('\u0000') && !head.includes('\uFFFD');
    if (isText && !ACTIVE_TEXT.test(head)) mime = /\.csv$/i.test(name) ? 'text/csv' : 'text/plain';
  }
  if (mime === 'application/x-cfb' && /\.(docx?|xlsx?|pptx?|wps|et|dps)$/i.test(name)) mime = 'application/msword';
  if (!mime || !allowed.has(mime)) {
    const what = found ? `“${found.ext}”类文件` : '网页、脚本或无法识别的文件';
    throw new AppError('UPLOAD_TYPE_REFUSED', `不能上传${what}。允许上传的类型：${allow.map((g) => GROUP_NAMES[g]).join('、')}`, {
      status: 415,
      fields: [{ field: 'file', message: '文件类型不允许' }],
    });
  }
  return mime;
}
