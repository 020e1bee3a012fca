import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect';

/** The initial schema: definitions, forms, items, instances, tasks, timers, outbox, audit, documents, attachments, calendar, directory. */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  const binary = pg ? sql`bytea` : sql`blob`;
  const s = db.schema;

  await s
    .createTable('definitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('xml', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull())
    .addColumn('deployed_by', 'text', (c) => c.notNull())
    .addColumn('deployed_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('definitions_key_version', ['key', 'version'])
    .execute();

  await s
    .createTable('forms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('schema', 'text', (c) => c.notNull())
    .addColumn('deployed_by', 'text', (c) => c.notNull())
    .addColumn('deployed_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('forms_key_version', ['key', 'version'])
    .execute();

  await s
    .createTable('items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('procedure_key', 'text', (c) => c.notNull())
    .addColumn('procedure_name', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('light', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('original_due_date', 'text')
    .addColumn('lead_unit_id', 'text')
    .addColumn('units', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('completed_at', 'bigint')
    .addColumn('parent_item_id', 'text', (c) => c.references('items.id'))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('audit_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('audit_hash', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await s.createIndex('items_created').on('items').columns(['created_at']).execute();
  await s.createIndex('items_procedure_created').on('items').columns(['procedure_key', 'created_at']).execute();
  await s.createIndex('items_status_created').on('items').columns(['status', 'created_at']).execute();
  await s.createIndex('items_light_created').on('items').columns(['light', 'created_at']).execute();
  await s.createIndex('items_due').on('items').columns(['due_date']).execute();
  await s.createIndex('items_parent').on('items').columns(['parent_item_id']).execute();
  await s.createIndex('items_lead_unit').on('items').columns(['lead_unit_id']).execute();

  await s
    .createTable('item_units')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('is_lead', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('item_units_pk', ['item_id', 'unit_id'])
    .execute();
  await s.createIndex('item_units_unit').on('item_units').columns(['unit_id', 'item_id']).execute();

  await s
    .createTable('item_participants')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('item_participants_pk', ['item_id', 'person_id'])
    .execute();
  await s.createIndex('item_participants_person').on('item_participants').columns(['person_id', 'item_id']).execute();

  await s
    .createTable('copies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  await s.createIndex('copies_person').on('copies').columns(['person_id', 'created_at']).execute();

  await s
    .createTable('instances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('definition_key', 'text', (c) => c.notNull())
    .addColumn('definition_version', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('parent_instance_id', 'text', (c) => c.references('instances.id'))
    .addColumn('parent_token_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('instances_item').on('instances').columns(['item_id']).execute();
  await s.createIndex('instances_parent').on('instances').columns(['parent_instance_id']).execute();

  await s
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('task_key', 'text', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('form_key', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('assign_type', 'text', (c) => c.notNull())
    .addColumn('assign_value', 'text', (c) => c.notNull())
    .addColumn('assign_scope', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_type', 'text')
    .addColumn('owner_value', 'text')
    .addColumn('candidates', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text')
    .addColumn('due_at', 'bigint')
    .addColumn('original_due_date', 'text')
    .addColumn('warn_at', 'bigint')
    .addColumn('suspended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('opinion', 'text')
    .addColumn('form_data', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('urges', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('completed_at', 'bigint')
    .addColumn('origin', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await s.createIndex('tasks_open_assign').on('tasks').columns(['status', 'assign_type', 'assign_value']).execute();
  await s.createIndex('tasks_instance').on('tasks').columns(['instance_id']).execute();
  await s.createIndex('tasks_item').on('tasks').columns(['item_id']).execute();
  await s.createIndex('tasks_actor').on('tasks').columns(['actor_id', 'completed_at']).execute();

  await s
    .createTable('extension_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('current_due', 'text')
    .addColumn('new_due', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('review_opinion', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decision_opinion', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('extension_requests_status').on('extension_requests').columns(['status', 'created_at']).execute();
  await s.createIndex('extension_requests_task').on('extension_requests').columns(['task_id']).execute();

  await s
    .createTable('timers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id'))
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('timer_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fire_at', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'bigint')
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .execute();
  await s.createIndex('timers_due').on('timers').columns(['done', 'fire_at']).execute();
  await s.createIndex('timers_instance').on('timers').columns(['instance_id']).execute();

  await s
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('done_at', 'bigint')
    .execute();
  await s.createIndex('jobs_due').on('jobs').columns(['done', 'next_attempt_at']).execute();

  await s
    .createTable('audit_log')
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('opinion', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_log_pk', ['item_id', 'seq'])
    .execute();

  await s
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('template', 'text')
    .addColumn('mime', 'text')
    .addColumn('content', binary as any)
    .addColumn('size', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('sealed_by', 'text')
    .addColumn('sealed_at', 'bigint')
    .addColumn('seal', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('documents_number', ['doc_type', 'year', 'serial'])
    .execute();
  await s.createIndex('documents_item').on('documents').columns(['item_id']).execute();

  await s
    .createTable('number_sequences')
    .addColumn('doc_type', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('number_sequences_pk', ['doc_type', 'year'])
    .execute();

  await s
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.references('items.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', binary as any, (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .execute();
  await s.createIndex('attachments_item').on('attachments').columns(['item_id']).execute();

  await s
    .createTable('calendar_overrides')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('workday', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await s
    .createTable('dir_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await s
    .createTable('dir_people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .execute();
  await s.createIndex('dir_people_unit').on('dir_people').columns(['unit_id']).execute();
  await s
    .createTable('dir_roles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('dir_grants')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('role_id', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dir_grants_pk', ['person_id', 'role_id', 'scope'])
    .execute();
  await s.createIndex('dir_grants_role').on('dir_grants').columns(['role_id', 'scope']).execute();
  await s
    .createTable('dir_liaisons')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dir_liaisons_pk', ['person_id', 'unit_id'])
    .execute();
  await s.createIndex('dir_liaisons_unit').on('dir_liaisons').columns(['unit_id']).execute();
}

/** Drop everything `up` created, dependants first. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'dir_liaisons', 'dir_grants', 'dir_roles', 'dir_people', 'dir_units', 'calendar_overrides', 'attachments',
    'number_sequences', 'documents', 'audit_log', 'jobs', 'timers', 'extension_requests', 'tasks', 'instances',
    'copies', 'item_participants', 'item_units', 'items', 'forms', 'definitions',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
