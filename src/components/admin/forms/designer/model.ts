/**
 * The form designer's model: a form definition as a tree of nodes that keep their schema
 * objects as they are (every key the designer does not understand is kept), with the edits
 * the designer makes — insert, move, copy, remove, change — as pure functions that share
 * what they do not touch. Written back, an untouched model gives the definition unchanged.
 */
import type { FormDefinition, SchemaNode } from '../../../../forms/types';

/** Where a node's children live: `properties`, or the row object's `items.properties` (tables). */
export type Slot = 'children' | 'rows';

/** One schema node of the tree; `schema` is the node's own object, its children are kept apart. */
export interface DesignNode {
  /** Stable within the designer; never written into the schema. */
  id: string;
  /** The key under the parent's properties (the field key for data fields). */
  name: string;
  schema: SchemaNode;
  children?: DesignNode[];
  rows?: DesignNode[];
}

/** A form in the designer: the definition (its `schema` is replaced on writing), the root schema and the tree. */
export interface DesignModel {
  definition: FormDefinition;
  root: SchemaNode;
  nodes: DesignNode[];
}

let counter = 0;

/** A fresh node id. */
export function newId(): string {
  counter += 1;
  return `n${counter}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readNodes(properties: unknown): DesignNode[] {
  if (!isObject(properties)) return [];
  return Object.entries(properties)
    .filter(([, child]) => isObject(child))
    .map(([name, child]) => readNode(name, child as SchemaNode));
}

function readNode(name: string, schema: SchemaNode): DesignNode {
  const node: DesignNode = { id: newId(), name, schema };
  if ('properties' in schema) node.children = readNodes(schema.properties);
  if (isObject(schema.items) && 'properties' in schema.items) node.rows = readNodes(schema.items.properties);
  return node;
}

/** Reads a definition into the designer's model. */
export function fromDefinition(def: FormDefinition): DesignModel {
  return { definition: def, root: def.schema, nodes: readNodes(def.schema.properties) };
}

function writeNodes(nodes: DesignNode[]): Record<string, SchemaNode> {
  const out: Record<string, SchemaNode> = {};
  for (const n of nodes) out[n.name] = writeNode(n);
  return out;
}

/** The schema of one node with its children written back in place. */
export function writeNode(node: DesignNode): SchemaNode {
  let schema = node.schema;
  if (node.children) schema = { ...schema, properties: writeNodes(node.children) };
  if (node.rows) schema = { ...schema, items: { ...(schema.items ?? { type: 'object' }), properties: writeNodes(node.rows) } };
  return schema;
}

/** The root schema of the model. */
export function toSchema(model: DesignModel): FormDefinition['schema'] {
  return { ...model.root, properties: writeNodes(model.nodes) } as FormDefinition['schema'];
}

/** Writes the model back as a definition (its keys in their order, the schema in its place). */
export function toDefinition(model: DesignModel): FormDefinition {
  return { ...model.definition, schema: toSchema(model) } as FormDefinition;
}

// ------------------------------------------------------------------ finding

/** Visits every node with its parent id (null at the top) and slot. */
export function eachNode(nodes: DesignNode[], visit: (node: DesignNode, parent: DesignNode | null, slot: Slot) => void, parent: DesignNode | null = null): void {
  for (const n of nodes) {
    visit(n, parent, 'children');
    if (n.children) eachNode(n.children, visit, n);
    if (n.rows) eachNode(n.rows, (c, p, s) => visit(c, p, p === n ? 'rows' : s), n);
  }
}

/** A node by id. */
export function findNode(model: DesignModel, id: string): DesignNode | undefined {
  let found: DesignNode | undefined;
  eachNode(model.nodes, (n) => {
    if (n.id === id) found = n;
  });
  return found;
}

/** Where a node sits: its parent (null at the top), the slot and its index there. */
export function locate(model: DesignModel, id: string): { parent: DesignNode | null; slot: Slot; index: number } | undefined {
  const top = model.nodes.findIndex((n) => n.id === id);
  if (top >= 0) return { parent: null, slot: 'children', index: top };
  let out: { parent: DesignNode | null; slot: Slot; index: number } | undefined;
  eachNode(model.nodes, (n) => {
    for (const slot of ['children', 'rows'] as const) {
      const i = n[slot]?.findIndex((c) => c.id === id) ?? -1;
      if (i >= 0) out = { parent: n, slot, index: i };
    }
  });
  return out;
}

/** Whether a node holds data (not a layout container or a table's column/buttons). */
export function isDataNode(node: DesignNode): boolean {
  return node.schema.type !== 'void';
}

/** Every key used in the tree (keys are kept unique across the form, so any can be a data path). */
export function usedNames(model: DesignModel): Set<string> {
  const names = new Set<string>();
  eachNode(model.nodes, (n) => names.add(n.name));
  return names;
}

/** The top-level data fields (looking through layout containers) with their titles, in order. */
export function topFields(model: DesignModel): DesignNode[] {
  const out: DesignNode[] = [];
  const visit = (nodes: DesignNode[]) => {
    for (const n of nodes) {
      if (isDataNode(n)) out.push(n);
      else if (n.children) visit(n.children);
    }
  };
  visit(model.nodes);
  return out;
}

/** A key not yet used: `base`, else `base2`, `base3`… */
export function uniqueName(model: DesignModel, base: string): string {
  const used = usedNames(model);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

// ------------------------------------------------------------------ editing

/** The list at a place, replaced by `change`; nodes not on the way are shared. */
function editList(model: DesignModel, parentId: string | null, slot: Slot, change: (list: DesignNode[]) => DesignNode[]): DesignModel {
  if (parentId === null) return { ...model, nodes: change(model.nodes) };
  const visit = (nodes: DesignNode[]): DesignNode[] => {
    let changed = false;
    const next = nodes.map((n) => {
      if (n.id === parentId) {
        changed = true;
        return { ...n, [slot]: change(n[slot] ?? []) };
      }
      const children = n.children && visit(n.children);
      const rows = n.rows && visit(n.rows);
      if (children === n.children && rows === n.rows) return n;
      changed = true;
      return { ...n, children, rows };
    });
    return changed ? next : nodes;
  };
  return { ...model, nodes: visit(model.nodes) };
}

/** Formily orders by `x-index` first: once the designer orders a list, declaration order is the order. */
function withoutIndex(list: DesignNode[]): DesignNode[] {
  if (!list.some((n) => 'x-index' in n.schema)) return list;
  return list.map((n) => {
    if (!('x-index' in n.schema)) return n;
    const { 'x-index': _drop, ...schema } = n.schema;
    return { ...n, schema };
  });
}

/** Inserts a node at a place (index clamped to the list). */
export function insertNode(model: DesignModel, parentId: string | null, slot: Slot, index: number, node: DesignNode): DesignModel {
  return editList(model, parentId, slot, (list) => {
    const next = [...list];
    next.splice(Math.max(0, Math.min(index, next.length)), 0, node);
    return withoutIndex(next);
  });
}

/** Removes a node (and what it holds). */
export function removeNode(model: DesignModel, id: string): DesignModel {
  const at = locate(model, id);
  if (!at) return model;
  return editList(model, at.parent?.id ?? null, at.slot, (list) => list.filter((n) => n.id !== id));
}

/** Moves a node to a place; `index` counts in the target list before the node left it. */
export function moveNode(model: DesignModel, id: string, parentId: string | null, slot: Slot, index: number): DesignModel {
  const at = locate(model, id);
  const node = findNode(model, id);
  if (!at || !node) return model;
  // A container cannot go inside itself.
  if (parentId !== null && (parentId === id || (findInside(node, parentId) !== undefined))) return model;
  const sameList = (at.parent?.id ?? null) === parentId && at.slot === slot;
  const target = sameList && at.index < index ? index - 1 : index;
  if (sameList && target === at.index) return model;
  return insertNode(removeNode(model, id), parentId, slot, target, node);
}

function findInside(node: DesignNode, id: string): DesignNode | undefined {
  let found: DesignNode | undefined;
  eachNode([...(node.children ?? []), ...(node.rows ?? [])], (n) => {
    if (n.id === id) found = n;
  });
  return found;
}

/** Changes one node's schema (and, with `name`, its key). */
export function updateNode(model: DesignModel, id: string, change: (schema: SchemaNode) => SchemaNode, name?: string): DesignModel {
  const at = locate(model, id);
  if (!at) return model;
  return editList(model, at.parent?.id ?? null, at.slot, (list) =>
    list.map((n) => (n.id === id ? { ...n, schema: change(n.schema), ...(name !== undefined ? { name } : {}) } : n)),
  );
}

/** Changes the root schema (e.g. its linkage rules). */
export function updateRoot(model: DesignModel, change: (root: SchemaNode) => SchemaNode): DesignModel {
  return { ...model, root: change(model.root) };
}

/** A copy of a node with fresh ids and unused keys (`name2`…), placed right after it. */
export function duplicateNode(model: DesignModel, id: string): { model: DesignModel; copy?: DesignNode } {
  const at = locate(model, id);
  const node = findNode(model, id);
  if (!at || !node) return { model };
  const used = usedNames(model);
  const rename = (n: DesignNode): DesignNode => {
    let name = n.name;
    for (let i = 2; used.has(name); i++) name = `${n.name.replace(/\d+$/, '')}${i}`;
    used.add(name);
    return { id: newId(), name, schema: structuredClone(n.schema), children: n.children?.map(rename), rows: n.rows?.map(rename) };
  };
  const copy = rename(node);
  return { model: insertNode(model, at.parent?.id ?? null, at.slot, at.index + 1, copy), copy };
}

// ------------------------------------------------------------------ history

/** Undo/redo over models (each edit is a new model; unchanged parts are shared). */
export interface History {
  past: DesignModel[];
  present: DesignModel;
  future: DesignModel[];
}

const LIMIT = 100;

/** A history starting at a model. */
export function startHistory(model: DesignModel): History {
  return { past: [], present: model, future: [] };
}

/** Records a new present (no-op when the edit changed nothing). */
export function record(h: History, next: DesignModel): History {
  if (next === h.present) return h;
  return { past: [...h.past, h.present].slice(-LIMIT), present: next, future: [] };
}

/** One step back. */
export function undo(h: History): History {
  if (h.past.length === 0) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future] };
}

/** One step forward again. */
export function redo(h: History): History {
  if (h.future.length === 0) return h;
  return { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1) };
}
