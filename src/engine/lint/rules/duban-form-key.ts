import { foreignFormKey, vendorName } from '../../definition/foreign';
import { attr, is, label, type ModdleNode, type Reporter, type RuleDefinition } from '../helpers';

/** Options of duban-form-key: the known form keys; no list = any key is accepted. */
export interface FormKeyOptions {
  formKeys?: string[];
}

/** Rule: a user task names its form with duban:formKey, and the form exists when the known keys are given. */
export default function dubanFormKey(config: FormKeyOptions = {}): RuleDefinition {
  const known = Array.isArray(config.formKeys) ? new Set(config.formKeys) : null;
  return {
    check(node: ModdleNode, reporter: Reporter) {
      if (!is(node, 'bpmn:UserTask')) return;
      const formKey = attr(node, 'formKey');
      if (formKey === undefined) {
        const foreign = foreignFormKey(node);
        reporter.report(
          node.id!,
          foreign
            ? `用户任务${label(node)}未指定表单（duban:formKey）：文件中有 ${vendorName(foreign.vendor)} 的表单“${foreign.value}”，本系统不读取；请在属性面板中选择本系统的表单，或用“导入”把它对应到本系统的表单`
            : `用户任务${label(node)}未指定表单（duban:formKey）`,
        );
        return;
      }
      if (known && formKey.startsWith('=')) {
        reporter.report(node.id!, `用户任务${label(node)}的表单“${formKey}”必须是表单名，不能是表达式`);
      } else if (known && !known.has(formKey)) {
        reporter.report(node.id!, `用户任务${label(node)}的表单“${formKey}”不存在`);
      }
    },
  };
}
