/**
 * Reading a form schema: its data fields (looking through void layout containers),
 * field access under per-step permissions, and the schema copy a renderer gets.
 */
import type { FieldAccess, FieldInfo, FieldPermissions, SchemaNode } from './types';

/** Whether a node is an array of rows (ArrayTable / ArrayItems) rather than a list of plain values. */
export function isRowArray(node: SchemaNode): boolean {
  return node.type === 'array' && node.items?.type === 'object' && node.items.properties !== undefined;
}

/** Whether text contains at least one Chinese character. */
export function hasChinese(text: unknown): boolean {
  return typeof text === 'string' && /[\u4e00-\u9fff]/.test(text);
}

function byIndex(entries: [string, SchemaNode][]): [string, SchemaNode][] {
  // Formily renders by x-index, then by declaration order; keep the same order here.
  return entries
    .map((entry, i) => ({ entry, order: entry[1]['x-index'] ?? i }))
    .sort((a, b) => a.order - b.order)
    .map((x) => x.entry);
}

function fieldInfo(name: string, child: SchemaNode, requiredNames: string[]): FieldInfo {
  const pattern = child['x-pattern'];
  return {
    name,
    title: child.title ?? '',
    type: child.type ?? 'string',
    component: child['x-component'],
    required: child.required === true || requiredNames.includes(name),
    readOnly: pattern === 'readOnly' || pattern === 'readPretty' || pattern === 'disabled',
    node: child,
    rows: isRowArray(child) ? childFields(child.items as SchemaNode) : undefined,
  };
}

/** The data fields directly under an object node; void containers (FormGrid, columns…) are looked through. */
export function childFields(node: SchemaNode): FieldInfo[] {
  const fields: FieldInfo[] = [];
  const requiredNames = Array.isArray(node.required) ? node.required : [];
  for (const [name, child] of byIndex(Object.entries(node.properties ?? {}))) {
    if (!child || typeof child !== 'object') continue;
    if (child.type === 'void') {
      fields.push(...childFields(child));
      continue;
    }
    fields.push(fieldInfo(name, child, requiredNames));
  }
  return fields;
}

/** The top-level data fields of a form schema with their titles and types. */
export function listFields(schema: SchemaNode): FieldInfo[] {
  return childFields(schema);
}

/** One top-level data field by name, or undefined. */
export function findField(schema: SchemaNode, name: string): FieldInfo | undefined {
  return listFields(schema).find((f) => f.name === name);
}

const STRICTNESS: FieldAccess[] = ['hidden', 'readonly', 'editable'];

/** The access of a field at a step: an explicit listing wins over `*`; among equals the stricter wins. */
export function accessOf(permissions: FieldPermissions | undefined, field: string): FieldAccess {
  if (!permissions) return 'editable';
  const listOf = (access: FieldAccess): string[] => permissions[access] ?? [];
  for (const match of [(l: string[]) => l.includes(field), (l: string[]) => l.includes('*')]) {
    const hit = STRICTNESS.find((access) => match(listOf(access)));
    if (hit) return hit;
  }
  return permissions.otherwise ?? 'readonly';
}

/** The access of a field after schema-level read-only (numbers, totals filled by the system) is applied. */
export function effectiveAccess(permissions: FieldPermissions | undefined, field: FieldInfo): FieldAccess {
  const access = accessOf(permissions, field.name);
  return access === 'editable' && field.readOnly ? 'readonly' : access;
}

function deepCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * A copy of the schema for rendering at one step: editable fields get `x-pattern: 'editable'`,
 * read-only ones `'readOnly'`, hidden ones `x-display: 'hidden'` without their default value.
 */
export function applyPermissions<T extends SchemaNode>(schema: T, permissions: FieldPermissions | undefined): T {
  const copy = deepCopy(schema);
  const visit = (node: SchemaNode): void => {
    const requiredNames = Array.isArray(node.required) ? node.required : [];
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      if (!child || typeof child !== 'object') continue;
      if (child.type === 'void') {
        visit(child);
        continue;
      }
      const access = effectiveAccess(permissions, fieldInfo(name, child, requiredNames));
      if (access === 'hidden') {
        child['x-display'] = 'hidden';
        child['x-pattern'] = 'readOnly';
        // A hidden field must not leak through its default or its hint either.
        delete child.default;
        delete child.description;
      } else {
        child['x-display'] = 'visible';
        child['x-pattern'] = access === 'editable' ? 'editable' : 'readOnly';
      }
    }
  };
  visit(copy);
  return copy;
}

/** A copy of stored data without the fields hidden at this step, for sending to the browser. */
export function redactData(
  schema: SchemaNode,
  permissions: FieldPermissions | undefined,
  data: Record<string, unknown>,
): Record<string, unknown> {
  const hidden = new Set(
    listFields(schema)
      .filter((f) => effectiveAccess(permissions, f) === 'hidden')
      .map((f) => f.name),
  );
  return Object.fromEntries(Object.entries(data).filter(([key]) => !hidden.has(key)));
}

/** Visits every node of a schema with its path (`a.b`, array rows as `a[]`); used by lint rules. */
export function walkSchema(
  node: SchemaNode,
  visit: (node: SchemaNode, path: string, name: string) => void,
  path = '',
): void {
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    if (!child || typeof child !== 'object') continue;
    const childPath = path ? `${path}.${name}` : name;
    visit(child, childPath, name);
    walkSchema(child, visit, childPath);
    if (child.items && typeof child.items === 'object') walkSchema(child.items, visit, `${childPath}[]`);
  }
}
