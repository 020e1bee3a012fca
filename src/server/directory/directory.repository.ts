import type { Directory } from '../../host/HostAdapter';
import type { Conn } from '../db/database';

/** Replace the cached directory with the host's (one transaction, by the caller). */
export async function replaceDirectory(db: Conn, dir: Directory): Promise<void> {
  await db.deleteFrom('dirLiaisons').execute();
  await db.deleteFrom('dirGrants').execute();
  await db.deleteFrom('dirRoles').execute();
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
  if (dir.roles.length) await db.insertInto('dirRoles').values(dir.roles.map((r) => ({ id: r.id, name: r.name }))).execute();
  if (dir.grants.length) await db.insertInto('dirGrants').values(dir.grants.map((g) => ({ ...g, scope: g.scope ?? '' }))).execute();
  if (dir.liaisons.length) await db.insertInto('dirLiaisons').values(dir.liaisons).execute();
}

/** Read the cached directory. */
export async function readDirectory(db: Conn): Promise<Directory> {
  const [units, people, roles, grants, liaisons] = await Promise.all([
    db.selectFrom('dirUnits').selectAll().orderBy('sort').execute(),
    db.selectFrom('dirPeople').selectAll().orderBy('sort').execute(),
    db.selectFrom('dirRoles').selectAll().execute(),
    db.selectFrom('dirGrants').selectAll().execute(),
    db.selectFrom('dirLiaisons').selectAll().execute(),
  ]);
  return {
    units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind as 'office', domain: u.domain ?? undefined, sort: u.sort })),
    people,
    roles: roles.sort((a, b) => roleOrder(a.id) - roleOrder(b.id)),
    grants,
    liaisons,
  };
}

const roleOrder = (id: string) => (/^R\d+$/.test(id) ? Number(id.slice(1)) : 1000);
