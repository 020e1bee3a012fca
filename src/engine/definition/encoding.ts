/**
 * Decoding an uploaded diagram file: the encoding comes from a byte-order mark or
 * from the XML declaration (UTF-8, UTF-16, GBK, GB18030); a file that does not
 * decode cleanly is refused with a Chinese message instead of being garbled.
 */
import type { Problem } from '../types';

// Declared names we accept, by the WHATWG label TextDecoder understands.
const LABELS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  gbk: 'gbk',
  gb2312: 'gbk',
  cp936: 'gbk',
  'x-gbk': 'gbk',
  gb18030: 'gb18030',
};

const DECLARED = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/;

/** Decode a diagram file's bytes into text; `problem` when its encoding is unsupported or its bytes do not match it. */
export function decodeDiagram(bytes: Uint8Array): { xml: string; problem?: undefined } | { xml?: undefined; problem: Problem } {
  let label: string | undefined;
  let offset = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) [label, offset] = ['utf-8', 3];
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [label, offset] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [label, offset] = ['utf-16be', 2];
  else if (bytes[0] === 0x3c && bytes[1] === 0x00) label = 'utf-16le';
  else if (bytes[0] === 0x00 && bytes[1] === 0x3c) label = 'utf-16be';
  if (!label) {
    // The declaration is ASCII in every encoding we accept but UTF-16.
    const head = String.fromCharCode(...bytes.subarray(0, 200));
    const declared = DECLARED.exec(head)?.[1];
    if (declared) {
      label = LABELS[declared.trim().toLowerCase()];
      if (!label) return { problem: refusal('xml-encoding-unsupported', `流程文件声明的编码“${declared}”不受支持；请另存为 UTF-8、GBK 或 GB18030 后再上传`) };
    } else label = 'utf-8';
  }
  try {
    const text = new TextDecoder(label, { fatal: true }).decode(bytes.subarray(offset));
    return { xml: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (err) {
    if (err instanceof RangeError) {
      return { problem: refusal('xml-encoding-unsupported', `无法按编码 ${label.toUpperCase()} 读取流程文件：本环境不支持这种编码`) };
    }
    return {
      problem: refusal('xml-encoding-invalid', `流程文件的内容不是有效的 ${label.toUpperCase()} 编码（${label === 'utf-8' ? '文件未声明编码时按 UTF-8 读取' : '按文件声明的编码读取'}）；请确认文件的实际编码，另存为 UTF-8 后再上传`),
    };
  }
}

function refusal(code: string, message: string): Problem {
  return { code, elementId: 'definitions', message, severity: 'error' };
}

/**
 * Text already decoded (for instance sent as JSON) still carries the file's declaration:
 * say UTF-8 there, so the parser does not warn about an encoding it no longer reads.
 */
export function declareUtf8(xml: string): string {
  const match = DECLARED.exec(xml);
  if (!match || /^utf-?8$/i.test(match[1])) return xml;
  return xml.replace(/(^<\?xml[^>]*?\bencoding\s*=\s*["'])[^"']+/, '$1UTF-8');
}
