/**
 * 操作日志: what administrators changed outside the items — processes and forms deployed,
 * the working-day calendar, the role mapping, backups — with who and when. Read-only;
 * each item's own actions are in its audit record on the item page.
 */
import { Card, Select, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import React, { useEffect, useState } from 'react';
import AdminGuard from '@/components/admin/AdminGuard';
import { listSystemLog, type SystemLogPage } from '@/components/admin/api';
import PageTitle from '@/components/PageTitle';
import { reportError } from '@/services/errors';

/** The system log page. */
export default function SystemLogPage() {
  const [data, setData] = useState<SystemLogPage>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [action, setAction] = useState<string>();
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setLoading(true);
    listSystemLog({ page, pageSize, action })
      .then(setData)
      .catch(reportError)
      .finally(() => setLoading(false));
  }, [page, pageSize, action]);

  return (
    <AdminGuard>
      <PageTitle title="操作日志">
        <Typography.Text type="secondary">系统管理员的操作记录，只可查看，不可修改或删除；各事项的办理记录在事项页面查看。</Typography.Text>
      </PageTitle>
      <Card size="small">
        <Select
          aria-label="操作类型"
          placeholder="全部操作"
          allowClear
          style={{ width: 200, marginBottom: 12 }}
          value={action}
          options={Object.entries(data?.actions ?? {}).map(([value, label]) => ({ value, label }))}
          onChange={(v) => {
            setAction(v);
            setPage(1);
          }}
        />
        <Table
          size="small"
          rowKey="id"
          loading={loading}
          dataSource={data?.rows ?? []}
          locale={{ emptyText: '暂无操作记录' }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (t) => `共 ${t} 条`,
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 180, render: (t: number) => dayjs(t).format('YYYY-MM-DD HH:mm:ss') },
            { title: '操作人', dataIndex: 'actorName', width: 120 },
            { title: '操作', dataIndex: 'actionName', width: 160 },
            { title: '对象', dataIndex: 'target' },
          ]}
        />
      </Card>
    </AdminGuard>
  );
}
