/** API calls of the task page: the task with its form and allowed actions, and every action on it. */
import type { LightColor } from '@/components/Light/lights';
import type { PdfStatus } from '@/services/documents';
import { request } from '@/services/request';

/** An action the server offers on a task. */
export type TaskAction = 'complete' | 'sendBack' | 'withdraw' | 'reassign' | 'delegate' | 'addSigner' | 'urge' | 'requestExtension';

/** Who a task goes to. */
export interface Assignment {
  type: 'user' | 'role' | 'unit' | 'liaison';
  value: string;
  scope?: string;
}

/** The task detail: this step's form (permissions applied), its data and what the user may do. */
export interface TaskDetail {
  task: {
    id: string;
    itemId: string;
    name: string;
    kind: string;
    status: 'open' | 'completed' | 'cancelled';
    assignee: string;
    dueDate: string | null;
    originalDueDate: string | null;
    dueAt: number | null;
    light: LightColor;
    suspended: number;
    delegated: boolean;
    owner: string | null;
    urges: number;
    outcome: string | null;
    opinion: string | null;
    actorName: string | null;
    createdAt: number;
    completedAt: number | null;
  };
  item: { id: string; code: string; title: string; procedureKey: string; procedureName: string; status: string; light: LightColor; dueDate: string | null };
  step: {
    elementId: string;
    name: string;
    documentation: string | null;
    outcomes: string[];
    /** The outcomes the diagram declares negative (shown as refusals). */
    negativeOutcomes: string[];
    /** The outcomes that need an opinion (the server refuses them without one). */
    opinionRequired: string[];
  };
  form: { key: string; name: string; document?: string; schema: Record<string, any> } | null;
  data: Record<string, unknown>;
  actions: TaskAction[];
  sendBackTargets: { elementId: string; name: string; actor: string | null }[];
  /** On a 用印审批 step: the seal asked for and the documents to be sealed. */
  sealRequest?: SealRequest;
}

/** What a 用印审批 step asks its keeper to seal. */
export interface SealRequest {
  seal: string;
  sealName: string;
  documents: { id: string; number: string; docType: string; title: string; recipientName: string | null; downloadUrl: string; pdfUrl: string; pdfStatus: PdfStatus | null }[];
}

const path = (id: string, action = '') => `/api/tasks/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/** One task with its form and allowed actions. */
export function fetchTaskDetail(id: string): Promise<TaskDetail> {
  return request<TaskDetail>(path(id));
}

/** 退回 to an earlier step. */
export function sendBack(id: string, target: string, opinion: string) {
  return request(path(id, 'send-back'), { method: 'POST', body: { target, opinion } });
}

/** 撤回 a step I completed. */
export function withdraw(id: string, opinion?: string) {
  return request(path(id, 'withdraw'), { method: 'POST', body: opinion ? { opinion } : {} });
}

/** 转办 to someone else. */
export function reassign(id: string, to: Assignment, opinion?: string) {
  return request(path(id, 'reassign'), { method: 'POST', body: { to, ...(opinion ? { opinion } : {}) } });
}

/** 委派: someone else does it, then it comes back. */
export function delegate(id: string, to: Assignment, opinion?: string) {
  return request(path(id, 'delegate'), { method: 'POST', body: { to, ...(opinion ? { opinion } : {}) } });
}

/** 加签 before or after me. */
export function addSigner(id: string, signer: Assignment, position: 'before' | 'after', opinion?: string) {
  return request(path(id, 'add-signer'), { method: 'POST', body: { signer, position, ...(opinion ? { opinion } : {}) } });
}

/** 催办 the handler, logged with its method. */
export function urge(id: string, method: string, note?: string) {
  return request(path(id, 'urge'), { method: 'POST', body: { method, ...(note ? { note } : {}) } });
}

/** 申请延期: a later deadline with the reason. */
export function requestExtension(id: string, newDue: string, reason: string) {
  return request<{ id: string; status: string }>(path(id, 'extension'), { method: 'POST', body: { newDue, reason } });
}
