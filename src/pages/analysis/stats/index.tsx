/**
 * 统计分析: on-time rate and overdue items by unit and by procedure for a period,
 * as ECharts charts (loaded lazily) and tables.
 */
import { useRequest } from 'ahooks';
import { Alert, Card, Col, DatePicker, Form, Row, Select, Skeleton, Statistic, Table, Tabs } from 'antd';
import dayjs from 'dayjs';
import React, { Suspense, lazy, useState } from 'react';
import PageTitle from '@/components/PageTitle';
import { reportError } from '@/services/errors';
import { fetchProcedureOptions } from '@/services/definitions';
import { fetchStats, onTimeRate, type StatRow, type StatsQuery } from './service';
import './index.less';

// ECharts is large: it loads with this page only, after the page itself shows.
const PunctualityChart = lazy(() => import('./components/PunctualityChart'));

const rate = (r: StatRow) => {
  const v = onTimeRate(r);
  return v === null ? '—' : `${v}%`;
};

function StatTable({ rows, nameTitle }: { rows: StatRow[]; nameTitle: string }) {
  return (
    <Table<StatRow>
      rowKey="key"
      size="small"
      dataSource={rows}
      pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
      scroll={{ x: 640 }}
      columns={[
        { title: nameTitle, dataIndex: 'name' },
        { title: '事项数', dataIndex: 'total', width: 80, sorter: (a, b) => a.total - b.total },
        { title: '按期办结', dataIndex: 'onTime', width: 90 },
        { title: '超期办结', dataIndex: 'late', width: 90 },
        { title: '办理中', dataIndex: 'running', width: 80 },
        {
          title: '超期未办结',
          dataIndex: 'overdue',
          width: 100,
          sorter: (a, b) => a.overdue - b.overdue,
          render: (v: number) => <span className={v ? 'duban-due-over' : ''}>{v}</span>,
        },
        { title: '按期办结率', width: 100, render: (_, r) => rate(r), sorter: (a, b) => (onTimeRate(a) ?? -1) - (onTimeRate(b) ?? -1) },
      ]}
    />
  );
}

/** The statistics page. */
export default function StatsPage() {
  const [query, setQuery] = useState<StatsQuery>({ from: dayjs().startOf('year').format('YYYY-MM-DD'), to: dayjs().format('YYYY-MM-DD') });
  const procedures = useRequest(fetchProcedureOptions, { onError: reportError });
  const { data, loading } = useRequest(() => fetchStats(query), { refreshDeps: [query], onError: reportError });

  const chart = (rows: StatRow[]) => (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 360 }} />}>
      <PunctualityChart rows={rows} />
    </Suspense>
  );

  return (
    <div className="stats-page" data-testid="stats">
      <PageTitle title="统计分析" />
      <Card size="small" className="stats-filters">
        <Form layout="inline" className="stats-form">
          <Form.Item label="登记时间">
            <DatePicker.RangePicker
              value={[query.from ? dayjs(query.from) : null, query.to ? dayjs(query.to) : null]}
              allowEmpty={[true, true]}
              onChange={(r) => setQuery({ ...query, from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
              presets={[
                { label: '本年', value: [dayjs().startOf('year'), dayjs()] },
                { label: '本季度', value: [dayjs().subtract(dayjs().month() % 3, 'month').startOf('month'), dayjs()] },
                { label: '本月', value: [dayjs().startOf('month'), dayjs()] },
                { label: '上一年', value: [dayjs().subtract(1, 'year').startOf('year'), dayjs().subtract(1, 'year').endOf('year')] },
              ]}
            />
          </Form.Item>
          <Form.Item label="流程">
            <Select
              allowClear
              placeholder="全部流程"
              style={{ minWidth: 160 }}
              options={procedures.data}
              value={query.procedure}
              onChange={(procedure) => setQuery({ ...query, procedure })}
            />
          </Form.Item>
        </Form>
      </Card>
      {loading && !data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : data ? (
        <>
          <Alert type="info" showIcon className="stats-note" message="按登记时间统计主事项；一个事项涉及多个承办单位时，分别计入各单位。按期办结率 = 按期办结 ÷ 已办结。" />
          <Row gutter={[12, 12]} className="stats-kpis">
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="事项总数" value={data.totals.total} suffix="项" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="已办结" value={data.totals.onTime + data.totals.late} suffix="项" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="按期办结率" value={onTimeRate(data.totals) ?? '—'} suffix={onTimeRate(data.totals) === null ? '' : '%'} valueStyle={{ color: '#2f9e44' }} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="超期未办结" value={data.totals.overdue} suffix="项" valueStyle={{ color: '#c92a2a' }} />
              </Card>
            </Col>
          </Row>
          <Card size="small" styles={{ body: { paddingTop: 0 } }}>
            <Tabs
              items={[
                {
                  key: 'unit',
                  label: '按承办单位',
                  children: (
                    <>
                      {chart(data.byUnit)}
                      <StatTable rows={data.byUnit} nameTitle="承办单位" />
                    </>
                  ),
                },
                {
                  key: 'procedure',
                  label: '按流程',
                  children: (
                    <>
                      {chart(data.byProcedure)}
                      <StatTable rows={data.byProcedure} nameTitle="流程" />
                    </>
                  ),
                },
              ]}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}
