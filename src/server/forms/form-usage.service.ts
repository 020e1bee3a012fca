/**
 * Where the fields of a form are used, for the designer to show before a field is renamed
 * or deleted: the steps of the deployed processes that use the form (their field permissions),
 * the conditions of their flows and gateways, multi-instance collections and service-task
 * parameters, the official document composed from the form's data, and the data already filled in.
 */
import { listFields, type FormDefinition } from '../../forms';
import type { AppContext } from '../context';
import { fieldValues, templateOfDocType } from '../documents/fields';
import type { DirectoryService } from '../directory/directory.service';
import type { FieldUsage, FormStep, FormUsages } from '../../shared/api';
import { submittedFormData } from './form-usage.repository';

export type { FieldUsage, FormStep, FormUsages };

const MAX_SUBMISSIONS = 20_000;

/** Whether a FEEL text names a variable (not as part of a longer name or after a dot). */
export function mentions(feel: string | undefined, name: string): boolean {
  if (!feel) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.\\u4e00-\\u9fff])${escaped}(?![\\w\\u4e00-\\u9fff])`).test(feel.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}

/** The variables a document type's template fields are made from (found by recording the reads). */
export function documentFields(docType: string, dir: DirectoryService): Set<string> {
  const read = new Set<string>();
  for (const sample of ['示例', ['示例'], 1]) {
    const vars = new Proxy({} as Record<string, unknown>, {
      get(_t, key) {
        if (typeof key === 'string') read.add(key);
        return sample;
      },
    });
    try {
      fieldValues(templateOfDocType(docType) ?? '', { number: '示例〔2026〕1号', vars, itemTitle: '示例', itemCode: '示例', county: { name: '示例县' }, dir, date: '2026-01-01' });
    } catch (err) {
      // A sample of the wrong shape for some branch: the reads before it are still recorded.
      void err;
    }
  }
  return read;
}

/** The usages of every field of a deployed form. */
export async function formUsages(ctx: AppContext, form: FormDefinition): Promise<FormUsages> {
  const names = listFields(form.schema).map((f) => f.name);
  const fields: Record<string, FieldUsage[]> = Object.fromEntries(names.map((n) => [n, []]));
  const add = (name: string, usage: FieldUsage) => fields[name]?.push(usage);
  const steps: FormStep[] = [];

  for (const summary of await ctx.definitions.list()) {
    const def = await ctx.definitions.get(summary.key, summary.version);
    const elements = Object.values(def.model.elements);
    const mine = elements.filter((e) => e.type === 'userTask' && e.formKey === form.key);
    if (mine.length === 0) continue;
    const where = `流程“${def.name}”（第 ${def.version} 版）`;
    for (const e of mine) {
      steps.push({ processKey: def.key, processName: def.name, version: def.version, elementId: e.id, name: e.name, fields: e.fields });
      for (const access of ['editable', 'readonly', 'hidden'] as const) {
        const label = { editable: '可编辑', readonly: '只读', hidden: '隐藏' }[access];
        for (const n of e.fields?.[access] ?? []) if (n !== '*') add(n, { kind: 'permission', text: `${where}环节“${e.name}”的字段权限：${label}` });
      }
    }
    // The form's data becomes the process variables: conditions and parameters may read them.
    for (const flow of Object.values(def.model.flows ?? {})) {
      const from = def.model.elements[flow.source];
      for (const n of names) {
        if (mentions(flow.condition, n)) {
          add(n, { kind: 'condition', text: `${where}${from?.name ? `“${from.name}”之后` : ''}的流转条件 ${flow.condition}` });
        }
      }
    }
    for (const e of elements) {
      for (const n of names) {
        if (e.multi && (mentions(e.multi.collection, n) || mentions(e.multi.completionCondition, n))) {
          add(n, { kind: 'variable', text: `${where}环节“${e.name}”的多实例变量（${e.multi.collection}）` });
        }
        for (const [param, value] of Object.entries(e.params ?? {})) {
          if (mentions(value, n)) add(n, { kind: 'variable', text: `${where}环节“${e.name}”的参数 ${param}` });
        }
        if ([...(e.inputs ?? []), ...(e.outputs ?? [])].includes(n)) add(n, { kind: 'variable', text: `${where}环节“${e.name}”传入或传出的变量` });
      }
      const docType = e.action === 'document' ? e.params?.docType : undefined;
      if (docType && docType === form.document) {
        const read = documentFields(docType, ctx.dir);
        for (const n of names) if (read.has(n)) add(n, { kind: 'document', text: `${where}环节“${e.name}”生成的${docType}取用此字段` });
      }
    }
  }

  const rows = await submittedFormData(ctx.db, form.key, MAX_SUBMISSIONS);
  const counts = new Map<string, number>();
  for (const text of rows) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      void err; // A row written by hand that is not JSON holds no field.
      continue;
    }
    if (!data || typeof data !== 'object') continue;
    for (const [k, v] of Object.entries(data)) {
      if (v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  for (const n of names) {
    const c = counts.get(n);
    if (c) add(n, { kind: 'data', text: `已有 ${c} 份填报数据含此字段${rows.length >= MAX_SUBMISSIONS ? `（仅统计最近 ${MAX_SUBMISSIONS} 份）` : ''}` });
  }
  return { fields, steps, submissions: rows.length };
}
