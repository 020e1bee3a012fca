/** Supervision items (督办事项) and what makes them findable and visible. */

export type ItemStatus = 'running' | 'completed' | 'terminated';
export type Light = 'green' | 'yellow' | 'red';

export interface ItemTable {
  id: string;
  /** Human-readable registration number, e.g. 'DB-2026-000123'. */
  code: string;
  procedureKey: string;
  procedureName: string;
  category: string | null;
  title: string;
  source: string | null;
  status: ItemStatus;
  light: Light;
  /** Earliest open deadline ('YYYY-MM-DD'), null when none. */
  dueDate: string | null;
  /** The item's first deadline, kept when extended. */
  originalDueDate: string | null;
  leadUnitId: string | null;
  /** JSON list of unit ids. */
  units: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  parentItemId: string | null;
  /** Lower-cased title, code, source, unit names: the ledger's text filter. */
  searchText: string;
  /** Head of the audit chain (see audit/). */
  auditSeq: number;
  auditHash: string;
}

export interface ItemUnitTable {
  itemId: string;
  unitId: string;
  /** 1 for the 牵头单位. */
  isLead: number;
}

export interface ItemParticipantTable {
  itemId: string;
  personId: string;
}

/** 抄送: an item copied to a person for information. */
export interface CopyTable {
  id: string;
  itemId: string;
  personId: string;
  reason: string;
  note: string | null;
  createdAt: number;
  readAt: number | null;
}
