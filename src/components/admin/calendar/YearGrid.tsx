/** A year at a glance: twelve month grids, holidays and 调休 make-up days marked, administrator adjustments outlined; a day can be clicked. */
import { Tooltip } from 'antd';
import React from 'react';

/** One day as the grid shows it. */
export interface GridDay {
  date: string;
  workday: boolean;
  name?: string;
  provisional?: boolean;
}

const WEEK = ['一', '二', '三', '四', '五', '六', '日'];

/** The weekday of a date, Monday = 0. */
function mondayIndex(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return (d + 6) % 7;
}

/** The twelve months of a year. */
export default function YearGrid({
  days,
  adjusted,
  onDayClick,
}: {
  days: GridDay[];
  /** Dates with an administrator's single-day adjustment. */
  adjusted: Set<string>;
  onDayClick?: (day: GridDay) => void;
}) {
  const months: GridDay[][] = Array.from({ length: 12 }, () => []);
  for (const d of days) months[Number(d.date.slice(5, 7)) - 1].push(d);
  return (
    <div className="duban-year" data-testid="year-grid">
      {months.map((list, m) => (
        <div className="duban-month" key={m}>
          <div className="duban-month-title">{m + 1} 月</div>
          <div className="duban-month-grid">
            {WEEK.map((w) => (
              <div key={w} className="duban-weekday">
                {w}
              </div>
            ))}
            {list.length > 0 && Array.from({ length: mondayIndex(list[0].date) }, (_, i) => <div key={`b${i}`} />)}
            {list.map((d) => {
              const weekend = mondayIndex(d.date) >= 5;
              const cls = [
                'duban-day',
                d.workday ? (weekend ? 'makeup' : 'work') : d.name ? 'holiday' : 'weekend',
                adjusted.has(d.date) ? 'adjusted' : '',
              ].join(' ');
              const tip = [d.date, d.name ?? (d.workday ? '工作日' : '休息日'), adjusted.has(d.date) ? '（本县调整）' : '', d.provisional ? '（暂定）' : ''].join(' ');
              return (
                <Tooltip key={d.date} title={tip} mouseEnterDelay={0.3}>
                  <button type="button" className={cls} data-date={d.date} onClick={() => onDayClick?.(d)} aria-label={tip}>
                    {Number(d.date.slice(8))}
                    {d.workday && weekend && <span className="duban-day-tag">班</span>}
                    {!d.workday && d.name && <span className="duban-day-tag">休</span>}
                  </button>
                </Tooltip>
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
