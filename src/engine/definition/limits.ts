/**
 * The one size limit of a diagram, in bytes and in BPMN elements: the HTTP layer
 * and the engine both check it with these functions, with the same message.
 */
import type { Problem } from '../types';

/** The largest diagram file accepted, in bytes (UTF-8). */
export const MAX_DIAGRAM_BYTES = 16 * 1024 * 1024;

/** The most flow elements (steps, events, gateways and connections, at every level) a diagram may hold. */
export const MAX_DIAGRAM_ELEMENTS = 100_000;

/** The UTF-8 length of a text, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 2;
      i++;
    } else if (c >= 0x800) bytes += 2;
    else if (c >= 0x80) bytes += 1;
  }
  return bytes;
}

/** The problem of a file over the byte limit, or null. */
export function diagramBytesProblem(bytes: number): Problem | null {
  if (bytes <= MAX_DIAGRAM_BYTES) return null;
  return {
    code: 'diagram-too-large',
    elementId: 'definitions',
    message: `流程文件有 ${(bytes / 1024 / 1024).toFixed(1)} MB，超过上限 ${MAX_DIAGRAM_BYTES / 1024 / 1024} MB，拒绝加载`,
    severity: 'error',
  };
}

/** The problem of a diagram over the element limit, or null. */
export function diagramElementsProblem(elements: number): Problem | null {
  if (elements <= MAX_DIAGRAM_ELEMENTS) return null;
  return {
    code: 'diagram-too-many-elements',
    elementId: 'definitions',
    message: `流程文件有 ${elements} 个流程元素（环节、事件、网关和连线），超过上限 ${MAX_DIAGRAM_ELEMENTS} 个，拒绝加载`,
    severity: 'error',
  };
}
