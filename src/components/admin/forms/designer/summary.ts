/**
 * What changed between two versions of a form, in plain words for the deploy confirmation:
 * fields added, removed or renamed, titles, required and options changed, rules changed.
 */
import { listFields } from '../../../../forms/fields';
import { describeRule, linkageRules } from '../../../../forms/linkage';
import type { FieldInfo, FormDefinition } from '../../../../forms/types';

const quote = (f: FieldInfo) => `“${f.title || f.name}”`;
const json = (v: unknown) => JSON.stringify(v ?? null);

/** The data fields of a form, rows included (`rows.name`). */
function allFields(def: FormDefinition): Map<string, FieldInfo> {
  const out = new Map<string, FieldInfo>();
  for (const f of listFields(def.schema)) {
    out.set(f.name, f);
    for (const r of f.rows ?? []) out.set(`${f.name}.${r.name}`, { ...r, title: `${f.title}·${r.title}` });
  }
  return out;
}

/** Lines describing the changes from `before` to `after`; empty when nothing that people see changed. */
export function summarizeChanges(before: FormDefinition | null | undefined, after: FormDefinition): string[] {
  if (!before) return [`新表单，共 ${allFields(after).size} 个字段`];
  const lines: string[] = [];
  const a = allFields(before);
  const b = allFields(after);
  const added = [...b.values()].filter((f) => !a.has(keyOf(b, f)));
  const removed = [...a.values()].filter((f) => !b.has(keyOf(a, f)));
  // A field removed and one added with the same title and component: a rename of its key.
  for (const r of [...removed]) {
    const i = added.findIndex((f) => f.title === r.title && f.component === r.component);
    if (i < 0) continue;
    lines.push(`字段${quote(r)}的标识由 ${keyOf(a, r)} 改为 ${keyOf(b, added[i])}`);
    added.splice(i, 1);
    removed.splice(removed.indexOf(r), 1);
  }
  if (added.length) lines.push(`新增字段：${added.map(quote).join('、')}`);
  if (removed.length) lines.push(`删除字段：${removed.map(quote).join('、')}`);
  for (const [key, f] of b) {
    const old = a.get(key);
    if (!old) continue;
    if (old.title !== f.title) lines.push(`字段${quote(old)}改名为${quote(f)}`);
    if (old.required !== f.required) lines.push(`字段${quote(f)}${f.required ? '改为必填' : '改为选填'}`);
    if (old.readOnly !== f.readOnly) lines.push(`字段${quote(f)}${f.readOnly ? '改为只读（系统填写）' : '改为可填写'}`);
    if (old.component !== f.component) lines.push(`字段${quote(f)}的类型已更换`);
    if (json(old.node.enum) !== json(f.node.enum)) lines.push(`字段${quote(f)}的选项已修改`);
    if (json(old.node['x-validator']) !== json(f.node['x-validator'])) lines.push(`字段${quote(f)}的校验规则已修改`);
    if (json(old.node.default) !== json(f.node.default)) lines.push(`字段${quote(f)}的默认值已修改`);
  }
  const title = (name: string) => b.get(name)?.title ?? a.get(name)?.title ?? name;
  const ruleText = (def: FormDefinition) => linkageRules(def.schema).map((r) => describeRule(r, title));
  const oldRules = ruleText(before);
  const newRules = ruleText(after);
  for (const r of newRules) if (!oldRules.includes(r)) lines.push(`新增联动规则：${r}`);
  for (const r of oldRules) if (!newRules.includes(r)) lines.push(`删除联动规则：${r}`);
  if (before.name !== after.name) lines.push(`表单名称由“${before.name}”改为“${after.name}”`);
  const order = (m: Map<string, FieldInfo>) => [...m.keys()].filter((k) => a.has(k) && b.has(k)).join(',');
  if (order(a) !== order(b)) lines.push('字段顺序已调整');
  return lines;
}

function keyOf(map: Map<string, FieldInfo>, f: FieldInfo): string {
  for (const [k, v] of map) if (v === f) return k;
  return f.name;
}
