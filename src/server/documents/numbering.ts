import { sql } from 'kysely';
import type { Conn } from '../db/database';
import { prepared } from '../db/prepared';

/** The number prefix (after the county's short name) of each numbered document type. */
export const DOC_PREFIXES: Record<string, string> = {
  督查通知: '政督通',
  督查函: '政督函',
  督查通报: '政督报',
  督办令: '政督令',
  督办函: '政办督函',
};

/**
 * Allocate the next number of a sequence inside the caller's transaction. The
 * counter row is updated in place, so a rolled-back action returns its number:
 * numbers are gap-free and never reused.
 */
export async function allocateNumber(db: Conn, sequence: string, year: number): Promise<number> {
  const { rows } = await nextNumber(db, [sequence, year]);
  return Number(rows[0].lastNumber);
}

const nextNumber = prepared<{ lastNumber: number }>((db, $) =>
  db
    .insertInto('numberSequences')
    .values({ docType: $[0], year: $[1], lastNumber: 1 })
    .onConflict((oc) => oc.columns(['docType', 'year']).doUpdateSet({ lastNumber: sql`number_sequences.last_number + 1` }))
    .returning('lastNumber'),
);

/** Format a document number, e.g. 清政督函〔2026〕12号. */
export function formatDocNumber(countyShort: string, docType: string, year: number, serial: number): string {
  const prefix = DOC_PREFIXES[docType] ?? `政${docType}`;
  return `${countyShort}${prefix}〔${year}〕${serial}号`;
}
