/**
 * Rule `enum-labels`: every option is `{ label, value }` with a Chinese label and a unique value.
 */
import { hasChinese, walkSchema } from '../../fields';
import type { FormLintRule, LintReport } from '../../types';

/** Enum options carry Chinese labels and distinct values. */
export const enumLabels: FormLintRule = {
  id: 'enum-labels',
  description: '选项须为 { label, value } 形式，label 为中文且 value 不重复',
  check(form) {
    const reports: LintReport[] = [];
    walkSchema(form.schema, (node, path) => {
      if (node.enum === undefined) return;
      if (!Array.isArray(node.enum) || node.enum.length === 0) {
        reports.push({ field: path, message: `字段 ${path} 的选项（enum）应为非空列表` });
        return;
      }
      const seen = new Set<unknown>();
      node.enum.forEach((option, i) => {
        if (typeof option !== 'object' || option === null || !('value' in option)) {
          reports.push({ field: path, message: `字段 ${path} 的第${i + 1}个选项应写成 { label, value }` });
          return;
        }
        if (!hasChinese(option.label)) {
          reports.push({ field: path, message: `字段 ${path} 的选项“${String(option.value)}”缺少中文 label` });
        }
        if (seen.has(option.value)) reports.push({ field: path, message: `字段 ${path} 的选项值“${String(option.value)}”重复` });
        seen.add(option.value);
      });
    });
    return reports;
  },
};
