/**
 * Form lint: the rule preset (plain data, one rule per file under `rules/`) and the runner.
 */
import type { FormDefinition, FormLintRule, LintProblem } from '../types';
import { documentDocNo } from './rules/document-doc-no';
import { enumLabels } from './rules/enum-labels';
import { fieldTitle } from './rules/field-title';
import { formHeader } from './rules/form-header';
import { knownComponent } from './rules/known-component';
import { linkageRules } from './rules/linkage-rules';
import { noExpressions } from './rules/no-expressions';
import { validatorMessage } from './rules/validator-message';

/** Every form lint rule, in reporting order. */
export const formLintRules: FormLintRule[] = [
  formHeader,
  fieldTitle,
  knownComponent,
  enumLabels,
  validatorMessage,
  documentDocNo,
  noExpressions,
  linkageRules,
];

/** Runs the rules over one form; an empty list means the form is clean. */
export function lintForm(form: FormDefinition, rules: FormLintRule[] = formLintRules): LintProblem[] {
  return rules.flatMap((rule) => rule.check(form).map((report) => ({ rule: rule.id, ...report })));
}
