/**
 * Shapes of the API's answers that the server produces and the web app reads, defined once:
 * the server's services are typed to return them, the web's services to receive them. No
 * runtime code; imported by both sides.
 */

/** A warning light (X2). */
export type Light = 'green' | 'yellow' | 'red';

/** A task as listed (to-dos, done, an item's steps). */
export interface TaskSummary {
  id: string;
  itemId: string;
  elementId: string;
  name: string;
  formKey: string | null;
  kind: string;
  assignType: string;
  assignValue: string;
  assignScope?: string;
  /** Who it is assigned to, in words (a person, a role, a unit). */
  assignee?: string;
  dueDate: string | null;
  dueAt: number | null;
  originalDueDate: string | null;
  warnAt: number | null;
  status: 'open' | 'completed' | 'cancelled';
  outcome: string | null;
  /** The outcome is one the diagram declares negative. */
  negative?: boolean;
  opinion: string | null;
  actorId: string | null;
  actorName: string | null;
  urges: number;
  createdAt: number;
  completedAt: number | null;
  itemTitle?: string;
  itemCode?: string;
  procedureKey?: string;
  procedureName?: string;
  itemLight?: Light;
  light?: Light | null;
}

/** An item (督办事项) as listed in the ledger. */
export interface ItemSummary {
  id: string;
  code: string;
  procedureKey: string;
  procedureName: string;
  category: string | null;
  title: string;
  /** The start source's label (启动来源). */
  source: string | null;
  status: 'running' | 'completed' | 'terminated';
  light: Light;
  dueDate: string | null;
  originalDueDate: string | null;
  leadUnitId: string | null;
  leadUnitName?: string | null;
  units: { id: string; name: string }[];
  createdBy: string;
  createdByName?: string;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  parentItemId?: string | null;
}

/** A page of a list, as every list route answers. */
export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** An extension request (延期申请, X7) of an item, read from its record, with the decisions of the diagram's extension path. */
export interface ItemExtension {
  id: string;
  requestedBy: string | null;
  requestedByName: string | null;
  reason: string | null;
  currentDue: string | null;
  newDue: string;
  /** The date granted (re-drafted by the office or as asked), once approved. */
  approvedDue: string | null;
  decisions: { step: string; actorName: string | null; outcome: string | null; opinion: string | null; at: number | null }[];
  status: 'pending' | 'approved' | 'rejected';
  createdAt: number;
}

/** One place a form field is used (the designer lists them before a rename or a delete). */
export interface FieldUsage {
  kind: 'permission' | 'condition' | 'variable' | 'document' | 'data';
  /** Chinese, for people. */
  text: string;
}

/** A process step that uses a form, with its field permissions. */
export interface FormStep {
  processKey: string;
  processName: string;
  version: number;
  elementId: string;
  name: string;
  fields?: { editable: string[]; readonly: string[]; hidden: string[]; otherwise: 'editable' | 'readonly' | 'hidden' };
}

/** Where each field of a deployed form is used, and the steps that use the form. */
export interface FormUsages {
  fields: Record<string, FieldUsage[]>;
  steps: FormStep[];
  /** How many submissions were read for the data counts (the newest ones). */
  submissions: number;
}
