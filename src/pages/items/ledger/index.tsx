/**
 * 督查台账 (ledger): every item the user may read, filtered on the server by
 * procedure, unit, status, warning light, deadline range and text; sorted, paged,
 * and exported to Excel. Filters live in the address so a view can be shared.
 */
import { DownloadOutlined, ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useRequest } from 'ahooks';
import { Button, Card, Col, DatePicker, Form, Input, Row, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { TablePaginationConfig } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import dayjs from 'dayjs';
import React, { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'umi';
import Due from '@/components/Due';
import Light from '@/components/Light';
import PageTitle from '@/components/PageTitle';
import { UnitSelect } from '@/components/UnitPicker/UnitSelect';
import { useSession } from '@/layouts/session';
import { ITEM_STATUS_LABELS, LIGHT_LABELS } from '@/locales';
import { reportError, reportSuccess } from '@/services/errors';
import type { ItemSummary } from '@/services/types';
import { fetchProcedureOptions } from '@/services/definitions';
import { DEFAULT_PAGE_SIZE, exportMessage, pagerTotal, paramsOf, queryFromParams, totalText } from './query';
import { EXPORT_LIMIT, exportLedger, fetchLedger, type LedgerQuery } from './service';
import './index.less';

/** The ledger page. */
export default function LedgerPage() {
  const { access } = useSession();
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const [form] = Form.useForm();
  const [exporting, setExporting] = useState(false);

  const procedures = useRequest(fetchProcedureOptions, { onError: reportError });
  const { data, loading, refresh } = useRequest(() => fetchLedger(query), { refreshDeps: [query], onError: reportError });

  const update = (patch: Partial<LedgerQuery>) => setParams(paramsOf({ ...query, page: 1, ...patch }));

  const onSearch = (v: Record<string, any>) => {
    const range = v.due as [dayjs.Dayjs, dayjs.Dayjs] | null | undefined;
    update({
      procedure: v.procedure,
      unit: v.unit,
      status: v.status,
      light: v.light,
      q: v.q?.trim() || undefined,
      dueFrom: range?.[0]?.format('YYYY-MM-DD'),
      dueTo: range?.[1]?.format('YYYY-MM-DD'),
    });
  };

  const onTable = (p: TablePaginationConfig, _f: unknown, sorter: SorterResult<ItemSummary> | SorterResult<ItemSummary>[]) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = s?.order ? (s.field as LedgerQuery['sort']) : undefined;
    const sortChanged = (field ?? 'createdAt') !== query.sort || (s?.order === 'ascend' ? 'asc' : 'desc') !== query.order;
    setParams(
      paramsOf({
        ...query,
        sort: field ?? 'createdAt',
        order: s?.order === 'ascend' ? 'asc' : 'desc',
        page: sortChanged ? 1 : p.current ?? 1,
        pageSize: p.pageSize ?? DEFAULT_PAGE_SIZE,
      }),
    );
  };

  const doExport = async () => {
    setExporting(true);
    try {
      await exportLedger(query);
      reportSuccess(exportMessage(data?.total ?? 0, data?.totalCapped, EXPORT_LIMIT));
    } catch (err) {
      reportError(err);
    } finally {
      setExporting(false);
    }
  };

  const sortOrder = (field: string) => (query.sort === field ? (query.order === 'asc' ? 'ascend' : 'descend') : null);

  return (
    <div className="ledger-page" data-testid="ledger">
      <PageTitle
        title="督查台账"
        extra={
          <Space>
            <Tooltip title="刷新">
              <Button icon={<ReloadOutlined />} onClick={refresh} aria-label="刷新" />
            </Tooltip>
            {access.canExport && (
              <Button type="primary" ghost icon={<DownloadOutlined />} loading={exporting} onClick={doExport} disabled={!data?.total} data-testid="ledger-export">
                导出 Excel
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" className="ledger-filters">
        <Form
          form={form}
          layout="vertical"
          onFinish={onSearch}
          initialValues={{
            ...query,
            due: query.dueFrom || query.dueTo ? [query.dueFrom ? dayjs(query.dueFrom) : null, query.dueTo ? dayjs(query.dueTo) : null] : undefined,
          }}
          key={params.toString() === '' ? 'empty' : 'set'}
        >
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="q" label="关键字">
                <Input allowClear placeholder="事项名称、编号、来源、单位" prefix={<SearchOutlined />} data-testid="ledger-q" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={6}>
              <Form.Item name="procedure" label="流程">
                <Select allowClear placeholder="全部流程" options={procedures.data} loading={procedures.loading} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={6}>
              <Form.Item name="unit" label="承办单位">
                <UnitSelect placeholder="全部单位" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={6}>
              <Form.Item name="status" label="状态">
                <Select allowClear placeholder="全部状态" options={Object.entries(ITEM_STATUS_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={12} lg={6}>
              <Form.Item name="light" label="预警">
                <Select
                  allowClear
                  placeholder="全部"
                  options={Object.entries(LIGHT_LABELS).map(([value, label]) => ({ value, label: <Light light={value as 'red'} withLabel /> , title: label }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="due" label="办理期限">
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={10} className="ledger-filter-buttons">
              <Space>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="ledger-search">
                  查询
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    setParams({});
                  }}
                >
                  重置
                </Button>
              </Space>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card size="small" className="ledger-table">
        <Table<ItemSummary>
          rowKey="id"
          loading={loading}
          dataSource={data?.rows ?? []}
          onChange={onTable}
          scroll={{ x: 1380 }}
          size="middle"
          locale={{ emptyText: '没有符合条件的事项' }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: pagerTotal(data?.total ?? 0, data?.totalCapped, query.page ?? 1, query.pageSize ?? DEFAULT_PAGE_SIZE, data?.rows.length ?? 0),
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: () => `共 ${totalText(data?.total ?? 0, data?.totalCapped)} 项`,
          }}
          columns={[
            {
              title: '预警',
              width: 64,
              align: 'center',
              render: (_, r) => <Light light={r.status === 'running' ? r.light : null} />,
            },
            { title: '登记编号', dataIndex: 'code', width: 150 },
            {
              title: '事项名称',
              dataIndex: 'title',
              width: 320,
              sorter: true,
              sortOrder: sortOrder('title'),
              render: (title: string, r) => (
                <Link to={`/items/${encodeURIComponent(r.id)}`} data-testid="ledger-row-link">
                  {title}
                </Link>
              ),
            },
            { title: '流程', dataIndex: 'procedureName', width: 130, render: (v: string) => <Tag bordered={false}>{v}</Tag> },
            {
              title: '承办单位',
              width: 200,
              render: (_, r) =>
                r.units.length === 0 ? (
                  <span className="duban-muted">—</span>
                ) : (
                  r.units.map((u) => (
                    <Tag key={u.id} bordered={false} color={u.id === r.leadUnitId && r.units.length > 1 ? 'blue' : undefined}>
                      {u.name}
                    </Tag>
                  ))
                ),
            },
            { title: '状态', dataIndex: 'status', width: 80, render: (s: string) => ITEM_STATUS_LABELS[s] ?? s },
            {
              title: '办理期限',
              dataIndex: 'dueDate',
              width: 190,
              sorter: true,
              sortOrder: sortOrder('dueDate'),
              render: (_, r) => (r.status === 'running' ? <Due date={r.dueDate} /> : r.dueDate ?? '—'),
            },
            {
              title: '登记时间',
              dataIndex: 'createdAt',
              width: 130,
              sorter: true,
              sortOrder: sortOrder('createdAt'),
              render: (v: number) => dayjs(v).format('YYYY-MM-DD HH:mm'),
            },
            {
              title: '最近更新',
              dataIndex: 'updatedAt',
              width: 130,
              sorter: true,
              sortOrder: sortOrder('updatedAt'),
              render: (v: number) => dayjs(v).format('YYYY-MM-DD HH:mm'),
            },
          ]}
        />
      </Card>
    </div>
  );
}
