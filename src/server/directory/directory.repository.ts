import type { Directory } from '../../host/HostAdapter';
import type { Conn } from '../db/database';
import type { DirSyncReportTable } from './directory.table';

/**
 * Lay the host's directory over the cache (one transaction, by the caller): units, people and their host
 * identifiers are replaced; roles the host names are added; role grants and liaisons are Duban's own and
 * kept, unless `seedGrants` (the first sync, or an administrator's reset) takes the host's.
 */
export async function replaceDirectory(db: Conn, dir: Directory, options: { seedGrants: boolean }): Promise<void> {
  await db.deleteFrom('dirIdentifiers').execute();
  await db.deleteFrom('dirPeople').execute();
  await db.deleteFrom('dirUnits').execute();
  if (dir.units.length)
    await db
      .insertInto('dirUnits')
      .values(dir.units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, domain: u.domain ?? null, sort: u.sort })))
      .execute();
  if (dir.people.length)
    await db
      .insertInto('dirPeople')
      .values(dir.people.map((p) => ({ id: p.id, name: p.name, unitId: p.unitId, title: p.title, sort: p.sort })))
      .execute();
  const identifiers = dir.people.flatMap((p) =>
    Object.entries(p.identifiers ?? {})
      .filter(([, v]) => typeof v === 'string' && v !== '')
      .map(([kind, value]) => ({ personId: p.id, kind, value: value as string })),
  );
  for (let i = 0; i < identifiers.length; i += 500) await db.insertInto('dirIdentifiers').values(identifiers.slice(i, i + 500)).execute();
  const known = new Set((await db.selectFrom('dirRoles').select('id').execute()).map((r) => r.id));
  const newRoles = dir.roles.filter((r) => !known.has(r.id));
  if (newRoles.length) await db.insertInto('dirRoles').values(newRoles.map((r) => ({ id: r.id, name: r.name }))).execute();
  if (!options.seedGrants) return;
  await db.deleteFrom('dirLiaisons').execute();
  await db.deleteFrom('dirGrants').execute();
  if (dir.grants.length) await db.insertInto('dirGrants').values(dir.grants.map((g) => ({ ...g, scope: g.scope ?? '' }))).execute();
  if (dir.liaisons.length) await db.insertInto('dirLiaisons').values(dir.liaisons).execute();
}

/** Whether Duban holds any role grant yet (false before the first sync). */
export async function hasGrants(db: Conn): Promise<boolean> {
  return !!(await db.selectFrom('dirGrants').select('personId').limit(1).executeTakeFirst());
}

/** Record a sync's report. */
export async function insertSyncReport(db: Conn, row: DirSyncReportTable): Promise<void> {
  await db.insertInto('dirSyncReports').values(row).execute();
}

/** The latest sync reports, newest first. */
export async function listSyncReports(db: Conn, limit: number): Promise<DirSyncReportTable[]> {
  return db.selectFrom('dirSyncReports').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Open tasks a person is a candidate of: id, item and name. */
export async function openTasksOf(db: Conn, personId: string): Promise<{ id: string; itemId: string; name: string }[]> {
  const rows = await db
    .selectFrom('tasks')
    .select(['id', 'itemId', 'name', 'candidates'])
    .where('status', '=', 'open')
    .where('candidates', 'like', `%${JSON.stringify(personId).replace(/[\\%_]/g, '_')}%`)
    .execute();
  // The LIKE narrows; the JSON decides (an id could be part of another's).
  return rows.filter((r) => (JSON.parse(r.candidates) as string[]).includes(personId)).map(({ id, itemId, name }) => ({ id, itemId, name }));
}

/** Read the cached directory. */
export async function readDirectory(db: Conn): Promise<Directory> {
  const [units, people, roles, grants, liaisons, identifiers] = await Promise.all([
    db.selectFrom('dirUnits').selectAll().orderBy('sort').execute(),
    db.selectFrom('dirPeople').selectAll().orderBy('sort').execute(),
    db.selectFrom('dirRoles').selectAll().execute(),
    db.selectFrom('dirGrants').selectAll().execute(),
    db.selectFrom('dirLiaisons').selectAll().execute(),
    db.selectFrom('dirIdentifiers').selectAll().execute(),
  ]);
  const ids = new Map<string, Record<string, string>>();
  for (const i of identifiers) (ids.get(i.personId) ?? ids.set(i.personId, {}).get(i.personId)!)[i.kind] = i.value;
  return {
    units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind as 'office', domain: u.domain ?? undefined, sort: u.sort })),
    people: people.map((p) => ({ ...p, identifiers: ids.get(p.id) ?? {} })),
    roles: roles.sort((a, b) => roleOrder(a.id) - roleOrder(b.id)),
    grants,
    liaisons,
  };
}

const roleOrder = (id: string) => (/^R\d+$/.test(id) ? Number(id.slice(1)) : 1000);
