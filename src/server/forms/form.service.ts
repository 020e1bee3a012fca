import { lintForm, parseFormDefinition, type FormDefinition } from '../../forms';
import type { Conn, Db } from '../db/database';
import { AppError, notFound } from '../errors';
import { findLatestForm, insertForm, listFormKeys, listLatestForms } from './form.repository';

/** Deploying and reading forms (Formily JSON schemas), versioned per key. */
export class FormService {
  // Short-lived: another node may deploy a new version.
  readonly #cache = new Map<string, { def: FormDefinition; at: number }>();

  constructor(private readonly db: Db) {}

  /** Check and store a form definition as a new version (unchanged content keeps the current version). */
  async deploy(text: string, actorId: string, now: number): Promise<{ key: string; version: number; unchanged: boolean }> {
    let def: FormDefinition;
    try {
      def = parseFormDefinition(text, 'upload');
    } catch (err) {
      throw new AppError('FORM_INVALID', (err as Error).message, { status: 422, cause: err });
    }
    const problems = lintForm(def);
    if (problems.length) {
      throw new AppError('FORM_INVALID', `表单“${def.name}”有错误，未部署`, {
        status: 422,
        fields: problems.map((p) => ({ field: p.field ?? def.key, message: p.message })),
      });
    }
    // The stored text is the whole definition with its version number: compare all but the number.
    const content = (d: FormDefinition) => JSON.stringify({ ...d, version: 0 });
    const latest = await findLatestForm(this.db, def.key);
    if (latest && content(JSON.parse(latest.schema) as FormDefinition) === content(def)) return { key: def.key, version: latest.version, unchanged: true };
    const version = (latest?.version ?? 0) + 1;
    await insertForm(this.db, { id: `${def.key}:${version}`, key: def.key, version, name: def.name, schema: JSON.stringify({ ...def, version }), deployedBy: actorId, deployedAt: now });
    this.#cache.delete(def.key);
    return { key: def.key, version, unchanged: false };
  }

  /** The latest version of a form; 404 when absent. Pass the transaction when inside one. */
  async get(key: string, conn: Conn = this.db): Promise<FormDefinition> {
    const cached = this.#cache.get(key);
    if (cached && Date.now() - cached.at < 30_000) return cached.def;
    const row = await findLatestForm(conn, key);
    if (!row) throw notFound(`表单“${key}”不存在`, 'FORM_NOT_FOUND');
    const def = JSON.parse(row.schema) as FormDefinition;
    this.#cache.set(key, { def, at: Date.now() });
    return def;
  }

  /** Forget cached forms (after another node deployed). */
  invalidate(): void {
    this.#cache.clear();
  }

  /** Every deployed form key. */
  async keys(): Promise<string[]> {
    return listFormKeys(this.db);
  }

  /** Summaries of the latest version of every form. */
  async list() {
    return listLatestForms(this.db);
  }
}
