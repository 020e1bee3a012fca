/** API calls of the item page: one item's full record, and urging one of its open steps. */
import type { ItemExtension } from '@/shared/api';
import type { DiagramMarks } from '@/components/BpmnViewer/markers';
import type { TimelineEntry } from '@/components/ItemTimeline/describe';
import type { LightColor } from '@/components/Light/lights';
import { request } from '@/services/request';
import type { PdfStatus } from '@/services/documents';
import type { ItemSummary } from '@/services/types';

/** A step (task) of an item. */
export interface ItemTask {
  id: string;
  elementId: string;
  name: string;
  kind: string;
  status: 'open' | 'completed' | 'cancelled';
  assignee: string;
  actorId: string | null;
  actorName: string | null;
  outcome: string | null;
  /** The outcome is one the diagram declares negative. */
  negative: boolean;
  opinion: string | null;
  dueDate: string | null;
  originalDueDate: string | null;
  urges: number;
  light: LightColor;
  createdAt: number;
  completedAt: number | null;
}

/** An official document of an item (督查函, 督办令…). */
export interface ItemDocument {
  id: string;
  itemId: string;
  docType: string;
  number: string;
  title: string;
  seal: string | null;
  sealedAt: number | null;
  sealedByName: string | null;
  hasContent: boolean;
  size: number | null;
  url: string;
  createdAt: number;
  /** Where the PDF stands (null: the document has no text yet). */
  pdfStatus?: PdfStatus | null;
  /** Why the PDF could not be made (Chinese), when it failed. */
  pdfError?: string | null;
  pdfUrl?: string;
  /** The unit it is addressed to (a 督查函 goes to one unit). */
  recipient?: string | null;
  recipientName?: string | null;
  /** The template (key) and its version the text was made from; version 0 is the bundled one. */
  template?: string | null;
  templateVersion?: number | null;
  sealName?: string | null;
}


/** The item page's data. */
export interface ItemDetail {
  item: ItemSummary;
  itemUnits: { id: string; name: string; isLead: boolean }[];
  instance: { id: string; status: string; definitionKey: string; definitionVersion: number } | null;
  tasks: ItemTask[];
  deadlines: { taskId: string; name: string; status: string; original: string | null; current: string | null; extended: boolean }[];
  extensions: ItemExtension[];
  timeline: TimelineEntry[];
  audit: { ok: boolean; entries: number; brokenAt?: number; reason?: string; head: string };
  documents: ItemDocument[];
  attachments: { id: string; name: string; size: number; mime: string; uploadedBy: string; uploadedAt: number; url: string }[];
  children: ItemSummary[];
  diagram: ({ key: string; version: number; name: string; xml: string } & DiagramMarks) | null;
  materials: string[];
}

/** One item's full record. */
export function fetchItem(id: string): Promise<ItemDetail> {
  return request<ItemDetail>(`/api/items/${encodeURIComponent(id)}`);
}

/** 催办 an open step. */
export function urgeTask(taskId: string, method: string, note?: string): Promise<unknown> {
  return request(`/api/tasks/${encodeURIComponent(taskId)}/urge`, { method: 'POST', body: { method, ...(note ? { note } : {}) } });
}
