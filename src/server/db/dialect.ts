import { type Kysely, PostgresAdapter } from 'kysely';

/** Which database a handle talks to. */
export function dialectOf(db: Kysely<any>): 'postgres' | 'sqlite' {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
