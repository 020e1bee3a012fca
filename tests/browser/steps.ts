/**
 * Steps acted on through the API in the browser suites, for the parts of a case whose pages
 * a test is not about: complete a task with the data given, filling whatever else its form requires.
 */
import type { Api } from './harness';

/** A schema node by field name, looking through layout containers. */
export function fieldNode(schema: any, name: string): any {
  for (const [key, child] of Object.entries<any>(schema?.properties ?? {})) {
    if (key === name && child?.type !== 'void') return child;
    const inner = child?.type === 'void' ? fieldNode(child, name) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/** A value a required field accepts, for steps whose content does not matter to the test. */
export function sampleValue(name: string, node: any, today: string): unknown {
  if (Array.isArray(node?.enum) && node.enum.length) return typeof node.enum[0] === 'object' ? node.enum[0].value : node.enum[0];
  if (node?.type === 'boolean') return false;
  if (node?.type === 'number') return 1;
  if (node?.type === 'array') return node.items?.type === 'object' ? [] : ['zjj'];
  if (/date$/i.test(name) || /DatePicker/.test(node?.['x-component'] ?? '')) return today;
  return '已按要求办理';
}

/** Completes a task with the given data, filling whatever else the form requires. */
export async function complete(api: Api, userId: string, taskId: string, data: Record<string, unknown>, outcome: string | undefined, today: string): Promise<void> {
  const detail = (await api(userId, 'GET', `/api/tasks/${encodeURIComponent(taskId)}`)).body;
  const body: Record<string, unknown> = { ...data };
  for (let attempt = 0; attempt < 4; attempt++) {
    const r = await api(userId, 'POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, { data: body, ...(outcome ? { outcome } : {}) });
    if (r.status === 200) return;
    const fields: { field: string }[] = r.status === 422 ? (r.body.error?.fields ?? []) : [];
    const missing = fields.map((f) => String(f.field).split('.')[0]).filter((n) => !(n in body));
    if (!missing.length) throw new Error(`step ${detail.task?.elementId} refused: ${r.status} ${JSON.stringify(r.body)}`);
    for (const name of missing) body[name] = sampleValue(name, fieldNode(detail.form?.schema, name), today);
  }
  throw new Error(`step ${detail.task?.elementId} could not be completed`);
}
