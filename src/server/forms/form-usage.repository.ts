import type { Conn } from '../db/database';

/** The form data submitted on completed tasks of a form, newest first, at most `limit` rows. */
export async function submittedFormData(db: Conn, formKey: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('tasks')
    .select('formData')
    .where('formKey', '=', formKey)
    .where('formData', 'is not', null)
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.formData as string);
}
