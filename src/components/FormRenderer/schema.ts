/** Form schemas and values between the server and the renderer. */
import type { Form } from '@formily/core';

/** A JSON-schema node as the renderer reads it. */
type Node = Record<string, any>;

/** A copy of the schema where read-only fields render as text (antd inputs have no true read-only mode). */
export function toDisplaySchema(schema: Node, readPretty = false): Node {
  const copy = JSON.parse(JSON.stringify(schema)) as Node;
  const visit = (node: Node) => {
    if (node['x-pattern'] === 'readOnly' || (readPretty && node.type !== 'void')) node['x-pattern'] = 'readPretty';
    for (const child of Object.values<Node>(node.properties ?? {})) visit(child);
    if (node.items && typeof node.items === 'object') visit(node.items);
  };
  visit(copy);
  return copy;
}

/**
 * The values of a form as plain JSON for the server: Formily's internal row keys
 * (ArrayTable adds `__DO_NOT_USE_THIS_PROPERTY_index__`) are left out.
 */
export function plainValues(form: Form): Record<string, unknown> {
  return JSON.parse(JSON.stringify(form.values, (key, value) => (key.startsWith('__DO_NOT_USE') ? undefined : value)));
}
