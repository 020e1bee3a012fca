import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formLintRules, lintForm, parseFormDefinition } from '../../src/forms';

const fixtures = fileURLToPath(new URL('./lint/', import.meta.url));
const read = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => parseFormDefinition(readFileSync(join(dir, f), 'utf8'), f));

describe('form lint rules', () => {
  it('given the rule folders, when listed, then every rule has valid and invalid fixtures', () => {
    expect(readdirSync(fixtures).sort()).toEqual(formLintRules.map((r) => r.id).sort());
  });

  for (const rule of formLintRules) {
    describe(rule.id, () => {
      it('given the valid fixtures, when checked, then no problem is reported', () => {
        const forms = read(join(fixtures, rule.id, 'valid'));
        expect(forms.length).toBeGreaterThan(0);
        for (const form of forms) expect(rule.check(form), form.key).toEqual([]);
      });

      it('given the invalid fixtures, when checked, then each gets a Chinese problem', () => {
        const forms = read(join(fixtures, rule.id, 'invalid'));
        expect(forms.length).toBeGreaterThan(0);
        for (const form of forms) {
          const problems = rule.check(form);
          expect(problems.length, form.key).toBeGreaterThan(0);
          for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
        }
      });
    });
  }

  it('given a form with several faults, when linted with the preset, then each problem names its rule', () => {
    const form = parseFormDefinition(
      JSON.stringify({ key: 'Bad_Key', name: 'bad', version: 1, schema: { type: 'object', properties: { a: { type: 'string', 'x-component': 'Slider' } } } }),
      'bad.json',
    );
    expect(new Set(lintForm(form).map((p) => p.rule))).toEqual(new Set(['form-header', 'field-title', 'known-component']));
  });
});
