/**
 * Settings written by other engines (Camunda 7 and 8, Flowable, Activiti) in a
 * diagram: found by their namespace, whatever prefix the file gives it. The lint
 * names them in its messages and the import assistant carries them over.
 */

/** The engines whose extension attributes are recognised. */
export type Vendor = 'camunda7' | 'camunda8' | 'flowable' | 'activiti';

/** How each engine is named in messages. */
export const VENDOR_NAMES: Record<Vendor, string> = { camunda7: 'Camunda 7', camunda8: 'Camunda 8', flowable: 'Flowable', activiti: 'Activiti' };

const NAMESPACES: Record<string, Vendor> = {
  'http://camunda.org/schema/1.0/bpmn': 'camunda7',
  'http://camunda.org/schema/zeebe/1.0': 'camunda8',
  'http://flowable.org/bpmn': 'flowable',
  'http://activiti.org/bpmn': 'activiti',
};

/** A moddle element as read here. */
interface Node {
  $type: string;
  $parent?: Node;
  $attrs?: Record<string, string>;
  [key: string]: any;
}

const prefixCache = new WeakMap<Node, [prefix: string, vendor: Vendor][]>();

/** The prefixes the file declares for other engines' namespaces, on its root element. */
export function vendorPrefixes(node: Node): [prefix: string, vendor: Vendor][] {
  let root = node;
  while (root.$parent) root = root.$parent;
  let found = prefixCache.get(root);
  if (!found) {
    found = [];
    for (const [name, uri] of Object.entries(root.$attrs ?? {})) {
      const vendor = NAMESPACES[uri];
      if (vendor && name.startsWith('xmlns:')) found.push([name.slice(6), vendor]);
    }
    prefixCache.set(root, found);
  }
  return found;
}

/** The first of the named attributes another engine set on an element, with its engine. */
export function foreignAttr(node: Node, ...names: string[]): { vendor: Vendor; name: string; value: string } | undefined {
  const attrs = node.$attrs;
  if (!attrs) return undefined;
  for (const [prefix, vendor] of vendorPrefixes(node)) {
    for (const name of names) {
      const value = attrs[`${prefix}:${name}`];
      if (typeof value === 'string' && value.trim() !== '') return { vendor, name, value: value.trim() };
    }
  }
  return undefined;
}

/** The extension elements of another engine with this local name (e.g. zeebe:assignmentDefinition). */
export function foreignExtensions(node: Node, localName: string): { vendor: Vendor; element: Node }[] {
  const values: Node[] = node.extensionElements?.values ?? [];
  const out: { vendor: Vendor; element: Node }[] = [];
  for (const [prefix, vendor] of vendorPrefixes(node)) {
    for (const element of values) if (element.$type === `${prefix}:${localName}`) out.push({ vendor, element });
  }
  return out;
}

/** What another engine says about who handles a user task, as one line for people; undefined when nothing. */
export function foreignAssignee(node: Node): { vendor: Vendor | 'bpmn'; text: string } | undefined {
  const direct = foreignAttr(node, 'assignee', 'candidateUsers', 'candidateGroups');
  if (direct) return { vendor: direct.vendor, text: `${direct.name}=“${direct.value}”` };
  for (const { vendor, element } of foreignExtensions(node, 'assignmentDefinition')) {
    const parts = ['assignee', 'candidateUsers', 'candidateGroups'].filter((n) => element[n] ?? element.$attrs?.[n]).map((n) => `${n}=“${element[n] ?? element.$attrs?.[n]}”`);
    if (parts.length) return { vendor, text: parts.join(' ') };
  }
  const owner = (node.resources ?? []).find((r: Node) => r.$type === 'bpmn:PotentialOwner' || r.$type === 'bpmn:HumanPerformer');
  const expression = owner?.resourceAssignmentExpression?.expression?.body;
  if (typeof expression === 'string' && expression.trim()) return { vendor: 'bpmn', text: `potentialOwner=“${expression.trim()}”` };
  return undefined;
}

/** What another engine says about a user task's form; undefined when nothing. */
export function foreignFormKey(node: Node): { vendor: Vendor; value: string } | undefined {
  const direct = foreignAttr(node, 'formKey');
  if (direct) return { vendor: direct.vendor, value: direct.value };
  for (const { vendor, element } of foreignExtensions(node, 'formDefinition')) {
    const value = element.formKey ?? element.formId ?? element.$attrs?.formKey ?? element.$attrs?.formId;
    if (value) return { vendor, value: String(value) };
  }
  return undefined;
}

/** The name of a vendor (or of plain BPMN's potentialOwner) in a message. */
export function vendorName(vendor: Vendor | 'bpmn'): string {
  return vendor === 'bpmn' ? 'BPMN 标准' : VENDOR_NAMES[vendor];
}
