import { type Kysely, type Migration, Migrator } from 'kysely';
import * as initial from './migrations/20260101T000000_initial';
import * as titleIndex from './migrations/20260110T000000_ledger_title_index';
import * as updatedIndex from './migrations/20260201T000000_ledger_updated_index';
import * as topIndexes from './migrations/20260310T000000_ledger_top_indexes';
import * as ledgerSearch from './migrations/20260320T000000_ledger_search';
import * as ledgerSearchPending from './migrations/20260325T000000_ledger_search_pending';
import * as systemLog from './migrations/20261120T000000_system_log';
import * as extensionsInDiagrams from './migrations/20261201T000000_extensions_in_diagrams';

/** Every migration, by timestamped name; add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '20260101T000000_initial': initial,
  '20260110T000000_ledger_title_index': titleIndex,
  '20260201T000000_ledger_updated_index': updatedIndex,
  '20260310T000000_ledger_top_indexes': topIndexes,
  '20260320T000000_ledger_search': ledgerSearch,
  '20260325T000000_ledger_search_pending': ledgerSearchPending,
  '20261120T000000_system_log': systemLog,
  '20261201T000000_extensions_in_diagrams': extensionsInDiagrams,
};

/** Migrate to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db: db.withoutPlugins(), provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration <${failed}> failed`, { cause: error });
  }
}

/** Undo every migration (tests check that `down` works). */
export async function migrateDownAll(db: Kysely<any>, schema?: string): Promise<void> {
  const migrator = new Migrator({ db: db.withoutPlugins(), provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  for (;;) {
    const { error, results } = await migrator.migrateDown();
    if (error) throw new Error('migration down failed', { cause: error });
    if (!results || results.length === 0) return;
  }
}
