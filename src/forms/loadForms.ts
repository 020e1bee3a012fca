/**
 * Loading the form definitions shipped in `forms/` (server side, Node only).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FormDefinition } from './types';

/** The `forms/` folder of this repository. */
export function defaultFormsDir(): string {
  return fileURLToPath(new URL('../../forms/', import.meta.url));
}

/** Parses and shape-checks one definition; throws with the source in <angle brackets> when broken. */
export function parseFormDefinition(text: string, source: string): FormDefinition {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new Error(`表单定义 <${source}> 不是合法的 JSON`, { cause });
  }
  const def = json as Partial<FormDefinition> | null;
  const problems: string[] = [];
  if (!def || typeof def !== 'object') problems.push('内容应为对象');
  else {
    if (typeof def.key !== 'string' || def.key === '') problems.push('缺少 key');
    if (typeof def.name !== 'string' || def.name === '') problems.push('缺少 name（中文名称）');
    if (!Number.isInteger(def.version) || (def.version as number) < 1) problems.push('version 应为正整数');
    if (def.document !== undefined && typeof def.document !== 'string') problems.push('document 应为文种名称');
    const schema = def.schema;
    if (!schema || schema.type !== 'object' || typeof schema.properties !== 'object' || schema.properties === null) {
      problems.push('schema 应为 type 为 object 且带 properties 的 JSON Schema');
    }
  }
  if (problems.length > 0) throw new Error(`表单定义 <${source}> 有误：${problems.join('；')}`);
  return def as FormDefinition;
}

/** Reads every `*.json` in the folder into a map by key; the key must equal the file name. */
export function loadForms(dir: string = defaultFormsDir()): Map<string, FormDefinition> {
  const forms = new Map<string, FormDefinition>();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of files) {
    const def = parseFormDefinition(readFileSync(join(dir, file), 'utf8'), file);
    const expected = basename(file, '.json');
    if (def.key !== expected) throw new Error(`表单定义 <${file}> 的 key “${def.key}”应与文件名 “${expected}” 一致`);
    forms.set(def.key, def);
  }
  return forms;
}
