/** An item's record (X10): every action in order with who, when, what opinion. */
import { Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import React from 'react';
import { AUDIT_ACTION_LABELS } from '@/locales';

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
const QUIET = new Set(['instance.started', 'variables.set', 'boundary', 'seal.skipped']);

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

function color(e: TimelineEntry): string {
  if (e.action === 'task.overdue' || e.action === 'activity.overdue' || e.action === 'service.failed') return 'red';
  if (e.action === 'task.sentBack' || e.action === 'task.urged' || e.action.startsWith('extension')) return 'orange';
  if (e.action === 'instance.completed' || e.action === 'item.archived') return 'green';
  return 'blue';
}

/** The timeline, oldest first; `compact` leaves out system bookkeeping. */
export default function ItemTimeline({ entries, compact }: { entries: TimelineEntry[]; compact?: boolean }) {
  const shown = entries.filter((e) => !QUIET.has(e.action) && (!compact || e.actorName || e.opinion));
  if (shown.length === 0) return <Typography.Text type="secondary">暂无办理记录</Typography.Text>;
  return (
    <Timeline
      className="duban-timeline"
      items={shown.map((e) => {
        const outcome = str(e.data?.outcome);
        return {
          key: e.seq,
          color: color(e),
          children: (
            <div data-testid="timeline-entry">
              <div className="duban-timeline-head">
                <Typography.Text strong>{AUDIT_ACTION_LABELS[e.action] ?? e.action}</Typography.Text>
                <span className="duban-timeline-what">{describeEntry(e)}</span>
                {outcome && <Tag color={/不|重办|补办/.test(outcome) ? 'red' : 'green'}>{outcome}</Tag>}
              </div>
              <div className="duban-muted duban-timeline-meta">
                {e.actorName ?? '系统'} · {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
              </div>
              {e.opinion && <div className="duban-timeline-opinion">“{e.opinion}”</div>}
            </div>
          ),
        };
      })}
    />
  );
}
