/**
 * API calls of 发起事项: startable procedures, the form of each procedure's first step
 * (found in the deployed diagram by the engine's own compiler), registering an item.
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

/** The first user task of a process: its name, form and the fields it may fill. */
export interface FirstStep {
  name: string;
  formKey: string | null;
  permissions: FieldPermissions;
}

/** The engine's diagram compiler (BPMN moddle included), fetched when a procedure is chosen, not with the page. */
const loadEngine = () => import('@/engine/definition');

/** The first user task of a process in a deployed diagram, as the engine compiles it; null when there is none. */
export async function firstStepOf(xml: string, processKey: string): Promise<FirstStep | null> {
  const { firstUserTask, parseDefinition } = await loadEngine();
  // A deployed diagram was linted on deploy: compiling it is enough.
  const { models } = await parseDefinition(xml, { skipLint: true });
  const model = models.find((m) => m.key === processKey);
  const task = model ? firstUserTask(model) : null;
  if (!task) return null;
  return {
    name: task.name,
    formKey: task.formKey ?? null,
    permissions: {
      editable: task.fields?.editable ?? [],
      readonly: task.fields?.readonly ?? [],
      hidden: task.fields?.hidden ?? [],
      // Fields the first step cannot fill are empty at registration: leave them out.
      otherwise: task.fields?.otherwise === 'editable' ? 'editable' : 'hidden',
    },
  };
}

/** The form of a procedure's first step, with that step's field permissions applied. */
export async function fetchStartForm(key: string): Promise<FormPayload | null> {
  // The compiler loads while the diagram is fetched.
  const [def] = await Promise.all([request<{ xml: string }>(`/api/definitions/${encodeURIComponent(key)}`), loadEngine()]);
  const step = await firstStepOf(def.xml, key);
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
