/**
 * Rule `form-header`: a well-formed key, a Chinese name and a positive version.
 */
import { hasChinese } from '../../fields';
import type { FormLintRule, LintReport } from '../../types';

/** `key` is kebab-case, `name` is Chinese, `version` a positive integer. */
export const formHeader: FormLintRule = {
  id: 'form-header',
  description: '表单须有规范的 key、中文名称和正整数版本号',
  check(form) {
    const reports: LintReport[] = [];
    if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(form.key ?? '')) {
      reports.push({ message: `表单 key“${form.key}”应为小写字母、数字和连字符` });
    }
    if (!hasChinese(form.name)) reports.push({ message: `表单“${form.key}”缺少中文名称（name）` });
    if (!Number.isInteger(form.version) || form.version < 1) reports.push({ message: `表单“${form.key}”的版本号应为正整数` });
    if (form.document !== undefined && !hasChinese(form.document)) {
      reports.push({ message: `表单“${form.key}”的文种（document）应为中文` });
    }
    return reports;
  },
};
