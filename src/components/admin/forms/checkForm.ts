/**
 * Checking a form definition typed in the JSON editor: JSON syntax (with line and
 * column), the shape the server requires (key, name, version, schema), and the
 * form lint rules — the same checks the server runs on deploy.
 */
import { lintForm } from '../../../forms/lint';
import type { FormDefinition } from '../../../forms/types';

/** One message of the check. */
export interface FormCheckMessage {
  severity: 'error' | 'warning';
  /** Where: a field path, 'JSON' or the form. */
  where: string;
  message: string;
}

/** The result: the parsed definition when the text is usable, and the messages. */
export interface FormCheck {
  definition: FormDefinition | null;
  messages: FormCheckMessage[];
}

/** Line and column (from 1) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function jsonError(text: string, err: Error): string {
  const m = /position (\d+)/.exec(err.message);
  const lc = /line (\d+) column (\d+)/.exec(err.message);
  const where = lc ? { line: Number(lc[1]), column: Number(lc[2]) } : m ? lineColumn(text, Number(m[1])) : null;
  return where ? `第 ${where.line} 行第 ${where.column} 列附近有语法错误（检查逗号、引号和括号）` : `JSON 语法错误：${err.message}`;
}

/** Check the editor's text. */
export function checkForm(text: string): FormCheck {
  let json: any;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { definition: null, messages: [{ severity: 'error', where: 'JSON', message: jsonError(text, err as Error) }] };
  }
  const messages: FormCheckMessage[] = [];
  const shape = (message: string) => messages.push({ severity: 'error', where: '表单', message });
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    shape('内容应为一个对象：{ "key": …, "name": …, "version": 1, "schema": { … } }');
    return { definition: null, messages };
  }
  if (typeof json.key !== 'string' || !json.key.trim()) shape('key（表单标识）不能为空');
  else if (!/^[a-z][a-z0-9-]*$/.test(json.key)) messages.push({ severity: 'warning', where: '表单', message: 'key（表单标识）建议用小写字母开头，只含小写字母、数字和连字符' });
  if (typeof json.name !== 'string' || !json.name.trim()) shape('name（中文名称）不能为空');
  if (!Number.isInteger(json.version) || json.version < 1) shape('version 应为正整数（部署时由系统重新编号）');
  if (json.document !== undefined && typeof json.document !== 'string') shape('document（文种）应为文字，如“督查函”');
  const schema = json.schema;
  if (!schema || schema.type !== 'object' || typeof schema.properties !== 'object' || schema.properties === null) {
    shape('schema 应为 type 为 "object" 且带 properties 的 JSON Schema');
    return { definition: null, messages };
  }
  if (messages.some((m) => m.severity === 'error')) return { definition: null, messages };
  const definition = json as FormDefinition;
  for (const p of lintForm(definition)) {
    messages.push({ severity: 'error', where: p.field ?? '表单', message: p.message });
  }
  return { definition, messages };
}

/** A new form to start from. */
export function newFormTemplate(key: string, name: string): string {
  return JSON.stringify(
    {
      key,
      name,
      version: 1,
      schema: {
        type: 'object',
        properties: {
          opinion: {
            type: 'string',
            title: '办理意见',
            'x-decorator': 'FormItem',
            'x-component': 'Input.TextArea',
            'x-component-props': { rows: 4 },
            required: true,
          },
          attachments: {
            type: 'array',
            title: '附件',
            'x-decorator': 'FormItem',
            'x-component': 'AttachmentUpload',
          },
        },
      },
    },
    null,
    2,
  );
}
