/** How the task page reads a step's form: which fields it may fill, what it shows, what it starts with. */
import dayjs from 'dayjs';
import type { TaskDetail } from './service';

type Node = Record<string, any>;

/** Names of the fields editable at this step (the server marks them `x-pattern: 'editable'`). */
export function editableFields(schema: Node): string[] {
  const out: string[] = [];
  const visit = (node: Node) => {
    for (const [name, child] of Object.entries<Node>(node.properties ?? {})) {
      if (child.type === 'void') visit(child);
      else if (child['x-pattern'] === 'editable' && child['x-display'] !== 'hidden') out.push(name);
    }
  };
  visit(schema);
  return out;
}


/** The schema as rendered here: when the step offers outcome buttons, the form's own outcome field is not shown twice. */
export function renderedSchema(schema: Node, outcomes: string[]): Node {
  if (!outcomes.length || !schema.properties?.outcome) return schema;
  return { ...schema, properties: { ...schema.properties, outcome: { ...schema.properties.outcome, 'x-display': 'hidden' } } };
}

/** Initial values: the stored data, and today in empty editable signing-date fields (签批日期, 签发日期). */
export function initialValues(detail: TaskDetail): Record<string, unknown> {
  const values = { ...detail.data };
  const schema = detail.form?.schema;
  for (const [name, node] of Object.entries<Node>(schema?.properties ?? {})) {
    const isSignDate = /签\S{0,2}日期/.test(node.title ?? '') && /DatePicker/.test(node['x-component'] ?? '');
    if (isSignDate && node['x-pattern'] === 'editable' && !values[name]) values[name] = dayjs().format('YYYY-MM-DD');
  }
  return values;
}
