/**
 * Types of the form layer: a form definition as stored in `forms/<key>.json`,
 * the Formily JSON-schema nodes it is made of, and the results of validation and lint.
 */
import type { FieldAccess, FieldPermissions } from '../engine/types';

export type { FieldAccess, FieldPermissions };

/** One `{ label, value }` option of an enum (Chinese label, stable value). */
export interface EnumOption {
  label: string;
  value: string | number | boolean;
}

/** A Formily JSON-schema node, as written in `forms/*.json` (plain JSON, no expressions). */
export interface SchemaNode {
  type?: 'string' | 'number' | 'boolean' | 'array' | 'object' | 'void';
  title?: string;
  description?: string;
  default?: unknown;
  /** `true` on the field itself, or (JSON-schema style) a list of child names on the parent. */
  required?: boolean | string[];
  enum?: Array<EnumOption | string | number | boolean>;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  'x-decorator'?: string;
  'x-decorator-props'?: Record<string, unknown>;
  'x-component'?: string;
  'x-component-props'?: Record<string, unknown>;
  'x-validator'?: ValidatorDescription | ValidatorDescription[];
  'x-pattern'?: 'editable' | 'readOnly' | 'readPretty' | 'disabled';
  'x-display'?: 'visible' | 'hidden' | 'none';
  'x-index'?: number;
  [key: string]: unknown;
}

/** One entry of `x-validator`: a format name or a rule object with its Chinese `message`. */
export type ValidatorDescription = string | ({ message?: string; triggerType?: string } & Record<string, unknown>);

/** A form or document definition: one file in `forms/`. */
export interface FormDefinition {
  key: string;
  /** Chinese name shown to people. */
  name: string;
  version: number;
  /** Document type (文种) when the form is an official document, e.g. '督查函'. */
  document?: string;
  schema: SchemaNode & { type: 'object'; properties: Record<string, SchemaNode> };
}

/** A data field found in a schema (void layout containers are looked through). */
export interface FieldInfo {
  name: string;
  title: string;
  type: string;
  component?: string;
  required: boolean;
  /** Schema-level read-only (e.g. numbers filled by the system). */
  readOnly: boolean;
  node: SchemaNode;
  /** Row fields, for arrays of rows (ArrayTable / ArrayItems). */
  rows?: FieldInfo[];
}

/** Stable codes of validation errors. */
export type ValidationCode = 'required' | 'type' | 'enum' | 'format' | 'readonly-field' | 'hidden-field' | 'unknown-field' | 'custom';

/** One refused field: a data path such as `items.0.deadline`, a code and a Chinese message. */
export interface ValidationError {
  field: string;
  code: ValidationCode;
  message: string;
}

/** The outcome of `validateSubmission`. */
export type ValidationResult =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; errors: ValidationError[] };

/** Options of `validateSubmission`. */
export interface ValidateOptions {
  /** Field access at the current step; absent = every field editable (except schema read-only ones). */
  permissions?: FieldPermissions;
  /** The stored data before this submission. */
  previous?: Record<string, unknown>;
}

/** A problem reported by a form lint rule; `field` is a schema path such as `items.title`. */
export interface LintReport {
  field?: string;
  message: string;
}

/** A form lint rule (one per file under `lint/rules`). */
export interface FormLintRule {
  id: string;
  /** One line, Chinese: what the rule asks for. */
  description: string;
  check(form: FormDefinition): LintReport[];
}

/** A lint problem with the rule that found it. */
export interface LintProblem extends LintReport {
  rule: string;
}
