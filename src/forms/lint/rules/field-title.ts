/**
 * Rule `field-title`: every data field, table column and button carries a Chinese title.
 */
import { hasChinese, walkSchema } from '../../fields';
import type { FormLintRule, LintReport } from '../../types';

/** Every data field has a Chinese `title`; table columns a Chinese column title; titled buttons Chinese text. */
export const fieldTitle: FormLintRule = {
  id: 'field-title',
  description: '每个字段、表格列都须有中文标题',
  check(form) {
    const reports: LintReport[] = [];
    walkSchema(form.schema, (node, path) => {
      if (node['x-component'] === 'ArrayTable.Column') {
        const title = node['x-component-props']?.title;
        if (!hasChinese(title)) reports.push({ field: path, message: `表格列 ${path} 缺少中文列标题` });
        return;
      }
      if (node.type === 'void') {
        if (node.title !== undefined && !hasChinese(node.title)) {
          reports.push({ field: path, message: `${path} 的标题“${node.title}”应为中文` });
        }
        return;
      }
      if (!hasChinese(node.title)) reports.push({ field: path, message: `字段 ${path} 缺少中文标题（title）` });
    });
    return reports;
  },
};
