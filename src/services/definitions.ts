/** Deployed procedures (process definitions), as the pages that list or filter by them need them. */
import { request } from './request';

/** A procedure (a top-level process) with its start sources (启动来源). */
export interface Procedure {
  key: string;
  name: string;
  category: string | null;
  version: number;
  startSources: { code: string; label: string }[];
}

interface DefinitionRow {
  key: string;
  name: string;
  category: string | null;
  version: number;
  meta?: { category?: string | null; startSources?: { code: string; label: string }[] };
}

/** Procedures: processes with a category (P1…P6); shared sub-processes are left out. In category order. */
export async function fetchProcedures(): Promise<Procedure[]> {
  const res = await request<{ rows: DefinitionRow[] }>('/api/definitions');
  return res.rows
    .map((d) => ({
      key: d.key,
      name: d.name,
      category: d.category ?? d.meta?.category ?? null,
      version: d.version,
      startSources: d.meta?.startSources ?? [],
    }))
    .filter((d) => d.category)
    .sort((a, b) => String(a.category).localeCompare(String(b.category)));
}

/** Procedures as Select options. */
export async function fetchProcedureOptions(): Promise<{ value: string; label: string }[]> {
  return (await fetchProcedures()).map((p) => ({ value: p.key, label: p.name }));
}
