import { BpmnModdle } from 'bpmn-moddle';
import { Parser } from 'saxen';
import dubanDescriptor from './duban.json';
import type { Problem } from '../types';
import { declareUtf8 } from './encoding';
import { diagramBytesProblem, diagramElementsProblem, utf8Length } from './limits';
import { translateParserMessage } from './parser-messages';

/** A moddle element as bpmn-moddle returns it (loosely typed). */
export type ModdleElement = {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, string>;
  $parent?: ModdleElement;
  [key: string]: any;
};

/** Create a moddle instance that knows BPMN and our `duban:` extension. */
export function createModdle(): any {
  return new (BpmnModdle as any)({ duban: dubanDescriptor });
}

class Refused extends Error {}

/**
 * Check the XML itself with the parser before building a model: a DOCTYPE or entity
 * declaration (markup, not text that merely looks like one) is refused, and a file
 * that is not well-formed gets its first error with line and column.
 */
function screen(xml: string): Problem | null {
  let found: Problem | null = null;
  const parser = new Parser();
  parser.on('attention', (text: string, _decode: unknown, getContext: () => { line: number; column: number }) => {
    const { line, column } = getContext();
    found = problem('xml-doctype', 'definitions', `流程文件第 ${line + 1} 行第 ${column + 1} 列含有 DOCTYPE 或实体声明（${text.slice(0, 9)}…），出于安全原因拒绝加载`);
    throw new Refused();
  });
  parser.on('error', (err: Error, getContext: () => { line: number; column: number; data?: string }) => {
    const { line, column, data } = getContext();
    found = problem('xml-invalid', 'definitions', `流程文件不是有效的 XML：第 ${line + 1} 行第 ${column + 1} 列，${translateParserMessage(err.message, data)}`);
    throw new Refused();
  });
  try {
    parser.parse(xml);
  } catch (err) {
    if (!(err instanceof Refused)) {
      return problem('xml-invalid', 'definitions', '流程文件不是有效的 XML，无法读取');
    }
  }
  return found;
}

// Flow elements at every level, counted without recursion.
function countFlowElements(definitions: ModdleElement): number {
  let count = 0;
  const stack: ModdleElement[] = [...((definitions.rootElements ?? []) as ModdleElement[])];
  while (stack.length > 0) {
    const container = stack.pop()!;
    for (const el of (container.flowElements ?? []) as ModdleElement[]) {
      count++;
      if (el.flowElements) stack.push(el);
    }
  }
  return count;
}

/** Parse BPMN XML: size limits first, DOCTYPE / entities refused by the parser (no XXE), parser messages in Chinese. */
export async function readDefinitions(xml: string): Promise<{ definitions: ModdleElement | null; problems: Problem[] }> {
  if (typeof xml !== 'string' || xml.trim() === '') {
    return { definitions: null, problems: [problem('empty-xml', 'definitions', '流程文件为空')] };
  }
  const tooLarge = diagramBytesProblem(utf8Length(xml));
  if (tooLarge) return { definitions: null, problems: [tooLarge] };
  const text = declareUtf8(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml);
  if (!/^\s*</.test(text)) {
    return { definitions: null, problems: [problem('xml-invalid', 'definitions', '流程文件不是 XML 文件（应以“<”开头），请上传 .bpmn 流程文件')] };
  }
  const refused = screen(text);
  if (refused) return { definitions: null, problems: [refused] };
  const moddle = createModdle();
  let parsed: { rootElement: ModdleElement; warnings: { message: string; element?: ModdleElement }[] };
  try {
    parsed = await moddle.fromXML(text, 'bpmn:Definitions');
  } catch (err) {
    return {
      definitions: null,
      problems: [problem('xml-invalid', 'definitions', `流程文件不是有效的 BPMN 2.0 文件：${translateParserMessage((err as Error).message)}`)],
    };
  }
  const tooMany = diagramElementsProblem(countFlowElements(parsed.rootElement));
  if (tooMany) return { definitions: null, problems: [tooMany] };
  // Content moddle could not place (duplicate ids, broken nesting) is lost on load: that is an error.
  const problems = parsed.warnings.map((w) =>
    /unparsable content|duplicate ID/i.test(w.message)
      ? problem('xml-unparsable', w.element?.id ?? 'definitions', `流程文件有无法解析的内容：${translateParserMessage(w.message)}`)
      : problem('xml-warning', w.element?.id ?? 'definitions', `流程文件有无法识别的内容：${translateParserMessage(w.message)}`, 'warning'),
  );
  return { definitions: parsed.rootElement, problems };
}

/** Build a Problem. */
export function problem(
  code: string,
  elementId: string,
  message: string,
  severity: 'error' | 'warning' = 'error',
  elementName?: string,
): Problem {
  return { code, elementId, elementName, message, severity };
}
