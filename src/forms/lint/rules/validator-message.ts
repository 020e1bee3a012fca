/**
 * Rule `validator-message`: every `x-validator` entry states its own Chinese message.
 */
import { hasChinese, walkSchema } from '../../fields';
import type { FormLintRule, LintReport } from '../../types';

// Two Latin words in a row read as an English sentence; single tokens (YYYY-MM-DD, R6) are fine.
const ENGLISH_WORDS = /[A-Za-z]{2,}[\s,.;:]+[A-Za-z]{2,}/;

/** Each validator entry is an object with a Chinese `message` and no English text. */
export const validatorMessage: FormLintRule = {
  id: 'validator-message',
  description: '校验规则须写明中文提示，不得使用英文提示',
  check(form) {
    const reports: LintReport[] = [];
    walkSchema(form.schema, (node, path) => {
      const raw = node['x-validator'];
      if (raw === undefined) return;
      const list = Array.isArray(raw) ? raw : [raw];
      list.forEach((entry, i) => {
        const where = `字段 ${path} 的第${i + 1}条校验规则`;
        if (typeof entry !== 'object' || entry === null) {
          reports.push({ field: path, message: `${where}应写成对象并带中文提示（message）` });
          return;
        }
        const message = entry.message;
        if (!hasChinese(message)) reports.push({ field: path, message: `${where}缺少中文提示（message）` });
        else if (ENGLISH_WORDS.test(message as string)) reports.push({ field: path, message: `${where}的提示含英文：“${message}”` });
      });
    });
    return reports;
  },
};
