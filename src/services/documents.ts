/**
 * Official documents beyond the item page: the state of a document's PDF in words, the
 * templates the office edits (公文模板, administrators), and the seal register (用印登记簿).
 */
import dayjs from 'dayjs';
import { downloadUrl, request, type Query } from './request';

/** Where a document's PDF stands; `unavailable`: the server has no PDF renderer installed. */
export type PdfStatus = 'pending' | 'ready' | 'failed' | 'unavailable';

/** What a person reads about a PDF that cannot be opened yet (null when it can, or when there is none to speak of). */
export function pdfStateText(status: PdfStatus | null | undefined, error?: string | null): string | null {
  switch (status) {
    case 'pending':
      return 'PDF 生成中';
    case 'unavailable':
      return '未安装 PDF 组件：请安装 libreoffice-writer-nogui';
    case 'failed':
      return error ? `PDF 生成失败：${error}` : 'PDF 生成失败';
    default:
      return null;
  }
}

/** The link that opens a document's PDF in the browser (the token rides along, as for downloads). */
export function documentPdfLink(documentId: string, pdfUrl?: string): string {
  return downloadUrl(pdfUrl ?? `/api/documents/${encodeURIComponent(documentId)}/pdf`);
}

/** A field a template may name as {字段}. */
export interface TemplateField {
  name: string;
  description: string;
}

/** One uploaded version of a template; version 0 is the one that comes with the system. */
export interface TemplateVersion {
  version: number;
  fileName: string;
  size: number;
  note: string | null;
  uploadedBy: string | null;
  uploadedByName: string | null;
  uploadedAt: number | null;
}

/** A document template as the administration lists it; `version` is the active one. */
export interface DocumentTemplate {
  key: string;
  name: string;
  docType: string;
  version: number;
  hasSealPlaceholder: boolean;
  fields: TemplateField[];
  versions: TemplateVersion[];
}

/** Every template with its versions and fields. */
export async function fetchTemplates(): Promise<DocumentTemplate[]> {
  return (await request<{ templates: DocumentTemplate[] }>('/api/admin/templates')).templates;
}

/** The link that downloads a template's .docx (the active version when none is given). */
export function templateDownloadLink(key: string, version?: number): string {
  return downloadUrl(`/api/admin/templates/${encodeURIComponent(key)}/download`, { version });
}

/** Uploads a new version of a template; the server refuses unknown fields and broken files with a Chinese message. */
export function uploadTemplate(key: string, file: File, note?: string): Promise<{ key: string; version: number }> {
  const body = new FormData();
  if (note?.trim()) body.append('note', note.trim());
  // The file goes last: a multipart reader may stop at the file, and the note must be read before it.
  body.append('file', file, file.name);
  return request(`/api/admin/templates/${encodeURIComponent(key)}`, { method: 'POST', body });
}

/** The state of a seal use. */
export type SealStatus = 'requested' | 'approved' | 'refused' | 'applied' | 'cancelled';

/** The states of a seal use, in words, as the filter offers them. */
export const SEAL_STATUS_LABELS: Record<SealStatus, string> = {
  requested: '待审批',
  approved: '已批准',
  refused: '已退回',
  applied: '已用印',
  cancelled: '已撤销',
};

/** One row of the seal register: one request to seal one document. */
export interface SealRegisterRow {
  id: string;
  itemId: string;
  itemTitle: string;
  itemCode: string;
  documentId: string;
  number: string;
  docType: string;
  documentTitle: string;
  seal: string;
  sealName: string;
  status: SealStatus;
  statusName: string;
  requestedBy: string | null;
  requestedByName: string | null;
  requestedAt: number | null;
  approvedBy: string | null;
  approvedByName: string | null;
  approvedAt: number | null;
  opinion: string | null;
  appliedBy: string | null;
  appliedByName: string | null;
  appliedAt: number | null;
  /** specimen: the generated 电子样章; host: the host's seal service; host-pending: asked of the host, not answered yet. */
  source: 'specimen' | 'host-pending' | 'host' | 'host-specimen' | null;
  /** The source in the server's words, when it gives them. */
  sourceName?: string | null;
  reference: string | null;
}

/** The register's filters and page. */
export interface SealRegisterQuery {
  seal?: string;
  status?: SealStatus;
  from?: string;
  to?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

/** One page of the register, with the seals it knows (key → name). */
export interface SealRegisterPage {
  rows: SealRegisterRow[];
  total: number;
  seals: Record<string, string>;
}

/** One page of the seal register. */
export function fetchSealRegister(query: SealRegisterQuery): Promise<SealRegisterPage> {
  return request<SealRegisterPage>('/api/seals/register', { query: { ...query } as Query });
}

/** Downloads the register (same filters, every page) as .xlsx. */
export async function exportSealRegister(query: SealRegisterQuery): Promise<void> {
  const { page: _p, pageSize: _ps, ...filter } = query;
  const res = await request<Response>('/api/seals/register/export', { query: { ...filter } as Query, raw: true });
  const blob = await res.blob();
  const named = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '');
  const name = named ? decodeURIComponent(named[1]) : `用印登记簿-${dayjs().format('YYYYMMDD-HHmm')}.xlsx`;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Where a seal came from, in words: 电子样章, or 主机用印 with the host's reference. */
export function sealSourceText(row: Pick<SealRegisterRow, 'source' | 'sourceName' | 'reference'>): string {
  if (row.sourceName && row.source !== 'host') return row.sourceName;
  switch (row.source) {
    case 'specimen':
      return '电子样章';
    case 'host':
      return row.reference ? `${row.sourceName ?? '主机用印'}（${row.reference}）` : row.sourceName ?? '主机用印';
    case 'host-pending':
      return '主机用印（等待主机回执）';
    default:
      return '—';
  }
}
