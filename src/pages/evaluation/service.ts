/** Data of 绩效评估 (P4): schemes, the year's standings, a unit's breakdown, qualitative scores, appeals. */
import dayjs from 'dayjs';
import type { EventKind, Scheme, UnitStanding, YearStatus } from '@/shared/evaluation';
import { request } from '@/services/request';

/** One unit's line as the server shows it (rank hidden from a unit before publication). */
export type StandingRow = Omit<UnitStanding, 'rank' | 'commended'> & { rank: number | null; commended: boolean | null; unitName: string };

/** An indicator as listed with the standings. */
export interface IndicatorInfo {
  id: string;
  name: string;
  type: 'quantitative' | 'qualitative';
  weight: number;
  evaluators?: { id: string; name: string }[];
  min?: number;
  max?: number;
}

/** A year's standings. */
export interface YearView {
  year: number;
  status: YearStatus;
  statusName: string;
  publishedAt: number | null;
  revision: number;
  itemId: string | null;
  schemeVersion: number | null;
  scheme: { title: string; appealDays: number; commendation: Scheme['commendation'] } | null;
  categories: { id: string; name: string; units: number }[];
  indicators: IndicatorInfo[];
  units: StandingRow[];
  commended: { unitId: string; unitName: string }[];
  pendingAppeals?: number;
  myScores: { indicatorId: string; unitId: string; score: number }[];
  evaluatorUnits: { unitId: string; unitName: string; categoryId: string }[];
  eventKinds: Record<EventKind, { name: string; clause: string }>;
}

/** One event of a unit's breakdown. */
export interface BreakdownEvent {
  id: string;
  kind: EventKind;
  kindName: string;
  clause: string;
  itemId: string;
  itemCode: string;
  itemTitle: string;
  taskId: string | null;
  stepName: string | null;
  elementId: string | null;
  documentId: string | null;
  date: string;
  note: string;
  voided: boolean;
  voidReason: string | null;
  indicators: string[];
  appealUntil: string;
  appealable: boolean;
  appeal: { id: string; status: string; statusName: string; reason: string; decisionReason: string | null } | null;
}

/** A unit's breakdown. */
export interface Breakdown {
  year: number;
  status: YearStatus;
  unitId: string;
  unitName: string;
  total: number | null;
  rank: number | null;
  commended: boolean | null;
  monthly: number[];
  indicators: { id: string; name: string; type: string; weight: number; score: number | null; lost: number | null; events: number }[];
  events: BreakdownEvent[];
}

/** A year's scheme with its versions. */
export interface SchemeAnswer {
  year: number;
  version: number | null;
  draft: boolean;
  scheme: Scheme;
  versions: { version: number; createdBy: string; createdAt: number }[];
  boundVersion: number | null;
  status: YearStatus;
}

/** An appeal as listed. */
export interface AppealRow {
  id: string;
  eventId: string;
  unitId: string;
  unitName: string;
  kind: string;
  kindName: string;
  itemId: string | null;
  date: string;
  reason: string;
  attachments: string[];
  status: 'pending' | 'kept' | 'voided';
  statusName: string;
  filedBy: string;
  filedAt: number;
  decidedBy: string | null;
  decisionReason: string | null;
}

const base = (year: number) => `/api/evaluation/years/${year}`;

export const fetchYear = (year: number) => request<YearView>(base(year));
export const fetchBreakdown = (year: number, unitId: string) => request<Breakdown>(`${base(year)}/units/${encodeURIComponent(unitId)}`);
export const fetchScheme = (year: number, version?: number) => request<SchemeAnswer>(`${base(year)}/scheme`, { query: { version } });
export const saveScheme = (year: number, scheme: Scheme) => request<{ version: number }>(`${base(year)}/scheme`, { method: 'PUT', body: scheme });
export const saveQualitative = (year: number, entries: { indicatorId: string; unitId: string; score: number }[]) =>
  request<{ saved: number }>(`${base(year)}/qualitative`, { method: 'PUT', body: { entries } });
export const fetchAppeals = (year: number) => request<{ rows: AppealRow[] }>(`${base(year)}/appeals`);
export const fileAppeal = (eventId: string, reason: string, attachments: string[]) =>
  request<{ id: string }>(`/api/evaluation/events/${encodeURIComponent(eventId)}/appeal`, { method: 'POST', body: { reason, attachments } });
export const decideAppeal = (id: string, decision: 'kept' | 'voided', reason: string) =>
  request<{ id: string }>(`/api/evaluation/appeals/${encodeURIComponent(id)}/decision`, { method: 'POST', body: { decision, reason } });

/** Downloads the year's standings as .xlsx. */
export async function exportYear(year: number): Promise<void> {
  const res = await request<Response>(`${base(year)}/export`, { raw: true });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${year}年度绩效评估-${dayjs().format('YYYYMMDD-HHmm')}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
