/**
 * The 办理人 of a user task as the panel edits it: exactly one of duban:role (with an
 * optional duban:roleScope), duban:unit, duban:liaison or duban:assignee, each a
 * literal picked from the directory or a FEEL expression.
 */

/** Kinds of assignee, in the order the panel offers them. */
export type AssigneeKind = 'role' | 'unit' | 'liaison' | 'assignee';

/** The panel's labels for each kind. */
export const ASSIGNEE_KINDS: { value: AssigneeKind; label: string; help: string }[] = [
  { value: 'role', label: '角色', help: '持有该角色的所有人员均可办理' },
  { value: 'unit', label: '单位', help: '该单位的承办人员办理' },
  { value: 'liaison', label: '联系副主任', help: '联系该单位的县政府办副主任办理' },
  { value: 'assignee', label: '指定人员', help: '由一个人办理' },
];

/** A user task's assignee: a kind and a literal or `=expression` value (empty = not set). */
export interface AssigneeValue {
  kind: AssigneeKind | null;
  value: string;
  /** Only for roles: a domain or `=expression` narrowing the role. */
  scope: string;
  /** More than one kind was set (the deploy refuses it); the panel shows a warning. */
  conflicting: AssigneeKind[];
}

type Attrs = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Reads the assignee attributes of a user task (`duban:role` … as plain keys). */
export function readAssignee(attrs: Attrs): AssigneeValue {
  const set = ASSIGNEE_KINDS.map((k) => k.value).filter((k) => text(attrs[k]) !== '');
  const kind = set[0] ?? null;
  return { kind, value: kind ? text(attrs[kind]) : '', scope: text(attrs.roleScope), conflicting: set.length > 1 ? set : [] };
}

/** The `duban:` attribute changes that store an assignee (every other kind is cleared). */
export function writeAssignee(next: { kind: AssigneeKind | null; value: string; scope?: string }): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const { value: k } of ASSIGNEE_KINDS) out[`duban:${k}`] = undefined;
  out['duban:roleScope'] = undefined;
  if (next.kind && next.value.trim()) {
    out[`duban:${next.kind}`] = next.value.trim();
    if (next.kind === 'role' && next.scope?.trim()) out['duban:roleScope'] = next.scope.trim();
  }
  return out;
}
