/**
 * 工作日历 (administrators): the official working-day calendar of a year (holidays and
 * 调休 make-up days) and the administrator's adjustments; editing comes later.
 */
import { useRequest } from 'ahooks';
import { Alert, Badge, Calendar, Card, Col, Row, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import React, { useMemo, useState } from 'react';
import PageTitle from '@/components/PageTitle';
import type { CalendarDay } from '@/services/calendar';
import { reportError } from '@/services/errors';
import { request } from '@/services/request';
import './index.less';

/** The calendar page. */
export default function CalendarPage() {
  const [year, setYear] = useState(dayjs().year());
  const days = useRequest(() => request<{ days: CalendarDay[]; publishedYears: number[] }>('/api/calendar/days', { query: { year } }), {
    refreshDeps: [year],
    onError: reportError,
  });
  const overrides = useRequest(() => request<{ rows: { date: string; workday: number; note: string | null; source?: string }[] }>('/api/calendar/overrides'), {
    onError: reportError,
  });
  const byDate = useMemo(() => new Map((days.data?.days ?? []).map((d) => [d.date, d])), [days.data]);
  const special = (days.data?.days ?? []).filter((d) => d.name || (d.workday && [0, 6].includes(dayjs(d.date).day())));
  const published = days.data?.publishedYears.includes(year);

  return (
    <div>
      <PageTitle
        title="工作日历"
        extra={
          <Select
            value={year}
            onChange={setYear}
            options={[-1, 0, 1].map((d) => ({ value: dayjs().year() + d, label: `${dayjs().year() + d} 年` }))}
            style={{ width: 110 }}
          />
        }
      />
      {!days.loading && !published && (
        <Alert type="warning" showIcon className="admin-note" message={`${year} 年放假安排尚未导入，目前仅按周末计算工作日。国务院办公厅公布次年安排后，请及时导入。`} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card size="small">
            <Calendar
              fullscreen={false}
              key={year}
              defaultValue={dayjs(`${year}-${String(dayjs().month() + 1).padStart(2, "0")}-01`)}
              validRange={[dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)]}
              fullCellRender={(d) => {
                const info = byDate.get(d.format('YYYY-MM-DD'));
                const off = info && !info.workday;
                const madeUp = info?.workday && [0, 6].includes(d.day());
                return (
                  <div className={`cal-cell ${off ? 'cal-off' : ''} ${madeUp ? 'cal-makeup' : ''}`} title={info?.name}>
                    {d.date()}
                    {info?.name && <div className="cal-name">{madeUp ? '班' : '休'}</div>}
                  </div>
                );
              }}
            />
            <Space size={16} className="cal-legend">
              <Badge color="#fdecec" text="休息日" />
              <Badge color="#fff4d6" text="调休上班" />
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={`${year} 年节假日与调休`}>
            <Table<CalendarDay>
              rowKey="date"
              size="small"
              loading={days.loading}
              dataSource={special}
              pagination={{ pageSize: 12, size: 'small', hideOnSinglePage: true }}
              columns={[
                { title: '日期', dataIndex: 'date', width: 110 },
                { title: '', render: (_, d) => (d.workday ? <Tag color="orange">上班</Tag> : <Tag color="red">休息</Tag>), width: 70 },
                { title: '说明', dataIndex: 'name' },
              ]}
            />
          </Card>
          <Card size="small" title="管理员调整" className="cal-overrides">
            <Table
              rowKey="date"
              size="small"
              loading={overrides.loading}
              dataSource={(overrides.data?.rows ?? []).filter((r) => r.source !== 'schedule')}
              pagination={false}
              locale={{ emptyText: '暂无单日调整' }}
              columns={[
                { title: '日期', dataIndex: 'date', width: 110 },
                { title: '', dataIndex: 'workday', width: 70, render: (w: number) => (w ? <Tag color="orange">上班</Tag> : <Tag color="red">休息</Tag>) },
                { title: '说明', dataIndex: 'note' },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
