import { BpmnModdle } from 'bpmn-moddle';
import dubanDescriptor from './duban.json';
import type { Problem } from '../types';

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

const FORBIDDEN = /<!DOCTYPE|<!ENTITY/i;
const MAX_XML = 5 * 1024 * 1024;

/** Parse BPMN XML; refuses DOCTYPE / entities (no XXE) and reports parse warnings as problems. */
export async function readDefinitions(xml: string): Promise<{ definitions: ModdleElement | null; problems: Problem[] }> {
  if (typeof xml !== 'string' || xml.trim() === '') {
    return { definitions: null, problems: [problem('empty-xml', 'definitions', '流程文件为空')] };
  }
  if (xml.length > MAX_XML) {
    return { definitions: null, problems: [problem('xml-too-large', 'definitions', '流程文件超过 5 MB，拒绝加载')] };
  }
  if (FORBIDDEN.test(xml)) {
    return {
      definitions: null,
      problems: [problem('xml-doctype', 'definitions', '流程文件含有 DOCTYPE 或实体声明，出于安全原因拒绝加载')],
    };
  }
  const moddle = createModdle();
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
    // Content moddle could not place (duplicate ids, broken nesting) is lost on load: that is an error.
    const problems = (warnings as { message: string; element?: ModdleElement }[]).map((w) =>
      /unparsable content|duplicate ID/i.test(w.message)
        ? problem('xml-unparsable', w.element?.id ?? 'definitions', `流程文件有无法解析的内容：${w.message.split('\n')[0]}${/duplicate ID <([^>]+)>/.exec(w.message) ? `（元素编号 ${/duplicate ID <([^>]+)>/.exec(w.message)![1]} 重复）` : ''}`)
        : problem('xml-warning', w.element?.id ?? 'definitions', `流程文件有无法识别的内容：${w.message}`, 'warning'),
    );
    return { definitions: rootElement, problems };
  } catch (err) {
    return {
      definitions: null,
      problems: [problem('xml-invalid', 'definitions', `流程文件不是有效的 BPMN 2.0 XML：${(err as Error).message}`)],
    };
  }
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
