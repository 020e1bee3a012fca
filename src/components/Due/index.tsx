/** A deadline as people read it: the date and how far away it is. */
import dayjs from 'dayjs';
import React from 'react';

/** Calendar days from today to a 'YYYY-MM-DD' date. */
export function daysUntil(date: string, today = dayjs()): number {
  return dayjs(date).startOf('day').diff(today.startOf('day'), 'day');
}

/** 'YYYY-MM-DD' plus 还剩 N 天 / 今日到期 / 超期 N 天; an extended deadline shows the original struck through. */
export default function Due({ date, original, compact }: { date?: string | null; original?: string | null; compact?: boolean }) {
  if (!date) return <span className="duban-muted">无时限</span>;
  const n = daysUntil(date);
  const rel = n > 0 ? `还剩 ${n} 天` : n === 0 ? '今日到期' : `超期 ${-n} 天`;
  const cls = n < 0 ? 'duban-due-over' : n <= 2 ? 'duban-due-soon' : 'duban-muted';
  return (
    <span className="duban-due">
      {original && original !== date && !compact && <s className="duban-muted">{original}</s>} <span>{date}</span>{' '}
      <span className={cls}>{rel}</span>
    </span>
  );
}
