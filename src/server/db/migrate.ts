import { type Kysely, type Migration, type MigrationResult, type MigrationResultSet, Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { dialectOf } from './dialect';
import * as initial from './migrations/20260101T000000_initial';
import * as titleIndex from './migrations/20260110T000000_ledger_title_index';
import * as updatedIndex from './migrations/20260201T000000_ledger_updated_index';
import * as topIndexes from './migrations/20260310T000000_ledger_top_indexes';
import * as ledgerSearch from './migrations/20260320T000000_ledger_search';
import * as ledgerSearchPending from './migrations/20260325T000000_ledger_search_pending';
import * as systemLog from './migrations/20261120T000000_system_log';
import * as adminSettings from './migrations/20261201T000000_admin_settings';
import * as extensionsInDiagrams from './migrations/20261201T000100_extensions_in_diagrams';
import * as documentsTemplatesSeals from './migrations/20261202T000000_documents_templates_seals';
import * as evaluation from './migrations/20261210T000000_evaluation';
import * as hostIntegration from './migrations/20261215T000000_host_integration';

/** Every migration, by timestamped name; add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '20260101T000000_initial': initial,
  '20260110T000000_ledger_title_index': titleIndex,
  '20260201T000000_ledger_updated_index': updatedIndex,
  '20260310T000000_ledger_top_indexes': topIndexes,
  '20260320T000000_ledger_search': ledgerSearch,
  '20260325T000000_ledger_search_pending': ledgerSearchPending,
  '20261120T000000_system_log': systemLog,
  '20261201T000000_admin_settings': adminSettings,
  '20261201T000100_extensions_in_diagrams': extensionsInDiagrams,
  '20261202T000000_documents_templates_seals': documentsTemplatesSeals,
  '20261210T000000_evaluation': evaluation,
  '20261215T000000_host_integration': hostIntegration,
};

/**
 * The database's one migrator, over the `kysely_migration` table. On PostgreSQL that table
 * is looked for in the given schema, else in the connection's current one: without naming
 * it, Kysely takes a migration table of the same name in any other schema of the database
 * (another county's, a test's) for ours.
 */
export async function migrator(db: Kysely<any>, schema?: string): Promise<Migrator> {
  const own = schema ?? (dialectOf(db) === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined);
  return new Migrator({ db: db.withoutPlugins(), provider: { getMigrations: async () => migrations }, ...(own ? { migrationTableSchema: own } : {}) });
}

/** Throw with the failing migration's name when a migrator run failed. */
export function checkMigration({ error, results }: MigrationResultSet, direction: 'up' | 'down'): MigrationResult[] {
  if (!error) return results ?? [];
  const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
  throw new Error(`migration <${failed}> failed (${direction})`, { cause: error });
}

/** Migrate to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  checkMigration(await (await migrator(db, schema)).migrateToLatest(), 'up');
}

/** Undo every migration, newest first (tests/server/migrations.test.ts runs each down and up again on both databases). */
export async function migrateDownAll(db: Kysely<any>, schema?: string): Promise<void> {
  checkMigration(await (await migrator(db, schema)).migrateTo(NO_MIGRATIONS), 'down');
}
