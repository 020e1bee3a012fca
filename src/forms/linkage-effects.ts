/**
 * The linkage rules of a schema as Formily effects: whenever the values change, the same
 * `evaluateLinkage` the server's validation runs decides which fields are shown, required or
 * read-only. A rule only narrows what the step allows: it never shows a field the step hides,
 * nor opens a read-only one, and requires only editable fields.
 */
import { isField, onFieldInit, onFormValuesChange, type Field, type Form } from '@formily/core';
import { evaluateLinkage, linkageRules, linkageTargets, type LinkageState } from './linkage';
import type { SchemaNode } from './types';

/** A field's state before any rule touched it. */
interface Base {
  display: Field['display'];
  pattern: Field['pattern'];
  required: boolean;
}

/** The effects to add to a Formily form rendering `schema`; none when the schema has no rules. */
export function linkageEffects(schema: SchemaNode | undefined): ((form: Form) => void) | undefined {
  const rules = linkageRules(schema);
  if (rules.length === 0) return undefined;
  const targets = [...linkageTargets(rules)];
  const bases = new WeakMap<Field, Base>();

  const applyTo = (field: Field, state: LinkageState) => {
    let base = bases.get(field);
    if (!base) {
      base = { display: field.display, pattern: field.pattern, required: field.required };
      bases.set(field, base);
    }
    const name = String(field.path);
    const hidden = state.hidden.has(name);
    field.display = hidden && base.display === 'visible' ? 'none' : base.display;
    field.pattern = state.readOnly.has(name) && base.pattern === 'editable' ? 'readPretty' : base.pattern;
    const wasRequired = field.required;
    field.required = base.required || (state.required.has(name) && base.pattern === 'editable');
    // A field that stops being required drops its "必填" message at once.
    if (wasRequired && !field.required && field.selfErrors.length > 0) field.setSelfErrors([]);
  };

  // Hiding a field changes the values, which calls back in: run again instead of nesting.
  let running = false;
  let again = false;
  const applyAll = (form: Form) => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      for (let round = 0; round <= rules.length; round++) {
        again = false;
        const state = evaluateLinkage(rules, form.values as Record<string, unknown>);
        for (const name of targets) {
          const field = form.query(name).take();
          if (field && isField(field)) applyTo(field, state);
        }
        if (!again) break;
      }
    } finally {
      running = false;
    }
  };

  return (form: Form) => {
    onFieldInit(`*(${targets.join(',')})`, (field) => {
      if (isField(field)) applyTo(field, evaluateLinkage(rules, form.values as Record<string, unknown>));
    });
    onFormValuesChange(applyAll);
    // Fields created before the effects were added.
    applyAll(form);
  };
}
