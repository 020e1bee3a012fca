/**
 * The administration pages' calls to the server: process definitions and their
 * versions, forms and their versions, the calendar, open deadlines and role mapping.
 * Goes through the web app's one HTTP client (errors become ApiError with Chinese text).
 */
import type { FormUsages } from '@/shared/api';
import { downloadUrl, request } from '@/services/request';

/** A deployed process (its latest version) as listed. */
export interface DefinitionSummary {
  key: string;
  name: string;
  category: string | null;
  version: number;
  versions: number[];
  deployedBy: string;
  deployedAt: number;
  meta: { startSources: { code: string; label: string }[]; materials: string[] };
}

/** One version of a process with the items on it. */
export interface DefinitionVersion {
  key: string;
  version: number;
  name: string;
  deployedBy: string;
  deployedByName: string;
  deployedAt: number;
  running: number;
  completed: number;
  terminated: number;
}

/** A problem of a diagram as the server reports it. */
export interface ServerProblem {
  code: string;
  elementId: string;
  elementName?: string;
  message: string;
  severity: 'error' | 'warning';
}

/** The outcome of a deploy. */
export interface DeployResult {
  deployed: { key: string; version: number; name: string; unchanged: boolean }[];
  warnings: ServerProblem[];
}

/** A form as listed. */
export interface FormSummary {
  key: string;
  name: string;
  version: number;
  deployedAt: number;
  deployedBy: string;
}

/** A stored calendar entry of the administrator (imported schedule or single override). */
export interface CalendarEntry {
  date: string;
  year: number;
  workday: number;
  source: 'schedule' | 'override' | string;
  note: string | null;
  createdBy: string;
  createdAt: number;
}

/** An open deadline — of a task, or of a waiting call activity / sub-process — with the due setting it was computed from. */
export interface OpenDeadline {
  /** The task id, or `instance:token` for a waiting activity. */
  taskId: string;
  kind: 'task' | 'activity';
  itemId: string;
  itemCode: string;
  itemTitle: string;
  name: string;
  elementId: string;
  /** When the task was created (null for activities: their start is derived from the setting). */
  createdAt: number | null;
  dueDate: string;
  originalDueDate: string | null;
  processKey: string;
  version: number;
  due?: string;
  dueFrom?: string;
}

/** The role mapping page's data. */
export interface RoleMappingData {
  editable: boolean;
  host: string;
  customised: boolean;
  updatedAt: number | null;
  updatedByName: string | null;
  roles: { id: string; name: string }[];
  units: { id: string; name: string; kind: string; domain?: string; sort: number }[];
  people: { id: string; name: string; unitId: string; unitName: string; title: string }[];
  grants: { personId: string; roleId: string; scope: string }[];
  liaisons: { personId: string; unitId: string }[];
  /** The policy's view of the mapping (processes/policy.json). */
  policy: {
    /** Roles that need at least one person. */
    required: string[];
    /** Roles held per domain (分管领域). */
    scoped: string[];
    /** The role whose holders liaise with units. */
    liaison: string;
    /** Who may do what. */
    capabilities: { id: string; name: string; roles: string[]; procedures: Record<string, string[]> }[];
    /** Roles the runtime needs by function (the fallback handler, a unit's handlers, liaisons). */
    assignments: { id: string; name: string; role: string }[];
    /** Every role's name, by id. */
    roleNames: Record<string, string>;
  };
}

/** The latest version of every deployed process. */
export async function listDefinitions(): Promise<DefinitionSummary[]> {
  return (await request<{ rows: DefinitionSummary[] }>('/api/definitions')).rows;
}

/** One version (default the latest) of a process with its XML. */
export function getDefinition(key: string, version?: number): Promise<{ key: string; version: number; name: string; xml: string }> {
  return request(`/api/definitions/${encodeURIComponent(key)}`, { query: { version } });
}

/** Every version of a process with the items on each. */
export async function listVersions(key: string): Promise<DefinitionVersion[]> {
  return (await request<{ rows: DefinitionVersion[] }>(`/api/admin/definitions/${encodeURIComponent(key)}/versions`)).rows;
}

/** Items per version of every process. */
export async function definitionUsage(): Promise<{ key: string; version: number; running: number; completed: number; terminated: number }[]> {
  return (await request<{ rows: any[] }>('/api/admin/definitions/usage')).rows;
}

/** Deploys a BPMN file (linted first on the server; refused with the problems when broken). */
export function deployDefinition(xml: string): Promise<DeployResult> {
  return request('/api/definitions', { method: 'POST', body: { xml } });
}

/** Every deployed form (latest versions). */
export async function listForms(): Promise<FormSummary[]> {
  return (await request<{ rows: FormSummary[] }>('/api/forms')).rows;
}

const formCache = new Map<string, Promise<any>>();

/** The latest version of a form (cached for the page's life; `fresh` reloads it). */
export function getForm(key: string, fresh = false): Promise<any> {
  if (fresh || !formCache.has(key)) {
    const p = request(`/api/forms/${encodeURIComponent(key)}`);
    p.catch(() => formCache.delete(key));
    formCache.set(key, p);
  }
  return formCache.get(key)!;
}

/** Every version of a form. */
export async function listFormVersions(key: string): Promise<(FormSummary & { deployedByName: string })[]> {
  return (await request<{ rows: any[] }>(`/api/admin/forms/${encodeURIComponent(key)}/versions`)).rows;
}

/** One version of a form. */
export function getFormVersion(key: string, version: number): Promise<any> {
  return request(`/api/admin/forms/${encodeURIComponent(key)}/versions/${version}`);
}

export type { FieldUsage, FormStep, FormUsages } from '@/shared/api';

/** Where each field of a deployed form is used, and the steps that use it. */
export function formUsages(key: string): Promise<FormUsages> {
  return request(`/api/admin/forms/${encodeURIComponent(key)}/usages`);
}

/** Deploys a form definition as a new version. */
export async function deployForm(definition: Record<string, unknown>): Promise<{ key: string; version: number; unchanged: boolean }> {
  const r = await request<{ key: string; version: number; unchanged: boolean }>('/api/forms', { method: 'POST', body: definition });
  formCache.delete(r.key);
  return r;
}

/** The administrator's calendar entries (imported schedules and overrides). */
export async function calendarEntries(): Promise<CalendarEntry[]> {
  return (await request<{ rows: CalendarEntry[] }>('/api/calendar/overrides')).rows;
}

/** Days of one year on the server's calendar, and the years with a published schedule. */
export function calendarYear(year: number): Promise<{ days: { date: string; workday: boolean; name?: string; provisional: boolean }[]; publishedYears: number[] }> {
  return request('/api/calendar/days', { query: { year } });
}

/** Imports one year's schedule (replaces that year). */
export function importSchedule(year: number, text: string): Promise<{ entries: number }> {
  return request('/api/calendar/import', { method: 'POST', body: { year, text } });
}

/** Marks one date as a working day or a day off. */
export function setOverride(date: string, workday: boolean, note?: string): Promise<{ ok: boolean }> {
  return request(`/api/calendar/overrides/${date}`, { method: 'PUT', body: { workday, ...(note ? { note } : {}) } });
}

/** Removes one date's override. */
export function removeOverride(date: string): Promise<{ ok: boolean }> {
  return request(`/api/calendar/overrides/${date}`, { method: 'DELETE' });
}

/** Open tasks with deadlines. */
export async function openDeadlines(): Promise<OpenDeadline[]> {
  return (await request<{ rows: OpenDeadline[] }>('/api/admin/open-deadlines')).rows;
}

/** The role mapping. */
export function getRoleMapping(): Promise<RoleMappingData> {
  return request('/api/admin/roles');
}

/** Saves the role mapping. */
export function saveRoleMapping(body: { grants: RoleMappingData['grants']; liaisons: RoleMappingData['liaisons'] }): Promise<{ grants: number; liaisons: number }> {
  return request('/api/admin/roles', { method: 'PUT', body });
}

/** Returns to the directory's own roles. */
export function resetRoleMapping(): Promise<{ ok: boolean }> {
  return request('/api/admin/roles', { method: 'DELETE' });
}

/** The database's backups (SQLite), newest first; `supported` is false on PostgreSQL. */
export interface BackupList {
  supported: boolean;
  dir: string;
  keep: number;
  rows: { name: string; bytes: number; createdAt: number }[];
}

/** Lists the backups. */
export function listBackups(): Promise<BackupList> {
  return request('/api/admin/backups');
}

/** Makes a backup now. */
export function makeBackup(): Promise<BackupList['rows'][number]> {
  return request('/api/admin/backups', { method: 'POST' });
}

/** The download link of a backup. */
export function backupDownloadUrl(name: string): string {
  return downloadUrl(`/api/admin/backups/${encodeURIComponent(name)}`);
}

/** A page of the system log (操作日志), newest first, with the names of its actions. */
export interface SystemLogPage {
  total: number;
  page: number;
  pageSize: number;
  rows: { id: number; at: number; actorId: string; actorName: string; action: string; actionName: string; target: string; detail: Record<string, unknown> }[];
  actions: Record<string, string>;
}

/** Reads the system log. */
export function listSystemLog(query: { page: number; pageSize: number; action?: string }): Promise<SystemLogPage> {
  return request('/api/admin/system-log', { query });
}

/** Saves text as a file download in the browser. */
export function downloadText(name: string, text: string, type = 'application/xml'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
