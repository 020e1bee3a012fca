/**
 * Rule `known-component`: only components the renderer has (Formily antd-v5 and ours).
 */
import { walkSchema } from '../../fields';
import type { FormLintRule, LintReport } from '../../types';

/** Components the form renderer registers: Formily antd-v5 ones and Duban's host-fed pickers. */
export const KNOWN_COMPONENTS = new Set([
  'Input',
  'Input.TextArea',
  'Select',
  'Radio.Group',
  'Checkbox.Group',
  'Switch',
  'DatePicker',
  'NumberPicker',
  'ArrayTable',
  'ArrayTable.Column',
  'ArrayTable.Index',
  'ArrayTable.Addition',
  'ArrayTable.Remove',
  'ArrayTable.MoveUp',
  'ArrayTable.MoveDown',
  'ArrayItems',
  'ArrayItems.Item',
  'ArrayItems.Index',
  'ArrayItems.Addition',
  'ArrayItems.Remove',
  'ArrayItems.MoveUp',
  'ArrayItems.MoveDown',
  'FormGrid',
  'FormLayout',
  'Space',
  'UnitPicker',
  'UserPicker',
  'WorkdayDatePicker',
  'AttachmentUpload',
]);

/** Decorators the renderer registers. */
export const KNOWN_DECORATORS = new Set(['FormItem', 'FormGrid.GridColumn']);

/** Every `x-component` / `x-decorator` is known, and every data field names a component. */
export const knownComponent: FormLintRule = {
  id: 'known-component',
  description: '只能使用已注册的表单组件',
  check(form) {
    const reports: LintReport[] = [];
    walkSchema(form.schema, (node, path) => {
      const component = node['x-component'];
      if (component === undefined) {
        if (node.type !== 'void') reports.push({ field: path, message: `字段 ${path} 未指定组件（x-component）` });
      } else if (!KNOWN_COMPONENTS.has(component)) {
        reports.push({ field: path, message: `字段 ${path} 使用了未知组件“${component}”` });
      }
      const decorator = node['x-decorator'];
      if (decorator !== undefined && !KNOWN_DECORATORS.has(decorator)) {
        reports.push({ field: path, message: `字段 ${path} 使用了未知装饰器“${decorator}”` });
      }
    });
    return reports;
  },
};
