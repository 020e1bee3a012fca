import type { Conn } from '../db/database';
import type { SsoCodeTable } from '../integration/integration.table';

/** Whether a session token was signed out. */
export async function isRevoked(db: Conn, jti: string): Promise<boolean> {
  return !!(await db.selectFrom('revokedTokens').select('jti').where('jti', '=', jti).executeTakeFirst());
}

/** Sign a token out until it would have expired. */
export async function revoke(db: Conn, jti: string, expiresAt: number): Promise<void> {
  await db.insertInto('revokedTokens').values({ jti, expiresAt }).onConflict((oc) => oc.column('jti').doNothing()).execute();
}

/** Store a one-time sign-in code. */
export async function insertSsoCode(db: Conn, row: SsoCodeTable): Promise<void> {
  await db.insertInto('ssoCodes').values(row).execute();
}

/** Use a one-time code: returns its row when it was unused and unexpired, marking it used. */
export async function useSsoCode(db: Conn, code: string, now: number): Promise<SsoCodeTable | undefined> {
  const r = await db.updateTable('ssoCodes').set({ usedAt: now }).where('code', '=', code).where('usedAt', 'is', null).where('expiresAt', '>', now).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) return undefined;
  return db.selectFrom('ssoCodes').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Forget expired codes and signed-out tokens past their expiry. */
export async function pruneSessions(db: Conn, now: number): Promise<void> {
  await db.deleteFrom('ssoCodes').where('expiresAt', '<', now).execute();
  await db.deleteFrom('revokedTokens').where('expiresAt', '<', now).execute();
}
