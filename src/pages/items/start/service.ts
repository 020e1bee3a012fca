/**
 * API calls and diagram reading of 发起事项: startable procedures, the form of each
 * procedure's first step, registering an item and completing that first step.
 */
import { applyPermissions } from '@/forms/fields';
import type { FieldPermissions, SchemaNode } from '@/forms/types';
import { request } from '@/services/request';

export { fetchProcedures, type Procedure } from '@/services/definitions';

/** A form ready for rendering. */
export interface FormPayload {
  key: string;
  name: string;
  schema: Record<string, any>;
  /** Fields the first step may fill. */
  editable: string[];
  /** The step the form belongs to. */
  stepName: string;
}

const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const DUBAN_NS = 'http://duban.gov.cn/schema/bpmn';

/** The first user task of a process: its name, form and editable fields (read from the diagram). */
export interface FirstStep {
  name: string;
  formKey: string | null;
  permissions: FieldPermissions;
}

const list = (v: string | null) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []);

/** Follows the flow from the process's start event through gateways to the first user task. */
export function firstStepOf(xml: string, processKey: string): FirstStep | null {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const process = [...doc.getElementsByTagNameNS(BPMN_NS, 'process')].find((p) => p.getAttribute('id') === processKey);
  if (!process) return null;
  const byId = new Map<string, Element>();
  for (const el of process.children) if (el.getAttribute('id')) byId.set(el.getAttribute('id')!, el);
  const outgoing = (id: string) =>
    [...process.children].filter((el) => el.localName === 'sequenceFlow' && el.getAttribute('sourceRef') === id).map((f) => f.getAttribute('targetRef')!);
  const start = [...process.children].find((el) => el.localName === 'startEvent');
  const queue = start ? outgoing(start.getAttribute('id')!) : [];
  const seen = new Set<string>();
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const el = byId.get(id);
    if (!el) continue;
    if (el.localName === 'userTask') {
      const editable = list(el.getAttributeNS(DUBAN_NS, 'editable'));
      return {
        name: el.getAttribute('name') ?? '',
        formKey: el.getAttributeNS(DUBAN_NS, 'formKey') || null,
        permissions: {
          editable: editable.filter((f) => f !== '*'),
          readonly: list(el.getAttributeNS(DUBAN_NS, 'readonly')),
          hidden: list(el.getAttributeNS(DUBAN_NS, 'hidden')),
          // Fields the first step cannot fill are empty at registration: leave them out.
          otherwise: editable.includes('*') ? 'editable' : 'hidden',
        },
      };
    }
    if (el.localName.endsWith('Gateway')) queue.push(...outgoing(id));
  }
  return null;
}

/** The form of a procedure's first step, with that step's field permissions applied. */
export async function fetchStartForm(key: string): Promise<FormPayload | null> {
  const def = await request<{ xml: string }>(`/api/definitions/${encodeURIComponent(key)}`);
  const step = firstStepOf(def.xml, key);
  if (!step?.formKey) return null;
  const form = await request<{ key: string; name: string; schema: SchemaNode }>(`/api/forms/${encodeURIComponent(step.formKey)}`);
  return {
    key: form.key,
    name: form.name,
    schema: applyPermissions(form.schema, step.permissions) as Record<string, any>,
    editable: step.permissions.otherwise === 'editable' ? Object.keys(form.schema.properties ?? {}) : step.permissions.editable,
    stepName: step.name,
  };
}

/** Registers an item and starts its procedure. */
export function startItem(body: {
  procedureKey: string;
  title: string;
  source?: string;
  deadline?: string;
  vars: Record<string, unknown>;
}): Promise<{ itemId: string; code: string; instanceId: string }> {
  return request('/api/items', { method: 'POST', body });
}
