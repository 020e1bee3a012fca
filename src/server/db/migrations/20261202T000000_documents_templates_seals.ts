import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect';

/**
 * Documents made from templates the office edits, their PDFs, and the seal register (X4):
 * - document_templates: every uploaded version of a template (the bundled ones live in forms/templates/);
 * - documents: the unit a document is addressed to, the template version used, and the PDF with its state;
 * - seal_uses: one row per document and 用印申请, from the request to the seal's application.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const binary = dialectOf(db) === 'postgres' ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('document_templates')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('content', binary as any, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_templates_pk', ['key', 'version'])
    .execute();
  for (const [name, type] of [
    ['recipient', 'text'],
    ['template_version', 'integer'],
    ['pdf_status', 'text'],
    ['pdf_error', 'text'],
    ['pdf_at', 'bigint'],
    ['pdf_lease', 'bigint'],
  ] as const) {
    await db.schema.alterTable('documents').addColumn(name, type).execute();
  }
  await db.schema.alterTable('documents').addColumn('pdf', binary as any).execute();
  await db.schema.createIndex('documents_pdf_pending').on('documents').columns(['pdf_status']).execute();
  await db.schema
    .createTable('seal_uses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('items.id'))
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('task_id', 'text')
    .addColumn('seal', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'bigint', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'bigint')
    .addColumn('opinion', 'text')
    .addColumn('applied_by', 'text')
    .addColumn('applied_at', 'bigint')
    .addColumn('source', 'text')
    .addColumn('reference', 'text')
    .execute();
  await db.schema.createIndex('seal_uses_requested').on('seal_uses').columns(['requested_at']).execute();
  await db.schema.createIndex('seal_uses_document').on('seal_uses').columns(['document_id']).execute();
  await db.schema.createIndex('seal_uses_task').on('seal_uses').columns(['task_id']).execute();
}

/** Back to documents without templates, PDFs or register. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('seal_uses').execute();
  await db.schema.dropIndex('documents_pdf_pending').execute();
  for (const name of ['pdf', 'pdf_lease', 'pdf_at', 'pdf_error', 'pdf_status', 'template_version', 'recipient']) {
    await db.schema.alterTable('documents').dropColumn(name).execute();
  }
  await db.schema.dropTable('document_templates').execute();
}
