/**
 * Rule `linkage-rules`: the linkage rules under `x-duban-linkage` name top-level data fields,
 * known operators and actions, and a value where the operator needs one.
 */
import { listFields } from '../../fields';
import { LINKAGE_ACTIONS, LINKAGE_KEY, LINKAGE_OPERATORS } from '../../linkage';
import type { FormLintRule, LintReport } from '../../types';

const isLiteral = (v: unknown) => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** Every linkage rule is well formed and refers to fields of the form. */
export const linkageRules: FormLintRule = {
  id: 'linkage-rules',
  description: '联动规则须引用表单中的字段，使用已知的条件和动作',
  check(form) {
    const raw = form.schema[LINKAGE_KEY];
    if (raw === undefined) return [];
    if (!Array.isArray(raw)) return [{ field: LINKAGE_KEY, message: `${LINKAGE_KEY}（联动规则）应为列表` }];
    const reports: LintReport[] = [];
    const fields = new Map(listFields(form.schema).map((f) => [f.name, f]));
    raw.forEach((rule: any, i: number) => {
      const where = `${LINKAGE_KEY}.${i}`;
      const say = (message: string) => reports.push({ field: where, message: `联动规则${i + 1}：${message}` });
      if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return say('应为对象');
      if (!Array.isArray(rule.conditions) || rule.conditions.length === 0) say('至少需要一个条件');
      if (rule.combine !== undefined && rule.combine !== 'and' && rule.combine !== 'or') say('条件的组合方式只能为“且”或“或”');
      for (const [j, c] of (Array.isArray(rule.conditions) ? rule.conditions : []).entries()) {
        const n = `条件${j + 1}`;
        if (!c || typeof c !== 'object') {
          say(`${n}应为对象`);
          continue;
        }
        if (!fields.has(c.field)) say(`${n}引用的字段“${String(c.field)}”不存在`);
        const op = LINKAGE_OPERATORS.find((o) => o.value === c.operator);
        if (!op) say(`${n}的比较方式“${String(c.operator)}”未知`);
        else if (op.needsValue && !isLiteral(c.value)) say(`${n}“${op.label}”需要填写比较的值`);
      }
      if (!LINKAGE_ACTIONS.some((a) => a.value === rule.action)) say(`动作“${String(rule.action)}”未知，应为显示、隐藏、必填或只读`);
      if (!Array.isArray(rule.fields) || rule.fields.length === 0) say('至少需要一个目标字段');
      for (const f of Array.isArray(rule.fields) ? rule.fields : []) {
        if (!fields.has(f)) say(`目标字段“${String(f)}”不存在`);
      }
    });
    return reports;
  },
};
