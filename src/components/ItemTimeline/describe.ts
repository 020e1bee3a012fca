/** An item's audit entries in words. */

/** One audit entry as the item detail sends it. */
export interface TimelineEntry {
  seq: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  opinion: string | null;
  data: Record<string, any>;
}

/** Actions that are bookkeeping rather than something a person did or must know. */
export const QUIET = new Set(['instance.started', 'variables.set', 'boundary', 'seal.skipped']);

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

/** What an entry says in words, beyond its action name. */
export function describeEntry(e: TimelineEntry): string {
  const d = e.data ?? {};
  switch (e.action) {
    case 'item.created':
      return [str(d.code), str(d.title)].filter(Boolean).join(' ');
    case 'task.completed':
      return str(d.step);
    case 'task.sentBack':
      return `退回至“${str(d.targetName) || str(d.target)}”`;
    case 'task.urged':
      return `${str(d.methodName)}（第 ${str(d.count)} 次）`;
    case 'task.extended':
      return `期限由 ${str(d.from) || '—'} 延至 ${str(d.to)}`;
    case 'extension.requested':
      return `申请将期限由 ${str(d.from) || '—'} 延至 ${str(d.to)}`;
    case 'extension.reviewed':
    case 'extension.decided':
      return d.approve ? '同意' : '不同意';
    case 'extension.approved':
      return `期限延至 ${str(d.to)}`;
    case 'extension.skipped':
    case 'message.undeliverable':
      return str(d.reason);
    case 'timer.fired':
      return typeof d.dueAt === 'number' ? `定于 ${new Date(d.dueAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}` : '';
    case 'document.numbered':
    case 'document.generated':
      return `${str(d.docType)} ${str(d.number)}`;
    case 'document.sealed':
      return `${str(d.sealName)} ${str(d.number)}`;
    case 'notify.sent':
      return Array.isArray(d.names) ? `抄送：${d.names.join('、')}` : '';
    case 'item.archived':
      return Array.isArray(d.missing) && d.missing.length ? `缺少材料：${d.missing.join('、')}` : '归档材料齐全';
    case 'child.started':
      return `${str(d.code)} ${str(d.title)}`;
    case 'attachment.uploaded':
      return str(d.name);
    case 'task.overdue':
      return d.dueDate ? `期限 ${str(d.dueDate)}` : '';
    default:
      return '';
  }
}
