import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect';

/**
 * The admin module's settings (the role mapping of the embedded host), folded into this
 * migration set. The module used to migrate this table with a migrator of its own, recorded
 * in `admin_migrations`; a database that ran it already has the table, so the row found
 * there is taken as this migration's, and the former migrator's tables go.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ran = await formerAdminMigrations(db);
  const unknown = ran.filter((name) => name !== FORMER_NAME);
  if (unknown.length) throw new Error(`admin_migrations records migrations this version does not know: <${unknown.join('>, <')}>`);
  if (!ran.includes(FORMER_NAME)) {
    await db.schema
      .createTable('admin_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  }
  await db.schema.dropTable('admin_migrations').ifExists().execute();
  await db.schema.dropTable('admin_migrations_lock').ifExists().execute();
}

/** Drop the settings table (the former migrator's tables are not brought back). */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('admin_settings').execute();
}

/** The name the admin module's own migrator gave this table's migration. */
const FORMER_NAME = '20260601T000000_admin_settings';

/** The migrations the admin module's former migrator recorded here; empty when it never ran. */
async function formerAdminMigrations(db: Kysely<any>): Promise<string[]> {
  // That migrator kept its table in the connection's current schema (see migrate.ts).
  const exists =
    dialectOf(db) === 'postgres'
      ? (await sql<{ t: string | null }>`select to_regclass(quote_ident(current_schema()) || '.admin_migrations')::text as t`.execute(db)).rows[0]?.t != null
      : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = 'admin_migrations'`.execute(db)).rows.length > 0;
  if (!exists) return [];
  return (await sql<{ name: string }>`select name from admin_migrations`.execute(db)).rows.map((r) => r.name);
}
