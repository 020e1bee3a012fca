/**
 * 事项详情 (item page): who has the item now and until when, the diagram with done /
 * current / overdue steps, every action with its opinion, documents and attachments,
 * and the deadline history (original and extended).
 */
import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useRequest } from 'ahooks';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import React, { Suspense, lazy, useEffect } from 'react';
import { Link, useNavigate, useParams } from 'umi';
import Due from '@/components/Due';
import ItemTimeline from '@/components/ItemTimeline';
import Light from '@/components/Light';
import PageTitle from '@/components/PageTitle';
import { useSession } from '@/layouts/session';
import { ITEM_STATUS_LABELS } from '@/locales';
import { errorMessage } from '@/services/errors';
import type { ItemSummary } from '@/services/types';
import DeadlinePanel from './components/DeadlinePanel';
import DocumentsPanel from './components/DocumentsPanel';
import StepsTable from './components/StepsTable';
import { fetchItem } from './service';
import './index.less';

// bpmn-js is large: it loads only when an item page shows a diagram.
const BpmnViewer = lazy(() => import('@/components/BpmnViewer'));

const STATUS_COLORS: Record<string, string> = { running: 'processing', completed: 'success', terminated: 'default' };

/** The item page. */
export default function ItemPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { access } = useSession();
  const { data: detail, loading, error, refresh } = useRequest(() => fetchItem(id), { refreshDeps: [id] });
  // A PDF being made shows up by itself: look again every few seconds while one is pending.
  const pdfPending = !!detail?.documents.some((d) => d.pdfStatus === 'pending');
  useEffect(() => {
    if (!pdfPending) return undefined;
    const t = setTimeout(refresh, 3000);
    return () => clearTimeout(t);
  }, [pdfPending, detail, refresh]);

  if (loading && !detail) return <Skeleton active paragraph={{ rows: 14 }} />;
  if (error || !detail) {
    return (
      <Result
        status="warning"
        title="无法打开该事项"
        subTitle={errorMessage(error)}
        extra={<Button onClick={() => navigate('/ledger')}>返回督查台账</Button>}
      />
    );
  }

  const { item, tasks, children } = detail;
  // A case handed to units keeps them on its child items: show those when the case itself lists none.
  const units = detail.itemUnits.length
    ? detail.itemUnits
    : [...new Map(children.flatMap((c) => c.units).map((u) => [u.id, { ...u, isLead: u.id === item.leadUnitId }])).values()];
  const open = tasks.filter((t) => t.status === 'open');
  const runningChildren = children.filter((c) => c.status === 'running');

  return (
    <div className="item-page" data-testid="item-page">
      <PageTitle
        title={item.title}
        extra={
          <Space wrap>
            <Tag color={STATUS_COLORS[item.status]}>{ITEM_STATUS_LABELS[item.status]}</Tag>
            {item.status === 'running' && <Light light={item.light} withLabel />}
          </Space>
        }
      >
        <div className="duban-muted item-code">
          {item.code} · {item.procedureName}
          {item.parentItemId && (
            <>
              {' · '}
              <Link to={`/items/${encodeURIComponent(item.parentItemId)}`}>查看主事项</Link>
            </>
          )}
        </div>
      </PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title="办理概况" size="small">
              {item.status === 'running' && (
                <div className="item-now" data-testid="item-now">
                  {open.length > 0 ? (
                    open.map((t) => (
                      <div key={t.id} className="item-now-row">
                        <Light light={t.light} />
                        <span>
                          当前环节：<Typography.Text strong>{t.name}</Typography.Text>
                        </span>
                        <span>办理人：{t.assignee}</span>
                        <span>
                          期限：<Due date={t.dueDate} original={t.originalDueDate} />
                        </span>
                      </div>
                    ))
                  ) : runningChildren.length > 0 ? (
                    <div className="item-now-row">
                      <span>
                        当前环节：<Typography.Text strong>承办单位办理</Typography.Text>（{runningChildren.length} 个单位办理中）
                      </span>
                      <span>
                        期限：<Due date={item.dueDate} />
                      </span>
                    </div>
                  ) : (
                    <span className="duban-muted">系统处理中</span>
                  )}
                </div>
              )}
              <Descriptions size="small" column={{ xs: 1, sm: 2, xxl: 3 }} className="item-desc">
                <Descriptions.Item label="登记编号">{item.code}</Descriptions.Item>
                <Descriptions.Item label="流程">{item.procedureName}</Descriptions.Item>
                <Descriptions.Item label="启动来源">{item.source ?? '—'}</Descriptions.Item>
                <Descriptions.Item label="承办单位" span={2}>
                  {units.length === 0
                    ? '—'
                    : units.map((u) => (
                        <Tag key={u.id} color={u.isLead ? 'blue' : undefined} bordered={false}>
                          {u.name}
                          {u.isLead && units.length > 1 ? '（牵头）' : ''}
                        </Tag>
                      ))}
                </Descriptions.Item>
                <Descriptions.Item label="办理期限">
                  <Due date={item.dueDate} />
                </Descriptions.Item>
                <Descriptions.Item label="登记人">{item.createdByName ?? item.createdBy}</Descriptions.Item>
                <Descriptions.Item label="登记时间">{dayjs(item.createdAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
                <Descriptions.Item label="办结时间">{item.completedAt ? dayjs(item.completedAt).format('YYYY-MM-DD HH:mm') : '—'}</Descriptions.Item>
              </Descriptions>
            </Card>
            {detail.diagram && (
              <Card title={`流程图：${detail.diagram.name}（第 ${detail.diagram.version} 版）`} size="small">
                <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 420 }} />}>
                  <BpmnViewer xml={detail.diagram.xml} marks={detail.diagram} />
                </Suspense>
              </Card>
            )}
            <Card size="small" styles={{ body: { paddingTop: 0 } }}>
              <Tabs
                items={[
                  { key: 'steps', label: `办理环节（${tasks.length}）`, children: <StepsTable tasks={tasks} canUrge={access.canUrge} onChanged={refresh} /> },
                  { key: 'deadlines', label: '期限与延期', children: <DeadlinePanel detail={detail} /> },
                  { key: 'documents', label: `公文与附件（${detail.documents.length + detail.attachments.length}）`, children: <DocumentsPanel detail={detail} /> },
                  ...(children.length
                    ? [{ key: 'children', label: `承办单位子事项（${children.length}）`, children: <ChildItems items={children} /> }]
                    : []),
                ]}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title="办理记录" size="small">
              <ItemTimeline entries={detail.timeline} />
            </Card>
            <Card size="small" title="记录校验">
              {detail.audit.ok ? (
                <Alert type="success" showIcon icon={<CheckCircleOutlined />} message={`全部 ${detail.audit.entries} 条办理记录完整，未被改动`} />
              ) : (
                <Alert
                  type="error"
                  showIcon
                  icon={<WarningOutlined />}
                  message="办理记录校验未通过"
                  description={`第 ${detail.audit.brokenAt ?? '?'} 条：${detail.audit.reason ?? '记录异常'}`}
                />
              )}
            </Card>
          </Space>
        </Col>
      </Row>
    </div>
  );
}

/** The units' child items (one per unit handling the case). */
function ChildItems({ items }: { items: ItemSummary[] }) {
  return (
    <Table<ItemSummary>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      scroll={{ x: 600 }}
      columns={[
        { title: '', width: 30, render: (_, c) => <Light light={c.status === 'running' ? c.light : null} /> },
        { title: '子事项', render: (_, c) => <Link to={`/items/${encodeURIComponent(c.id)}`}>{c.title}</Link> },
        { title: '承办单位', render: (_, c) => c.units.map((u) => u.name).join('、') || '—' },
        { title: '状态', width: 80, render: (_, c) => ITEM_STATUS_LABELS[c.status] },
        { title: '期限', width: 170, render: (_, c) => (c.status === 'running' ? <Due date={c.dueDate} /> : '—') },
      ]}
    />
  );
}
