/**
 * The admin module's own tables, migrated with their own Kysely migration table so
 * the module is added without touching the core migration list.
 */
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { retryCatalogRace } from '../db/database';
import { dialectOf } from '../db/dialect';

/** Migrations of the admin module, by timestamped name. */
export const adminMigrations: Record<string, Migration> = {
  '20260601T000000_admin_settings': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('admin_settings')
        .ifNotExists()
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      await db.schema.dropTable('admin_settings').ifExists().execute();
    },
  },
};

/**
 * The module's migrator. On PostgreSQL its tables live in the connection's current schema:
 * without naming it, Kysely takes a migration table of the same name in any other schema
 * of the database (another county's, a test's) for ours.
 */
async function migrator(db: Kysely<any>): Promise<Migrator> {
  const schema = dialectOf(db) === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  return new Migrator({
    db: db.withoutPlugins(),
    provider: { getMigrations: async () => adminMigrations },
    migrationTableName: 'admin_migrations',
    migrationLockTableName: 'admin_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/** Bring the admin tables up to date; throws with the failing migration's name. */
export async function migrateAdmin(db: Kysely<any>): Promise<void> {
  await retryCatalogRace(async () => {
    const { error, results } = await (await migrator(db)).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new Error(`admin migration <${failed}> failed`, { cause: error });
    }
  });
}

/** Undo the admin migrations (tests check that `down` works). */
export async function migrateAdminDown(db: Kysely<any>): Promise<void> {
  const m = await migrator(db);
  for (;;) {
    const { error, results } = await m.migrateDown();
    if (error) throw new Error('admin migration down failed', { cause: error });
    if (!results || results.length === 0) return;
  }
}
