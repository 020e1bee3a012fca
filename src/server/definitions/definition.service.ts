import { readDefinitions, parseDefinition, parseModel, type Problem, type ProcessModel } from '../../engine';
import type { Conn, Db } from '../db/database';
import { AppError, notFound } from '../errors';
import type { FormService } from '../forms/form.service';
import {
  findDefinition,
  findLatestDefinition,
  findLatestVersion,
  insertDefinition,
  latestVersion,
  listDefinitionVersions,
} from './definition.repository';

/** Process-level settings of a diagram that the model does not carry. */
export interface ProcessMeta {
  category: string | null;
  startSources: { code: string; label: string }[];
  materials: string[];
}

/** A deployed process version as services use it. */
export interface Definition {
  key: string;
  version: number;
  name: string;
  xml: string;
  model: ProcessModel;
  meta: ProcessMeta;
  deployedBy: string;
  deployedAt: number;
}

/** The outcome of one deploy: one entry per process in the file. */
export interface DeployResult {
  deployed: { key: string; version: number; name: string; unchanged: boolean }[];
  warnings: Problem[];
}

const splitList = (s: unknown): string[] =>
  typeof s === 'string' ? s.split(/[;；]/).map((x) => x.trim()).filter(Boolean) : [];

/** Deploying (lint first, then a new version per process) and reading process definitions. */
export class DefinitionService {
  // Deployed versions never change, so they are cached for good.
  readonly #cache = new Map<string, Definition>();

  constructor(
    private readonly db: Db,
    private readonly forms: FormService,
  ) {}

  /** Lint and deploy a BPMN file; refused with the problem list (422) when it has errors. */
  async deploy(xml: string, actorId: string, now: number): Promise<DeployResult> {
    const formKeys = await this.forms.keys();
    const { models, problems } = await parseDefinition(xml, { formKeys });
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length || models.length === 0) {
      throw new AppError('DEFINITION_INVALID', '流程定义有错误，未部署', {
        status: 422,
        fields: (errors.length ? errors : problems).map((p) => ({
          field: p.elementId,
          message: p.elementName ? `${p.elementName}：${p.message}` : p.message,
        })),
        details: { problems },
      });
    }
    const metas = await readMeta(xml);
    const deployed: DeployResult['deployed'] = [];
    await this.db.transaction().execute(async (trx) => {
      for (const model of models) {
        const latest = await findLatestDefinition(trx, model.key);
        if (latest && latest.xml === xml) {
          deployed.push({ key: model.key, version: latest.version, name: latest.name, unchanged: true });
          continue;
        }
        const version = (await latestVersion(trx, model.key)) + 1;
        const compiled: ProcessModel = { ...model, version };
        const meta = metas.get(model.key) ?? { category: null, startSources: [], materials: [] };
        await insertDefinition(trx, {
          id: `${model.key}:${version}`,
          key: model.key,
          version,
          name: model.name,
          category: meta.category,
          xml,
          model: JSON.stringify(compiled),
          meta: JSON.stringify(meta),
          deployedBy: actorId,
          deployedAt: now,
        });
        deployed.push({ key: model.key, version, name: model.name, unchanged: false });
      }
    });
    return { deployed, warnings: problems.filter((p) => p.severity === 'warning') };
  }

  /** Lint a BPMN file without deploying it. */
  async lint(xml: string): Promise<Problem[]> {
    const { problems } = await parseDefinition(xml, { formKeys: await this.forms.keys() });
    return problems;
  }

  /** One version (cached); throws 404 when absent. Pass the transaction when inside one (SQLite has a single connection). */
  async get(key: string, version?: number, conn: Conn = this.db): Promise<Definition> {
    // Versions never change once deployed: only the number of the latest is asked each time.
    const wanted = version ?? (await findLatestVersion(conn, key));
    const cached = wanted === undefined ? undefined : this.#cache.get(`${key}:${wanted}`);
    if (cached) return cached;
    const row = wanted === undefined ? undefined : await findDefinition(conn, key, wanted);
    if (!row) throw notFound(`流程“${key}”${version === undefined ? '' : `第 ${version} 版`}未部署`, 'DEFINITION_NOT_FOUND');
    const def: Definition = {
      key: row.key,
      version: row.version,
      name: row.name,
      xml: row.xml,
      model: parseModel(row.model),
      meta: JSON.parse(row.meta) as ProcessMeta,
      deployedBy: row.deployedBy,
      deployedAt: row.deployedAt,
    };
    this.#cache.set(`${row.key}:${row.version}`, def);
    return def;
  }

  /** The latest version of every key, with the list of its versions. */
  async list() {
    const rows = await listDefinitionVersions(this.db);
    const byKey = new Map<string, { key: string; name: string; category: string | null; version: number; meta: ProcessMeta; deployedBy: string; deployedAt: number; versions: number[] }>();
    for (const r of rows) {
      const e = byKey.get(r.key);
      if (e) e.versions.push(r.version);
      else
        byKey.set(r.key, {
          key: r.key,
          name: r.name,
          category: r.category,
          version: r.version,
          meta: JSON.parse(r.meta) as ProcessMeta,
          deployedBy: r.deployedBy,
          deployedAt: r.deployedAt,
          versions: [r.version],
        });
    }
    return [...byKey.values()];
  }
}

/** Read the process-level duban: attributes (category, start sources, materials) of every process in a file. */
async function readMeta(xml: string): Promise<Map<string, ProcessMeta>> {
  const { definitions } = await readDefinitions(xml);
  const out = new Map<string, ProcessMeta>();
  for (const el of (definitions?.rootElements ?? []) as Record<string, any>[]) {
    if (el.$type !== 'bpmn:Process') continue;
    out.set(el.id, {
      category: el.category ?? null,
      startSources: splitList(el.startSources).map((pair) => {
        const i = pair.indexOf(':');
        return i > 0 ? { code: pair.slice(0, i).trim(), label: pair.slice(i + 1).trim() } : { code: pair, label: pair };
      }),
      materials: splitList(el.materials),
    });
  }
  return out;
}
