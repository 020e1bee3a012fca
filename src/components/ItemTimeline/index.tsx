/** An item's record (X10): every action in order with who, when, what opinion. */
import { Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import React from 'react';
import { AUDIT_ACTION_LABELS } from '@/locales';
import { describeEntry, QUIET, type TimelineEntry } from './describe';

export type { TimelineEntry } from './describe';

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
        const outcome = typeof e.data?.outcome === 'string' ? e.data.outcome : '';
        return {
          key: e.seq,
          color: color(e),
          children: (
            <div data-testid="timeline-entry">
              <div className="duban-timeline-head">
                <Typography.Text strong>{AUDIT_ACTION_LABELS[e.action] ?? '系统记录'}</Typography.Text>
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
