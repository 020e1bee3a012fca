import { SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDialectConfig, CompiledQuery } from 'kysely';

/**
 * SQLite driver whose transactions start with BEGIN IMMEDIATE: the write lock
 * is taken up front, so two processes on one file queue on busy_timeout
 * instead of failing with SQLITE_BUSY when a reader upgrades to a writer.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** The SQLite dialect with immediate transactions. */
export class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver() {
    return new ImmediateSqliteDriver(this.#config);
  }
}
