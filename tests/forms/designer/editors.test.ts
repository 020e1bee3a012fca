/**
 * The designer's small editors write plain data the rest of Duban understands: options pasted
 * from Excel, and validation presets that the server's validation applies with their messages.
 */
import { describe, expect, it } from 'vitest';
import { lintForm, validateSubmission, type FormDefinition } from '../../../src/forms';
import { optionsFromText } from '../../../src/components/admin/forms/designer/OptionsEditor';
import { CREDIT_CODE_PATTERN, describeValidator } from '../../../src/components/admin/forms/designer/ValidationEditor';

describe('designer editors', () => {
  it('given cells copied from Excel (one or two columns, blank lines, repeats), when pasted, then each line is one option', () => {
    expect(optionsFromText('表扬\t1\r\n批评\t2\n\n整改\n批评\t2\n')).toEqual([
      { label: '表扬', value: '1' },
      { label: '批评', value: '2' },
      { label: '整改', value: '整改' },
    ]);
  });

  it('given the presets a designer adds, when the form is linted and data validated, then the Chinese messages come back', async () => {
    const form: FormDefinition = {
      key: 'presets',
      name: '预设校验',
      version: 1,
      schema: {
        type: 'object',
        properties: {
          code: { type: 'string', title: '统一社会信用代码', 'x-decorator': 'FormItem', 'x-component': 'Input', 'x-validator': [{ pattern: CREDIT_CODE_PATTERN, message: '“统一社会信用代码”不是有效的统一社会信用代码' }] },
          phone: { type: 'string', title: '手机号', 'x-decorator': 'FormItem', 'x-component': 'Input', 'x-validator': [{ format: 'phone', message: '“手机号”不是有效的手机号' }] },
          name: { type: 'string', title: '名称', 'x-decorator': 'FormItem', 'x-component': 'Input', 'x-validator': [{ minLength: 2, maxLength: 4, message: '“名称”应为2～4个字' }] },
        },
      },
    };
    expect(lintForm(form)).toEqual([]);
    const bad = await validateSubmission(form, { code: 'ABC', phone: '123', name: '一' });
    expect(bad.ok ? [] : bad.errors.map((e) => e.message)).toEqual(['“统一社会信用代码”不是有效的统一社会信用代码', '“手机号”不是有效的手机号', '“名称”应为2～4个字']);
    expect((await validateSubmission(form, { code: '91110000600037341L', phone: '13800001111', name: '县住建局' })).ok).toBe(true);
    const titleOf = (n: string) => ({ kind: '通报类型' })[n] ?? n;
    expect(describeValidator({ requiredWhen: { field: 'kind', in: ['批评'] }, message: 'x' }, titleOf)).toBe('当“通报类型”为 批评 时必填');
    expect(describeValidator({ pattern: CREDIT_CODE_PATTERN, message: 'x' }, titleOf)).toBe('统一社会信用代码');
  });
});
