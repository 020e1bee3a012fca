import type { Conn } from '../db/database';
import type { SystemLogTable } from './system-log';

/** Insert a row of the system log. */
export async function insertSystemLog(db: Conn, row: Omit<SystemLogTable, 'id'>): Promise<void> {
  await db.insertInto('systemLog').values(row).execute();
}

/** A page of the log, newest first, optionally of one action, with the total. */
export async function pageSystemLog(db: Conn, opts: { limit: number; offset: number; action?: string }) {
  let q = db.selectFrom('systemLog');
  if (opts.action) q = q.where('action', '=', opts.action);
  const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await q.selectAll().orderBy('id', 'desc').limit(opts.limit).offset(opts.offset).execute();
  return { total: Number(total), rows };
}
