/** Directory cache tables: the host's units, people, roles, role grants and liaisons. */

export interface DirUnitTable {
  id: string;
  name: string;
  kind: string;
  domain: string | null;
  sort: number;
}

export interface DirPersonTable {
  id: string;
  name: string;
  unitId: string;
  title: string;
  sort: number;
}

export interface DirRoleTable {
  id: string;
  name: string;
}

export interface DirGrantTable {
  personId: string;
  roleId: string;
  /** '' when the grant has no scope. */
  scope: string;
}

export interface DirLiaisonTable {
  personId: string;
  unitId: string;
}

export interface DirIdentifierTable {
  personId: string;
  /** login, employeeNo, mobile, unionId, openId. */
  kind: string;
  value: string;
}

export interface DirSyncReportTable {
  id: string;
  at: number;
  /** The host adapter's name. */
  source: string;
  /** JSON of a SyncReport. */
  report: string;
}
