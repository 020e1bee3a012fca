/**
 * Forms: Formily JSON-schema definitions in `forms/`, their field permissions,
 * server-side validation of submissions and lint. `loadForms` needs Node; the
 * rest (fields, rules, lint) also runs in the browser when imported directly.
 */
export type {
  EnumOption,
  FieldAccess,
  FieldInfo,
  FieldPermissions,
  FormDefinition,
  FormLintRule,
  LintProblem,
  LintReport,
  SchemaNode,
  ValidateOptions,
  ValidationCode,
  ValidationError,
  ValidationResult,
  ValidatorDescription,
} from './types';
export { defaultFormsDir, loadForms, parseFormDefinition } from './loadForms';
export {
  accessOf,
  applyPermissions,
  childFields,
  effectiveAccess,
  findField,
  hasChinese,
  isRowArray,
  listFields,
  redactData,
  walkSchema,
} from './fields';
export { codeOfRule, formMessages, formRules, installFormRules, isEmptyValue } from './rules';
export { isIsoDate, validateSubmission, validateSubmissionSync } from './validate';
export {
  conditionHolds,
  describeRule,
  evaluateLinkage,
  LINKAGE_ACTIONS,
  LINKAGE_KEY,
  LINKAGE_OPERATORS,
  linkageRules,
  linkageTargets,
  ruleHolds,
} from './linkage';
export type { LinkageAction, LinkageCondition, LinkageLiteral, LinkageOperator, LinkageRule, LinkageState } from './linkage';
export { formLintRules, lintForm } from './lint';
export { KNOWN_COMPONENTS, KNOWN_DECORATORS } from './lint/rules/known-component';
export { NUMBERED_DOCUMENTS } from './lint/rules/document-doc-no';
