import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppContext } from './context';
import { AppError } from './errors';

/** What a first start deployed. */
export interface SeedReport {
  forms: { key: string; version: number; unchanged: boolean }[];
  processes: { file: string; keys: string[] }[];
  refused: { file: string; problems: string[] }[];
}

/**
 * Deploy the bundled forms and diagrams: forms first (diagrams name them), then
 * each `processes/*.bpmn` whose processes are not deployed yet, so versions an
 * administrator deployed later are never overwritten by the files (`redeploy` deploys
 * every changed file as a new version; unchanged ones keep theirs). Diagrams that
 * call each other are retried until no more can be deployed.
 */
export async function deployBundled(
  ctx: AppContext,
  dirs: { forms: string; processes: string },
  actorId = 'system',
  options: { redeploy?: boolean } = {},
): Promise<SeedReport> {
  const report: SeedReport = { forms: [], processes: [], refused: [] };
  const list = (dir: string, ext: string) => {
    try {
      return readdirSync(dir).filter((f) => f.endsWith(ext)).sort();
    } catch (err) {
      // No such folder: nothing bundled to deploy.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  };
  for (const file of list(dirs.forms, '.json')) {
    try {
      report.forms.push(await ctx.forms.deploy(readFileSync(join(dirs.forms, file), 'utf8'), actorId, ctx.now()));
    } catch (err) {
      report.refused.push({ file, problems: problemsOf(err) });
    }
  }
  const deployed = new Set((await ctx.definitions.list()).map((d) => d.key));
  const pending = list(dirs.processes, '.bpmn').map((file) => ({ file, xml: readFileSync(join(dirs.processes, file), 'utf8') }));
  const failures = new Map<string, string[]>();
  for (let progress = true; progress && pending.length; ) {
    progress = false;
    for (const p of [...pending]) {
      const ids = [...p.xml.matchAll(/<(?:bpmn:)?process\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
      if (!options.redeploy && ids.length && ids.every((id) => deployed.has(id))) {
        pending.splice(pending.indexOf(p), 1);
        continue;
      }
      try {
        const r = await ctx.definitions.deploy(p.xml, actorId, ctx.now());
        r.deployed.forEach((d) => deployed.add(d.key));
        report.processes.push({ file: p.file, keys: r.deployed.map((d) => d.key) });
        pending.splice(pending.indexOf(p), 1);
        failures.delete(p.file);
        progress = true;
      } catch (err) {
        failures.set(p.file, problemsOf(err));
      }
    }
  }
  for (const [file, problems] of failures) report.refused.push({ file, problems });
  return report;
}

function problemsOf(err: unknown): string[] {
  if (err instanceof AppError) return err.fields?.length ? err.fields.map((f) => `${f.field}: ${f.message}`) : [err.message];
  return [String((err as Error)?.message ?? err)];
}
