/**
 * Migrations: every one goes down and up again to the very schema it had (tables, columns,
 * indexes, constraints, triggers), on SQLite and PostgreSQL; the data the initial schema holds
 * survives a trip down to it and back; and a database built by the former layout (the core
 * migrations plus the admin module's own migrator and table) upgrades to the one migration set
 * with its data.
 */
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { checkMigration, migrateDownAll, migrateToLatest, migrations, migrator } from '../../src/server/db/migrate';
import type { Db } from '../../src/server/db/database';
import { databases, type FreshDb, startServer, type TestDatabase } from './helpers';

const NAMES = Object.keys(migrations).sort();
const INITIAL = '20260101T000000_initial';

/** The schema of the database, migration bookkeeping left out, as sorted lines that diff readably. */
async function schemaOf(db: Kysely<any>, schema?: string): Promise<{ tables: Record<string, string[]>; objects: string[] }> {
  const raw = db.withoutPlugins();
  const tables: Record<string, string[]> = {};
  const objects: string[] = [];
  if (!schema) {
    const rows = (await sql<{ type: string; name: string; tbl: string; sql: string | null }>`
      select type, name, tbl_name as tbl, sql from sqlite_master
      where name not like 'sqlite_%' and tbl_name not like 'kysely_migration%' order by type, name`.execute(raw)).rows;
    for (const r of rows) {
      if (r.type === 'table') {
        const cols = (await sql<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>`select * from pragma_table_info(${r.name})`.execute(raw)).rows;
        tables[r.name] = cols.map((c) => `${c.name} ${c.type}${c.notnull ? ' not null' : ''}${c.dflt_value !== null ? ` default ${c.dflt_value}` : ''}${c.pk ? ` pk${c.pk}` : ''}`);
      }
      if (r.type === 'index') {
        const cols = (await sql<{ name: string }>`select name from pragma_index_info(${r.name}) order by seqno`.execute(raw)).rows.map((c) => c.name);
        objects.push(`index ${r.name} on ${r.tbl} (${cols.join(', ')}): ${r.sql ?? 'automatic'}`);
      } else {
        objects.push(`${r.type} ${r.name} on ${r.tbl}: ${r.sql}`);
      }
    }
    return { tables, objects };
  }
  const cols = (await sql<{ t: string; c: string; type: string; nullable: string; dflt: string | null }>`
    select table_name as t, column_name as c, data_type as type, is_nullable as nullable, column_default as dflt
    from information_schema.columns where table_schema = ${schema} and table_name not like 'kysely_migration%'
    order by table_name, ordinal_position`.execute(raw)).rows;
  for (const c of cols) (tables[c.t] ??= []).push(`${c.c} ${c.type}${c.nullable === 'NO' ? ' not null' : ''}${c.dflt !== null ? ` default ${c.dflt}` : ''}`);
  const indexes = (await sql<{ line: string }>`
    select 'index ' || indexname || ' on ' || tablename || ': ' || indexdef as line from pg_indexes
    where schemaname = ${schema} and tablename not like 'kysely_migration%'`.execute(raw)).rows;
  const constraints = (await sql<{ line: string }>`
    select 'constraint ' || c.conname || ' on ' || t.relname || ': ' || pg_get_constraintdef(c.oid) as line
    from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = ${schema} and t.relname not like 'kysely_migration%'`.execute(raw)).rows;
  const others = (await sql<{ line: string }>`
    select 'sequence ' || sequence_name as line from information_schema.sequences where sequence_schema = ${schema}
    union all
    select 'trigger ' || trigger_name || ' on ' || event_object_table || ': ' || action_statement from information_schema.triggers where trigger_schema = ${schema}`.execute(raw)).rows;
  // Index definitions name the schema; two databases compare without it.
  objects.push(...[...indexes, ...constraints, ...others].map((r) => r.line.replaceAll(` ${schema}.`, ' ')).sort());
  return { tables, objects };
}

/** Every row of every table of the database (the same shape on both databases), migration bookkeeping left out. */
async function contentsOf(db: Kysely<any>, schema?: string): Promise<Record<string, unknown[]>> {
  const names = Object.keys((await schemaOf(db, schema)).tables).filter((t) => !t.startsWith('item_search_fts'));
  const out: Record<string, unknown[]> = {};
  for (const t of names.sort()) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(db.withoutPlugins())).rows;
    out[t] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

/**
 * Tables a later migration drops after carrying their rows elsewhere (tested where that happens):
 * here they must be empty, so that nothing is lost unseen.
 */
const CARRIED_OVER: Record<string, string> = {
  // Open requests become deferred messages: tests/server/extension-migration.test.ts.
  extension_requests: 'timers',
};

/**
 * Whether the rows of a table at `from` are all there at `to`, on the columns `from` has (a later
 * migration may add columns, e.g. tasks.negative); a table carried over must have been empty.
 */
function expectKept(from: Record<string, unknown[]>, to: Record<string, unknown[]>, table: string): void {
  if (!(table in from)) {
    // A table the down of a later migration brings back starts empty.
    expect(to[table], `${table} (brought back by a down)`).toEqual([]);
    return;
  }
  if (CARRIED_OVER[table] && !(table in to)) {
    expect(from[table], `${table} (carried over into ${CARRIED_OVER[table]})`).toEqual([]);
    return;
  }
  const first = (list: unknown[] | undefined) => (list?.length ? Object.keys(JSON.parse(list[0] as string)) : []);
  const there = new Set(first(to[table]));
  const columns = first(from[table]).filter((c) => !to[table]?.length || there.has(c));
  const project = (r: string) => {
    const row = JSON.parse(r) as Record<string, unknown>;
    return JSON.stringify(Object.fromEntries(columns.map((c) => [c, row[c]])));
  };
  expect(((to[table] ?? []) as string[]).map(project).sort(), table).toEqual((from[table] as string[]).map(project).sort());
}

/** The names the migration table records, sorted. */
async function recorded(db: Kysely<any>): Promise<string[]> {
  return (await sql<{ name: string }>`select name from kysely_migration`.execute(db.withoutPlugins())).rows.map((r) => r.name).sort();
}

/** How many tables of this name the database's own schema holds. */
async function tablesNamed(db: Kysely<any>, name: string, schema?: string): Promise<number> {
  const raw = db.withoutPlugins();
  const rows = schema
    ? (await sql`select 1 from information_schema.tables where table_schema = ${schema} and table_name = ${name}`.execute(raw)).rows
    : (await sql`select 1 from sqlite_master where type = 'table' and name = ${name}`.execute(raw)).rows;
  return rows.length;
}

/**
 * The admin module's own migrations and migrator as they ran before they were folded into the
 * one set: a second Kysely migrator over `admin_migrations`, run after the core migrations on
 * every start.
 */
const FORMER_ADMIN_MIGRATIONS: Record<string, Migration> = {
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

/** Build a database the way the former layout did: the core migrations up to `lastCore` (the list of that time), then the admin module's migrator. */
async function formerLayout(db: Kysely<any>, schema: string | undefined, lastCore: string): Promise<void> {
  const core = Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= lastCore));
  const withSchema = schema ? { migrationTableSchema: schema } : {};
  checkMigration(await new Migrator({ db: db.withoutPlugins(), provider: { getMigrations: async () => core }, ...withSchema }).migrateToLatest(), 'up');
  const admin = new Migrator({
    db: db.withoutPlugins(),
    provider: { getMigrations: async () => FORMER_ADMIN_MIGRATIONS },
    migrationTableName: 'admin_migrations',
    migrationLockTableName: 'admin_migrations_lock',
    ...withSchema,
  });
  checkMigration(await admin.migrateToLatest(), 'up');
}

describe.each(databases())('migrations on $name', (database: TestDatabase) => {
  const opened: FreshDb[] = [];
  const fresh = async (options?: { migrate?: boolean }) => {
    const f = await database.fresh(options);
    opened.push(f);
    return f;
  };
  afterEach(async () => {
    for (const f of opened.splice(0)) await f.cleanup();
  });

  it('each migration down restores the schema before it, and up again the schema after it; all up after all down is the schema of a fresh database', async () => {
    const { db, schema } = await fresh();
    const latest = await schemaOf(db, schema);
    expect(await recorded(db)).toEqual(NAMES);

    await migrateDownAll(db, schema);
    expect(await schemaOf(db, schema)).toEqual({ tables: {}, objects: [] });
    expect(await recorded(db)).toEqual([]);

    const m = await migrator(db, schema);
    // after[i]: the schema once the first i migrations have run.
    const after = [await schemaOf(db, schema)];
    for (const name of NAMES) {
      expect(checkMigration(await m.migrateUp(), 'up').map((r) => r.migrationName)).toEqual([name]);
      after.push(await schemaOf(db, schema));
    }
    expect(after.at(-1)).toEqual(latest);
    // The snapshot sees the later migrations' indexes and tables, not only the initial tables.
    expect(after[1]).not.toEqual(after[0]);
    expect(after.at(-1)).not.toEqual(after[1]);

    for (let i = NAMES.length; i > 0; i--) {
      expect(checkMigration(await m.migrateDown(), 'down').map((r) => r.migrationName)).toEqual([NAMES[i - 1]]);
      expect(await schemaOf(db, schema), `schema after ${NAMES[i - 1]} down`).toEqual(after[i - 1]);
    }
    for (let i = 1; i <= NAMES.length; i++) {
      checkMigration(await m.migrateUp(), 'up');
      expect(await schemaOf(db, schema), `schema after ${NAMES[i - 1]} up again`).toEqual(after[i]);
    }
    await migrateToLatest(db, schema); // nothing left to run
    expect(await schemaOf(db, schema)).toEqual(latest);
    expect(await recorded(db)).toEqual(NAMES);
  });

  it('a migration that fails leaves no trace: the pending migrations run in one transaction', async () => {
    const { db, schema } = await fresh();
    const latest = await schemaOf(db, schema);
    const failing = new Migrator({
      db: db.withoutPlugins(),
      provider: {
        getMigrations: async () => ({
          ...migrations,
          '29990101T000000_a': { up: async (d: Kysely<any>) => void (await d.schema.createTable('probe_a').addColumn('id', 'text').execute()) },
          '29990102T000000_b': {
            async up(d: Kysely<any>) {
              await d.schema.createTable('probe_b').addColumn('id', 'text').execute();
              throw new Error('probe');
            },
          },
        }),
      },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    expect(() => checkMigration({ error: new Error('probe'), results: [{ migrationName: '29990102T000000_b', direction: 'Up', status: 'Error' }] }, 'up')).toThrow('migration <29990102T000000_b> failed (up)');
    const r = await failing.migrateToLatest();
    expect(r.error).toBeInstanceOf(Error);
    expect(await schemaOf(db, schema)).toEqual(latest);
    expect(await recorded(db)).toEqual(NAMES);
  });

  it('keeps the items, their tasks, audit and documents through a trip down to the initial schema and back; the ledger finds them again', async () => {
    const f = await fresh();
    const s = await startServer(database, { fixtures: ['supervise.bpmn'], fresh: f });
    let itemId: string;
    try {
      const r = await s.call('fengxl', 'POST', '/api/items', { procedureKey: 'supervise', title: '秸秆禁烧专项督查', source: 'P2.S1', units: ['zjj'], leadUnit: 'zjj' });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      itemId = r.body.itemId;
    } finally {
      await s.close();
    }
    const { db, schema } = f;
    const m = await migrator(db, schema);

    if (database.name === 'sqlite') {
      // A text not yet taken into the search index is indexed when its batching migration goes down.
      await sql`update items set search_text = search_text || ' 麦田防火巡查' where id = ${itemId}`.execute(db.withoutPlugins());
      checkMigration(await m.migrateTo('20260320T000000_ledger_search'), 'down');
      const hits = await sql<{ item_id: string }>`
        select s.item_id from item_search_fts f join item_search s on s.rid = f.rowid where item_search_fts match '"麦田防火"'`.execute(db.withoutPlugins());
      expect(hits.rows.map((h) => h.item_id)).toEqual([itemId]);
      await migrateToLatest(db, schema);
    }

    const before = await contentsOf(db, schema);
    checkMigration(await m.migrateTo(INITIAL), 'down');
    const atInitial = await contentsOf(db, schema);
    // The tables later migrations add go with their down (the system log, the admin settings, SQLite's search bookkeeping); the initial ones keep every row.
    const initialTables = Object.keys(atInitial);
    expect(initialTables).toEqual(expect.arrayContaining(['items', 'instances', 'tasks', 'audit_log', 'forms', 'definitions', 'dir_people']));
    expect(initialTables).not.toContain('system_log');
    expect(initialTables).not.toContain('admin_settings');
    for (const t of initialTables) expectKept(before, atInitial, t);
    expect(before.items).toHaveLength(1);
    expect(before.audit_log.length).toBeGreaterThan(0);

    await migrateToLatest(db, schema);
    const back = await contentsOf(db, schema);
    for (const t of initialTables) expectKept(atInitial, back, t);

    const again = await startServer(database, { fresh: f });
    try {
      const found = await again.call('fengxl', 'GET', `/api/items?q=${encodeURIComponent('秸秆禁烧')}`);
      expect(found.status).toBe(200);
      expect(found.body.rows.map((x: { id: string }) => x.id)).toEqual([itemId]);
      expect((await again.call('fengxl', 'GET', `/api/items/${itemId}`)).status).toBe(200);
    } finally {
      await again.close();
    }
  });

  it.each([
    ['the last layout', '20261120T000000_system_log'],
    ['an early database (the admin table made right after the initial schema)', INITIAL],
  ])('upgrades a database of the former two-migrator layout, %s, keeping its data', async (_label, lastCore) => {
    const f = await fresh({ migrate: false });
    await formerLayout(f.db, f.schema, lastCore);
    // Written as the former code wrote it: snake_case rows, no camelCase mapping.
    const raw = f.db.withoutPlugins() as unknown as Kysely<any>;
    const mapping = { grants: [{ personId: 'xujing', roleId: 'R7', scope: '' }], liaisons: [] };
    await raw.insertInto('admin_settings').values({ key: 'role-mapping', value: JSON.stringify(mapping), updated_by: 'gaoyuan', updated_at: 1_780_000_000_000 }).execute();
    await raw
      .insertInto('items')
      .values({
        id: 'item-old', code: 'P2-2026-00001', procedure_key: 'p2-special-case', procedure_name: '专项查办', category: 'P2', title: '老旧小区改造进度督办',
        status: 'running', light: 'green', due_date: '2026-04-30', units: '["zjj"]', lead_unit_id: 'zjj', created_by: 'fengxl',
        created_at: 1_780_000_000_000, updated_at: 1_780_000_000_000, search_text: '老旧小区改造进度督办 p2-2026-00001 县住建局',
      })
      .execute();
    await raw.insertInto('item_units').values({ item_id: 'item-old', unit_id: 'zjj', is_lead: 1 }).execute();
    await raw.insertInto('item_participants').values({ item_id: 'item-old', person_id: 'fengxl' }).execute();
    const before = await contentsOf(f.db, f.schema);
    expect(await tablesNamed(f.db, 'admin_migrations', f.schema)).toBe(1);

    // The server opens it: one migrator runs what is missing and takes the admin table's record as its own.
    const upgraded: Db = await f.open();
    expect(await recorded(upgraded)).toEqual(NAMES);
    expect(await tablesNamed(upgraded, 'admin_migrations', f.schema)).toBe(0);
    expect(await tablesNamed(upgraded, 'admin_migrations_lock', f.schema)).toBe(0);
    const after = await contentsOf(upgraded, f.schema);
    for (const t of Object.keys(before).filter((t) => !t.startsWith('admin_migrations'))) expectKept(before, after, t);
    expect(after.admin_settings).toHaveLength(1);

    const reference = await fresh();
    expect(await schemaOf(upgraded, f.schema)).toEqual(await schemaOf(reference.db, reference.schema));

    const s = await startServer(database, { fresh: { ...f, db: upgraded } });
    try {
      const roles = await s.call('gaoyuan', 'GET', '/api/admin/roles');
      expect(roles.body.customised).toBe(true);
      expect(roles.body.grants).toEqual(mapping.grants);
      const found = await s.call('fengxl', 'GET', `/api/items?q=${encodeURIComponent('老旧小区')}`);
      expect(found.body.rows.map((x: { id: string }) => x.id)).toEqual(['item-old']);
    } finally {
      await s.close();
    }
  });
});
