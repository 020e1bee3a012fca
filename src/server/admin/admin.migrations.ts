/**
 * The admin module's own tables, migrated with their own Kysely migration table so
 * the module is added without touching the core migration list.
 */
import { type Kysely, type Migration, Migrator } from 'kysely';

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

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db: db.withoutPlugins(),
    provider: { getMigrations: async () => adminMigrations },
    migrationTableName: 'admin_migrations',
    migrationLockTableName: 'admin_migrations_lock',
  });
}

/** Bring the admin tables up to date; throws with the failing migration's name. */
export async function migrateAdmin(db: Kysely<any>): Promise<void> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`admin migration <${failed}> failed`, { cause: error });
  }
}

/** Undo the admin migrations (tests check that `down` works). */
export async function migrateAdminDown(db: Kysely<any>): Promise<void> {
  const m = migrator(db);
  for (;;) {
    const { error, results } = await m.migrateDown();
    if (error) throw new Error('admin migration down failed', { cause: error });
    if (!results || results.length === 0) return;
  }
}
