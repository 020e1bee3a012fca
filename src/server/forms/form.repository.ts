import type { Conn } from '../db/database';
import type { FormTable } from './form.table';

/** The latest version of a form. */
export async function findLatestForm(db: Conn, key: string): Promise<FormTable | undefined> {
  return db.selectFrom('forms').selectAll().where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** Insert a new version of a form. */
export async function insertForm(db: Conn, row: FormTable): Promise<void> {
  await db.insertInto('forms').values(row).execute();
}

/** Every form key deployed. */
export async function listFormKeys(db: Conn): Promise<string[]> {
  const rows = await db.selectFrom('forms').select('key').distinct().execute();
  return rows.map((r) => r.key);
}

/** The latest version of every form (summary). */
export async function listLatestForms(db: Conn) {
  const rows = await db.selectFrom('forms').select(['key', 'version', 'name', 'deployedAt', 'deployedBy']).orderBy('key').orderBy('version', 'desc').execute();
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true)));
}
