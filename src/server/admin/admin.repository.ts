/**
 * The admin module's queries: usage of process versions, form versions, open
 * deadlines and the admin settings table. The only code of the module that touches SQL.
 */
import type { Conn } from '../db/database';
import type { AdminSettingTable } from './admin.table';

/** Items per version of one process (or of every process): running, completed, terminated. */
export async function versionUsage(db: Conn, key?: string) {
  let q = db
    .selectFrom('instances')
    .select((eb) => ['definitionKey', 'definitionVersion', 'status', eb.fn.count<number>('itemId').distinct().as('items')])
    .groupBy(['definitionKey', 'definitionVersion', 'status']);
  if (key) q = q.where('definitionKey', '=', key);
  const rows = await q.execute();
  return rows.map((r) => ({ key: r.definitionKey, version: Number(r.definitionVersion), status: r.status, items: Number(r.items) }));
}

/** Every version of one process, newest first, without the xml. */
export async function definitionVersions(db: Conn, key: string) {
  return db
    .selectFrom('definitions')
    .select(['key', 'version', 'name', 'deployedBy', 'deployedAt'])
    .where('key', '=', key)
    .orderBy('version', 'desc')
    .execute();
}

/** Every version of one form, newest first, without the schema. */
export async function formVersions(db: Conn, key: string) {
  return db.selectFrom('forms').select(['key', 'version', 'name', 'deployedBy', 'deployedAt']).where('key', '=', key).orderBy('version', 'desc').execute();
}

/** One version of a form (the stored definition as JSON text). */
export async function findFormVersion(db: Conn, key: string, version: number) {
  return db.selectFrom('forms').select(['schema']).where('key', '=', key).where('version', '=', version).executeTakeFirst();
}

/** Open tasks with a deadline, with their item and process version (at most `limit`). */
export async function openDeadlines(db: Conn, limit: number) {
  return db
    .selectFrom('tasks')
    .innerJoin('items', 'items.id', 'tasks.itemId')
    .innerJoin('instances', 'instances.id', 'tasks.instanceId')
    .select([
      'tasks.id as taskId',
      'tasks.itemId as itemId',
      'items.code as itemCode',
      'items.title as itemTitle',
      'tasks.name as name',
      'tasks.elementId as elementId',
      'tasks.createdAt as createdAt',
      'tasks.dueDate as dueDate',
      'tasks.originalDueDate as originalDueDate',
      'instances.definitionKey as processKey',
      'instances.definitionVersion as version',
    ])
    .where('tasks.status', '=', 'open')
    .where('tasks.dueDate', 'is not', null)
    .orderBy('tasks.dueDate')
    .limit(limit)
    .execute();
}

/** Running instances with their state and item (newest first, at most `limit`): deadlines of waiting activities live in the state. */
export async function runningInstances(db: Conn, limit: number) {
  return db
    .selectFrom('instances')
    .innerJoin('items', 'items.id', 'instances.itemId')
    .select([
      'instances.id as instanceId',
      'instances.itemId as itemId',
      'items.code as itemCode',
      'items.title as itemTitle',
      'instances.definitionKey as processKey',
      'instances.definitionVersion as version',
      'instances.state as state',
    ])
    .where('instances.status', '=', 'running')
    .orderBy('instances.createdAt', 'desc')
    .limit(limit)
    .execute();
}

/** One admin setting, or undefined. */
export async function findSetting(db: Conn, key: string): Promise<AdminSettingTable | undefined> {
  return db.selectFrom('adminSettings').selectAll().where('key', '=', key).executeTakeFirst();
}

/** Insert or replace one admin setting. */
export async function saveSetting(db: Conn, row: AdminSettingTable): Promise<void> {
  await db.deleteFrom('adminSettings').where('key', '=', row.key).execute();
  await db.insertInto('adminSettings').values(row).execute();
}

/** Remove one admin setting; true when it existed. */
export async function deleteSetting(db: Conn, key: string): Promise<boolean> {
  const r = await db.deleteFrom('adminSettings').where('key', '=', key).executeTakeFirst();
  return Number(r.numDeletedRows ?? 0) > 0;
}

/** Replace the grants of the given roles and every liaison in the directory cache (one transaction, by the caller). */
export async function replaceRoleGrants(
  db: Conn,
  roleIds: string[],
  grants: { personId: string; roleId: string; scope: string }[],
  liaisons: { personId: string; unitId: string }[],
): Promise<void> {
  if (roleIds.length) await db.deleteFrom('dirGrants').where('roleId', 'in', roleIds).execute();
  if (grants.length) await db.insertInto('dirGrants').values(grants).execute();
  await db.deleteFrom('dirLiaisons').execute();
  if (liaisons.length) await db.insertInto('dirLiaisons').values(liaisons).execute();
}
