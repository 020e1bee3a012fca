/**
 * 字段权限 of a user task as the panel edits them: each field of the chosen form is
 * 可编辑, 只读 or 隐藏 (duban:editable / duban:readonly / duban:hidden), and fields not
 * listed get duban:fieldDefault (read-only unless set). Names listed that the form
 * does not have are kept as they are (pending fields).
 */
import { accessOf } from '../../../../forms/fields';
import type { FieldAccess, FieldPermissions } from '../../../../forms/types';

/** The three accesses with their Chinese labels. */
export const ACCESS_LABELS: { value: FieldAccess; label: string }[] = [
  { value: 'editable', label: '可编辑' },
  { value: 'readonly', label: '只读' },
  { value: 'hidden', label: '隐藏' },
];

const list = (v: unknown): string[] =>
  typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];

/** The permissions stored on a user task (plain keys editable/readonly/hidden/fieldDefault). */
export function readPermissions(attrs: Record<string, unknown>): FieldPermissions {
  const otherwise = attrs.fieldDefault === 'editable' || attrs.fieldDefault === 'hidden' ? attrs.fieldDefault : 'readonly';
  return { editable: list(attrs.editable), readonly: list(attrs.readonly), hidden: list(attrs.hidden), otherwise };
}

/** The access of every named field under stored permissions (same rule as the server). */
export function accessByField(permissions: FieldPermissions, fields: string[]): Record<string, FieldAccess> {
  return Object.fromEntries(fields.map((f) => [f, accessOf(permissions, f)]));
}

/**
 * The attribute values that store `access` for the form's fields: fields whose access equals
 * the default are not listed; names the form does not have keep the list they were in.
 */
export function writePermissions(
  previous: FieldPermissions,
  formFields: string[],
  access: Record<string, FieldAccess>,
  otherwise: FieldAccess,
): Record<string, string | undefined> {
  const known = new Set(formFields);
  const lists: Record<FieldAccess, string[]> = { editable: [], readonly: [], hidden: [] };
  for (const kind of ['editable', 'readonly', 'hidden'] as FieldAccess[]) {
    // Unknown names and `*` stay where they were: the panel cannot show them, so it must not drop them.
    lists[kind].push(...previous[kind].filter((name) => !known.has(name) && name !== '*'));
  }
  for (const field of formFields) {
    const a = access[field] ?? otherwise;
    if (a !== otherwise) lists[a].push(field);
  }
  const join = (names: string[]) => (names.length ? names.join(',') : undefined);
  return {
    'duban:editable': join(lists.editable),
    'duban:readonly': join(lists.readonly),
    'duban:hidden': join(lists.hidden),
    'duban:fieldDefault': otherwise === 'readonly' ? undefined : otherwise,
  };
}
