/**
 * Rule `no-expressions`: forms are plain data; no `{{ }}` expressions and no `x-reactions`,
 * because the server validates with the same schema and never compiles code from data.
 */
import type { FormLintRule, LintReport } from '../../types';

function visit(value: unknown, path: string, reports: LintReport[]): void {
  if (typeof value === 'string') {
    if (value.includes('{{')) reports.push({ field: path, message: `${path} 含有表达式“${value}”，表单中不允许使用表达式` });
    return;
  }
  if (Array.isArray(value)) return value.forEach((v, i) => visit(v, `${path}.${i}`, reports));
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key === 'x-reactions') reports.push({ field: path, message: `${path} 使用了 x-reactions，请改用已注册的校验规则` });
    else visit(child, childPath, reports);
  }
}

/** No string of the form contains `{{`, and no node uses `x-reactions`. */
export const noExpressions: FormLintRule = {
  id: 'no-expressions',
  description: '表单只含数据，不得含有 {{ }} 表达式或 x-reactions',
  check(form) {
    const reports: LintReport[] = [];
    visit(form.schema, '', reports);
    return reports;
  },
};
