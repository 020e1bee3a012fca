/** The append-only audit log: per item a gap-free sequence, each entry hash-chained to the previous. */
export interface AuditTable {
  itemId: string;
  seq: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  opinion: string | null;
  /** JSON. */
  data: string;
  at: number;
  prevHash: string;
  hash: string;
}
