/** A version of a year's scheme (JSON of `Scheme`); versions are never changed, only added. */
export interface EvalSchemeTable {
  year: number;
  version: number;
  data: string;
  createdBy: string;
  createdAt: number;
}

/** A scoring event, written in the transaction of the action that caused it. */
export interface EvalEventTable {
  id: string;
  /** What makes the fact unique (kind, task or item, unit): writing it twice keeps one row. */
  key: string;
  year: number;
  month: number;
  unitId: string;
  kind: string;
  itemId: string;
  taskId: string | null;
  documentId: string | null;
  elementId: string | null;
  occurredAt: number;
  note: string;
  voided: number;
  voidReason: string | null;
}

/** A year of the evaluation: its state, the scheme version it is computed with, its result. */
export interface EvalYearTable {
  year: number;
  status: string;
  schemeVersion: number | null;
  itemId: string | null;
  /** JSON of `Standings`, once computed at year end. */
  result: string | null;
  revision: number;
  publishedAt: number | null;
  updatedAt: number;
}

/** One evaluator's score of a unit on a qualitative indicator. */
export interface EvalQualitativeTable {
  year: number;
  indicatorId: string;
  unitId: string;
  evaluatorId: string;
  score: number;
  updatedAt: number;
}

/** A unit's appeal against one event, and R15's decision. */
export interface EvalAppealTable {
  id: string;
  year: number;
  eventId: string;
  unitId: string;
  reason: string;
  /** JSON array of attachment ids. */
  attachments: string;
  status: string;
  filedBy: string;
  filedAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionReason: string | null;
}
