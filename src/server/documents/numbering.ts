import { sql } from 'kysely';
import type { Conn } from '../db/database';
import { DOCUMENT_TYPES } from '../../engine';
import { prepared } from '../db/prepared';

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
  const prefix = DOCUMENT_TYPES[docType]?.prefix ?? `政${docType}`;
  return `${countyShort}${prefix}〔${year}〕${serial}号`;
}
