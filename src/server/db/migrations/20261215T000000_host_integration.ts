import type { Kysely } from 'kysely';

/**
 * Host integration: a person's identifiers at the host (login name, 工号, mobile, unionId, openId); the
 * report of each directory sync; the to-do lifecycle at the host (revisions issued and delivered, the ids
 * the host issued per person and each copy's state); one-time sign-in codes; signed-out session tokens.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('dir_identifiers')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dir_identifiers_pk', ['person_id', 'kind'])
    .execute();
  await db.schema.createIndex('dir_identifiers_value').on('dir_identifiers').columns(['kind', 'value']).execute();
  await db.schema
    .createTable('dir_sync_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dir_sync_reports_at').on('dir_sync_reports').columns(['at']).execute();
  await db.schema
    .createTable('todo_revisions')
    .addColumn('todo_id', 'text', (c) => c.primaryKey())
    .addColumn('issued', 'integer', (c) => c.notNull())
    .addColumn('delivered', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('leased_until', 'bigint')
    .execute();
  await db.schema
    .createTable('host_todos')
    .addColumn('todo_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('host_id', 'text')
    .addColumn('assignee', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('host_todos_pk', ['todo_id', 'person_id'])
    .execute();
  await db.schema
    .createTable('sso_codes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createTable('revoked_tokens')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['revoked_tokens', 'sso_codes', 'host_todos', 'todo_revisions', 'dir_sync_reports', 'dir_identifiers']) await db.schema.dropTable(t).execute();
}
