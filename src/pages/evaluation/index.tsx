/**
 * 绩效评估 (P4): the year's standings live during the year and as published — ranking per
 * category, each unit's trend by month, what cost points by indicator — each unit's breakdown
 * down to its events, qualitative scoring by the named evaluators, appeals, the scheme editor
 * of 县绩效办, and the Excel export. A unit sees its own breakdown and, once published, the ranking.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { useRequest } from 'ahooks';
import { Alert, Button, Card, Col, Row, Select, Skeleton, Space, Statistic, Table, Tabs, Tag } from 'antd';
import dayjs from 'dayjs';
import React, { Suspense, lazy, useMemo, useState } from 'react';
import PageTitle from '@/components/PageTitle';
import { useSession } from '@/layouts/session';
import { reportError } from '@/services/errors';
import { request } from '@/services/request';
import Appeals from './components/Appeals';
import Breakdown from './components/Breakdown';
import Qualitative from './components/Qualitative';
import SchemeEditor from './components/SchemeEditor';
import { exportYear, fetchYear, type StandingRow, type YearView } from './service';

// ECharts is large: it loads with this page only, after the page itself shows.
const Charts = {
  Ranking: lazy(() => import('./components/EvaluationCharts').then((m) => ({ default: m.RankingChart }))),
  Trend: lazy(() => import('./components/EvaluationCharts').then((m) => ({ default: m.TrendChart }))),
  Lost: lazy(() => import('./components/EvaluationCharts').then((m) => ({ default: m.LostPointsChart }))),
};
const chart = (node: React.ReactNode) => <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 300 }} />}>{node}</Suspense>;

const STATUS_COLOR: Record<string, string> = { open: 'blue', review: 'orange', published: 'green' };

function RankingTable({ view, rows }: { view: YearView; rows: StandingRow[] }) {
  const detailed = rows.some((r) => r.indicators.length > 0);
  return (
    <Table<StandingRow>
      rowKey="unitId"
      size="small"
      dataSource={[...rows].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0) || b.total - a.total)}
      pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
      scroll={{ x: 720 }}
      columns={[
        { title: '排位', dataIndex: 'rank', width: 64, render: (v: number | null) => v ?? '—' },
        { title: '单位', dataIndex: 'unitName', width: 180 },
        ...(detailed
          ? view.indicators.map((ind) => ({
              title: `${ind.name}（${ind.weight}）`,
              width: 110,
              render: (_: unknown, r: StandingRow) => r.indicators.find((i) => i.indicatorId === ind.id)?.score ?? '—',
            }))
          : []),
        { title: '总分', dataIndex: 'total', width: 80, render: (v: number) => <strong>{v}</strong> },
        { title: '表彰建议', dataIndex: 'commended', width: 90, render: (v: boolean | null) => (v ? <Tag color="red">建议表彰</Tag> : '') },
      ]}
    />
  );
}

function Overview({ view }: { view: YearView }) {
  const top = useMemo(() => [...view.units].sort((a, b) => b.total - a.total).slice(0, 5).map((u) => u.unitId), [view]);
  const [trendUnits, setTrendUnits] = useState<string[] | null>(null);
  const chosen = trendUnits ?? top;
  const withDetail = view.units.filter((u) => u.indicators.length > 0);
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {view.categories.map((c) => {
        const rows = view.units.filter((u) => u.categoryId === c.id);
        if (!rows.length) return null;
        return (
          <Card key={c.id} size="small" title={`${c.name}分类排位（${rows.length} 个单位）`}>
            <Row gutter={16}>
              <Col xs={24} xl={10}>
                {chart(<Charts.Ranking rows={rows} />)}
              </Col>
              <Col xs={24} xl={14}>
                <RankingTable view={view} rows={rows} />
              </Col>
            </Row>
          </Card>
        );
      })}
      {withDetail.length > 0 && (
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            <Card
              size="small"
              title="各单位逐月走势（定量得分）"
              extra={
                <Select
                  mode="multiple"
                  maxTagCount={2}
                  style={{ minWidth: 240 }}
                  aria-label="走势单位"
                  value={chosen}
                  onChange={setTrendUnits}
                  options={withDetail.map((u) => ({ value: u.unitId, label: u.unitName }))}
                />
              }
            >
              {chart(<Charts.Trend rows={withDetail.filter((u) => chosen.includes(u.unitId))} />)}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title="失分构成（按指标）">
              {chart(<Charts.Lost rows={withDetail} indicators={view.indicators} />)}
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small" title="表彰建议名单">
        {view.commended.length ? view.commended.map((c) => <Tag key={c.unitId} color="red">{c.unitName}</Tag>) : <span className="duban-muted">暂无</span>}
      </Card>
    </Space>
  );
}

/** The 绩效评估 page. */
export default function EvaluationPage() {
  const { user, access } = useSession();
  const [year, setYear] = useState(dayjs().year());
  const years = useRequest(() => request<{ years: { year: number; statusName: string }[] }>('/api/evaluation/years'), { onError: reportError });
  const { data: view, loading, refresh } = useRequest(() => fetchYear(year), { refreshDeps: [year], onError: reportError });
  const [unit, setUnit] = useState<string | undefined>();
  const [tab, setTab] = useState<string | undefined>();
  const all = access.seesAllEvaluation;
  const yearOptions = [...new Set([dayjs().year() + 1, dayjs().year(), dayjs().year() - 1, ...(years.data?.years.map((y) => y.year) ?? [])])].sort((a, b) => b - a);
  const evaluator = !!view?.indicators.some((i) => i.type === 'qualitative' && i.evaluators?.some((e) => e.id === user?.id));
  const ownUnit = user?.unitId ?? '';
  const breakdownUnit = all ? unit ?? view?.units[0]?.unitId : ownUnit;
  const mine = view?.units.find((u) => u.unitId === ownUnit);

  const items = view
    ? [
        ...(all ? [{ key: 'overview', label: '总览', children: view.scheme ? <Overview view={view} /> : <Alert type="info" showIcon message={`${year}年度尚未制订评估方案`} /> }] : []),
        ...(!all && view.status === 'published' && view.units.length > 1 ? [{ key: 'ranking', label: '排位', children: <Overview view={view} /> }] : []),
        {
          key: 'breakdown',
          label: all ? '单位明细' : '本单位得分',
          children: (
            <Space direction="vertical" style={{ width: '100%' }}>
              {all && (
                <Select
                  showSearch
                  optionFilterProp="label"
                  style={{ width: 280 }}
                  aria-label="选择单位"
                  value={breakdownUnit}
                  onChange={setUnit}
                  options={view.units.map((u) => ({ value: u.unitId, label: u.unitName }))}
                />
              )}
              {!all && mine && mine.monthly.length > 0 && <Card size="small" title="本单位逐月走势（定量得分）">{chart(<Charts.Trend rows={[mine]} height={240} />)}</Card>}
              {breakdownUnit && view.scheme ? <Breakdown key={`${breakdownUnit}-${view.revision}`} year={year} unitId={breakdownUnit} /> : <Alert type="info" showIcon message="暂无本单位的考核数据" />}
            </Space>
          ),
        },
        ...(evaluator ? [{ key: 'qualitative', label: '定性评价', children: <Qualitative year={year} view={view} userId={user!.id} onSaved={refresh} /> }] : []),
        { key: 'appeals', label: all ? `申诉${view.pendingAppeals ? `（${view.pendingAppeals}）` : ''}` : '本单位申诉', children: <Appeals year={year} canDecide={access.canManageEvaluation} onDecided={refresh} /> },
        ...(all ? [{ key: 'scheme', label: '评估方案', children: <SchemeEditor year={year} editable={access.canManageEvaluation && view.status !== 'published'} onSaved={refresh} /> }] : []),
      ]
    : [];

  return (
    <div>
      <PageTitle
        title="绩效评估"
        extra={
          <Space wrap>
            <Select aria-label="年度" style={{ width: 120 }} value={year} onChange={(y) => { setYear(y); setUnit(undefined); }} options={yearOptions.map((y) => ({ value: y, label: `${y}年度` }))} />
            {all && view?.scheme && (
              <Button icon={<DownloadOutlined />} onClick={() => exportYear(year).catch(reportError)}>
                导出 Excel
              </Button>
            )}
          </Space>
        }
      >
        {view && (
          <Space size="small" wrap>
            <Tag color={STATUS_COLOR[view.status]}>{view.statusName}</Tag>
            {view.scheme && <span className="duban-muted">{view.scheme.title}（第{view.schemeVersion}版）</span>}
            {view.publishedAt && <span className="duban-muted">公布于 {dayjs(view.publishedAt).format('YYYY-MM-DD')}</span>}
          </Space>
        )}
      </PageTitle>
      {loading && !view && <Skeleton active />}
      {view && all && view.scheme && (
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}>
            <Card size="small"><Statistic title="参评单位" value={view.units.length} /></Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small"><Statistic title="评估指标" value={view.indicators.length} suffix="项" /></Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small"><Statistic title="表彰建议" value={view.commended.length} suffix="个单位" /></Card>
          </Col>
          <Col xs={12} md={6}>
            <Card size="small"><Statistic title="待裁定申诉" value={view.pendingAppeals ?? 0} suffix="件" /></Card>
          </Col>
        </Row>
      )}
      {view && view.status !== 'published' && view.scheme && (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          message={view.status === 'open' ? '日常考核进行中：得分按已发生的考核事件实时计算，年终复核、审定并公布后为最终结果。' : '年终复核中：得分按本年度方案和全部考核事件计算，经县政府审定并公布后为最终结果。'}
        />
      )}
      {view && <Tabs activeKey={tab && items.some((i) => i.key === tab) ? tab : items[0]?.key} onChange={setTab} items={items} />}
    </div>
  );
}
