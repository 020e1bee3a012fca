/**
 * 用印登记簿: every use of a seal across the items — which document, which seal, who asked,
 * who approved, who applied it and when, and whether the seal was the 电子样章 or the host's
 * seal service. For the office's leaders and the seals' keepers; filtered, paged and
 * exported to Excel by the server.
 */
import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useRequest } from 'ahooks';
import { Button, Card, Col, DatePicker, Form, Input, Result, Row, Select, Space, Table, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { Link } from 'umi';
import PageTitle from '@/components/PageTitle';
import { useSession } from '@/layouts/session';
import {
  exportSealRegister,
  fetchSealRegister,
  SEAL_STATUS_LABELS,
  type SealRegisterQuery,
  type SealRegisterRow,
  type SealStatus,
  sealSourceText,
} from '@/services/documents';
import { reportError, reportSuccess } from '@/services/errors';

const STATUS_COLORS: Record<SealStatus, string> = { requested: 'processing', approved: 'cyan', refused: 'error', applied: 'success', cancelled: 'default' };

/** A person and a moment, in one cell. */
function whoWhen(name: string | null, at: number | null) {
  if (!name && !at) return <span className="duban-muted">—</span>;
  return (
    <span>
      {name ?? '—'}
      {at && <div className="duban-muted" style={{ whiteSpace: 'nowrap' }}>{dayjs(at).format('YYYY-MM-DD HH:mm')}</div>}
    </span>
  );
}

/** The seal register page. */
export default function SealRegisterPage() {
  const { access } = useSession();
  const [form] = Form.useForm();
  const [query, setQuery] = useState<SealRegisterQuery>({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const { data, loading, refresh } = useRequest(() => fetchSealRegister(query), { refreshDeps: [query], ready: access.canReadSealRegister, onError: reportError });

  if (!access.canReadSealRegister) return <Result status="403" title="无权访问" subTitle="用印登记簿仅供县政府办主任、督查室主任和印章管理人员查阅" />;

  const onSearch = (v: Record<string, any>) => {
    const range = v.range as [dayjs.Dayjs | null, dayjs.Dayjs | null] | null | undefined;
    setQuery({
      seal: v.seal,
      status: v.status,
      q: v.q?.trim() || undefined,
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
      page: 1,
      pageSize: query.pageSize,
    });
  };

  const doExport = async () => {
    setExporting(true);
    try {
      await exportSealRegister(query);
      reportSuccess(`已导出 ${data?.total ?? 0} 条用印记录`);
    } catch (err) {
      reportError(err);
    } finally {
      setExporting(false);
    }
  };

  const seals = Object.entries(data?.seals ?? {}).map(([value, label]) => ({ value, label }));

  return (
    <div className="seal-register-page" data-testid="seal-register">
      <PageTitle
        title="用印登记簿"
        extra={
          <Space>
            <Tooltip title="刷新">
              <Button icon={<ReloadOutlined />} onClick={refresh} aria-label="刷新" />
            </Tooltip>
            <Button type="primary" ghost icon={<DownloadOutlined />} loading={exporting} onClick={doExport} disabled={!data?.total} data-testid="seal-register-export">
              导出 Excel
            </Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} layout="vertical" onFinish={onSearch}>
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="q" label="关键字">
                <Input allowClear placeholder="公文标题、文号、事项名称" prefix={<SearchOutlined />} data-testid="seal-register-q" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={4}>
              <Form.Item name="seal" label="印章">
                <Select allowClear placeholder="全部印章" options={seals} data-testid="seal-register-seal" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={3}>
              <Form.Item name="status" label="状态">
                <Select allowClear placeholder="全部状态" options={Object.entries(SEAL_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="range" label="申请日期">
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={6} style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 24 }}>
              <Space>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="seal-register-search">
                  查询
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    setQuery({ page: 1, pageSize: query.pageSize });
                  }}
                >
                  重置
                </Button>
              </Space>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card size="small">
        <Table<SealRegisterRow>
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data?.rows ?? []}
          scroll={{ x: 1060 }}
          locale={{ emptyText: '没有符合条件的用印记录' }}
          onChange={(p) => setQuery({ ...query, page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (t) => `共 ${t} 条`,
          }}
          columns={[
            {
              title: '公文/文号',
              width: 240,
              render: (_, r) => (
                <div data-testid="seal-register-row">
                  <Link to={`/items/${encodeURIComponent(r.itemId)}`} data-testid="seal-register-item-link">
                    <Tag bordered={false} color="blue">
                      {r.docType}
                    </Tag>
                    {r.documentTitle}
                  </Link>
                  <div className="duban-muted">
                    {r.number || '未编号'} · {r.itemCode}
                  </div>
                </div>
              ),
            },
            { title: '印章', dataIndex: 'sealName', width: 130 },
            {
              title: '状态',
              dataIndex: 'status',
              width: 80,
              render: (s: SealStatus, r) => <Tag color={STATUS_COLORS[s]}>{r.statusName || SEAL_STATUS_LABELS[s] || s}</Tag>,
            },
            { title: '申请人/时间', width: 130, render: (_, r) => whoWhen(r.requestedByName, r.requestedAt) },
            { title: '审批人/时间', width: 130, render: (_, r) => whoWhen(r.approvedByName, r.approvedAt) },
            { title: '用印人/时间', width: 130, render: (_, r) => whoWhen(r.appliedByName, r.appliedAt) },
            { title: '意见', dataIndex: 'opinion', width: 100, render: (o: string | null) => o || <span className="duban-muted">—</span> },
            {
              title: '来源',
              width: 120,
              render: (_, r) => (r.source === 'specimen' ? <Tag color="orange">电子样章</Tag> : <span>{sealSourceText(r)}</span>),
            },
          ]}
        />
      </Card>
    </div>
  );
}
