import type { Conn } from '../db/database';
import { prepared } from '../db/prepared';
import type { DefinitionTable } from './definition.table';

/** The highest deployed version of a key, 0 when none. */
export async function latestVersion(db: Conn, key: string): Promise<number> {
  const row = await db
    .selectFrom('definitions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('key', '=', key)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** One version of a definition. */
export async function findDefinition(db: Conn, key: string, version: number): Promise<DefinitionTable | undefined> {
  return db.selectFrom('definitions').selectAll().where('key', '=', key).where('version', '=', version).executeTakeFirst();
}

/** The latest version of a definition. */
export async function findLatestDefinition(db: Conn, key: string): Promise<DefinitionTable | undefined> {
  return db.selectFrom('definitions').selectAll().where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

const selectLatestVersion = prepared<{ version: number }>((db, $) =>
  db.selectFrom('definitions').select('version').where('key', '=', $[0]).orderBy('version', 'desc').limit(1),
);

/** The number of the latest version of a definition (undefined when none is deployed). */
export async function findLatestVersion(db: Conn, key: string): Promise<number | undefined> {
  return (await selectLatestVersion(db, [key])).rows[0]?.version;
}

/** Insert a new version. */
export async function insertDefinition(db: Conn, row: DefinitionTable): Promise<void> {
  await db.insertInto('definitions').values(row).execute();
}

/** Summaries of every version, without the xml and model. */
export async function listDefinitionVersions(db: Conn) {
  return db
    .selectFrom('definitions')
    .select(['id', 'key', 'version', 'name', 'category', 'meta', 'deployedBy', 'deployedAt'])
    .orderBy('key')
    .orderBy('version', 'desc')
    .execute();
}

/** Number of deployed definitions. */
export async function countDefinitions(db: Conn): Promise<number> {
  const r = await db.selectFrom('definitions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}
