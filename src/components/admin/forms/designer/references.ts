/**
 * References to a field inside its own form: linkage rules and named validation rules that
 * name it, listed before a rename or delete, and carried along when it is renamed.
 */
import { describeRule, LINKAGE_KEY, linkageRules, type LinkageRule } from '../../../../forms/linkage';
import type { SchemaNode, ValidatorDescription } from '../../../../forms/types';
import { eachNode, updateNode, updateRoot, type DesignModel } from './model';

const REFERRING_RULES = ['afterField', 'leadUnitOf'] as const;

function validatorsOf(s: SchemaNode): ValidatorDescription[] {
  const raw = s['x-validator'];
  return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
}

function refersTo(v: ValidatorDescription, name: string): boolean {
  if (typeof v !== 'object') return false;
  if (REFERRING_RULES.some((k) => v[k] === name)) return true;
  return (v.requiredWhen as { field?: string } | undefined)?.field === name;
}

/** Sentences naming the places in the form that refer to a field. */
export function localUsages(model: DesignModel, name: string, titleOf: (n: string) => string): string[] {
  const out: string[] = [];
  for (const r of linkageRules(model.root)) {
    if (r.fields?.includes(name) || r.conditions?.some((c) => c.field === name)) out.push(`本表单的联动规则：${describeRule(r, titleOf)}`);
  }
  eachNode(model.nodes, (n) => {
    if (validatorsOf(n.schema).some((v) => refersTo(v, name))) out.push(`字段“${n.schema.title ?? n.name}”的校验规则`);
  });
  return out;
}

/** The rules after a field is renamed: every reference follows the new key. */
export function renameReferences(model: DesignModel, from: string, to: string): DesignModel {
  let next = model;
  const rules = linkageRules(model.root);
  if (rules.length) {
    const renamed: LinkageRule[] = rules.map((r) => ({
      ...r,
      conditions: r.conditions.map((c) => (c.field === from ? { ...c, field: to } : c)),
      fields: r.fields.map((f) => (f === from ? to : f)),
    }));
    next = updateRoot(next, (root) => ({ ...root, [LINKAGE_KEY]: renamed }));
  }
  const touched: string[] = [];
  eachNode(next.nodes, (n) => {
    if (validatorsOf(n.schema).some((v) => refersTo(v, from))) touched.push(n.id);
  });
  for (const id of touched) {
    next = updateNode(next, id, (s) => ({
      ...s,
      'x-validator': validatorsOf(s).map((v) => {
        if (typeof v !== 'object') return v;
        const out: Record<string, unknown> = { ...v };
        for (const k of REFERRING_RULES) if (out[k] === from) out[k] = to;
        const when = out.requiredWhen as { field?: string } | undefined;
        if (when?.field === from) out.requiredWhen = { ...when, field: to };
        return out as ValidatorDescription;
      }),
    }));
  }
  return next;
}

/** The rules after a field is deleted: rules reading it go, and it leaves the rules' targets. */
export function dropReferences(model: DesignModel, name: string): DesignModel {
  const rules = linkageRules(model.root);
  if (!rules.length) return model;
  const kept = rules
    .filter((r) => !r.conditions.some((c) => c.field === name))
    .map((r) => ({ ...r, fields: r.fields.filter((f) => f !== name) }))
    .filter((r) => r.fields.length > 0);
  return updateRoot(model, (root) => {
    const next: SchemaNode = { ...root, [LINKAGE_KEY]: kept };
    if (kept.length === 0) delete next[LINKAGE_KEY];
    return next;
  });
}
