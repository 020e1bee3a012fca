/**
 * WorkdayDatePicker: a date field ('YYYY-MM-DD') that tells, under the field, how many
 * working days the date is from today on the official calendar, and warns when the
 * date falls on a weekend or a statutory holiday.
 */
import { DatePicker } from '@formily/antd-v5';
import { connect, mapProps, mapReadPretty } from '@formily/react';
import { useRequest } from 'ahooks';
import { Typography } from 'antd';
import React from 'react';
import { fetchDayInfo } from '@/services/calendar';
import { workdayHint } from './hint';

interface WorkdayDateProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  disabled?: boolean;
  readOnly?: boolean;
  [key: string]: unknown;
}

/** The calendar hint under a date; nothing while loading or when the calendar cannot be reached. */
export function WorkdayHint({ date }: { date?: string }) {
  const { data } = useRequest(() => (date ? fetchDayInfo(date) : Promise.resolve(undefined)), {
    refreshDeps: [date],
    cacheKey: date ? `day-info-${date}` : undefined,
    staleTime: 60_000,
  });
  if (!date || !data) return null;
  const hint = workdayHint(data);
  return (
    <Typography.Text type={hint.warn ? 'warning' : 'secondary'} className="duban-workday-hint" data-testid="workday-hint">
      {hint.text}
    </Typography.Text>
  );
}

function WorkdayDate(props: WorkdayDateProps) {
  const { value } = props;
  return (
    <div>
      <DatePicker {...(props as any)} format="YYYY-MM-DD" placeholder="请选择日期" style={{ width: '100%', maxWidth: 240 }} />
      <div>
        <WorkdayHint date={value} />
      </div>
    </div>
  );
}

function WorkdayDateText({ value }: { value?: string }) {
  if (!value) return <span className="duban-muted">—</span>;
  return (
    <span>
      {value} <WorkdayHint date={value} />
    </span>
  );
}

/** The Formily WorkdayDatePicker component. */
const WorkdayDatePicker = connect(WorkdayDate, mapProps(), mapReadPretty(WorkdayDateText));
export default WorkdayDatePicker;
