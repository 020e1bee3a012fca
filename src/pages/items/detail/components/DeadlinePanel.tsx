/** Deadline history of an item (X7): each step's original and current deadline, and the extension requests. */
import { Empty, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import React from 'react';
import { EXTENSION_STATUS_LABELS, TASK_STATUS_LABELS } from '@/locales';
import type { ItemDetail } from '../service';

const EXT_COLORS: Record<string, string> = { approved: 'success', rejected: 'error', pending: 'processing' };

/** Deadlines and extensions. */
export default function DeadlinePanel({ detail }: { detail: ItemDetail }) {
  const { item, deadlines, extensions } = detail;
  return (
    <div className="item-deadlines" data-testid="deadline-history">
      <Typography.Paragraph>
        当前期限：<Typography.Text strong>{item.dueDate ?? '无'}</Typography.Text>
        {deadlines.some((d) => d.extended) && <span className="duban-muted">（有环节经批准延期，见下表）</span>}
      </Typography.Paragraph>
      <Table
        rowKey="taskId"
        size="small"
        pagination={false}
        dataSource={deadlines}
        locale={{ emptyText: '各环节均无办理期限' }}
        scroll={{ x: 560 }}
        columns={[
          { title: '环节', dataIndex: 'name' },
          { title: '状态', dataIndex: 'status', width: 80, render: (s: string) => TASK_STATUS_LABELS[s] ?? s },
          { title: '原定期限', dataIndex: 'original', width: 110 },
          {
            title: '现期限',
            width: 140,
            render: (_, d) => (
              <span>
                {d.current} {d.extended && <Tag color="orange">已延期</Tag>}
              </span>
            ),
          },
        ]}
      />
      <Typography.Title level={5} className="item-subtitle">
        延期申请
      </Typography.Title>
      {extensions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无延期申请" />
      ) : (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={extensions}
          scroll={{ x: 720 }}
          columns={[
            { title: '申请人', dataIndex: 'requestedByName', width: 90 },
            {
              title: '期限变更',
              width: 200,
              render: (_, e) => (
                <div>
                  <div>
                    {e.currentDue ?? '—'} → {e.newDue}
                  </div>
                  {e.approvedDue && e.approvedDue !== e.newDue && <div className="duban-muted">批准延至 {e.approvedDue}</div>}
                </div>
              ),
            },
            { title: '理由', dataIndex: 'reason' },
            {
              title: '审核 / 审定',
              render: (_, e) => (
                <div>
                  {e.decisions.map((d, i) => (
                    <div key={i}>
                      {d.step}：{d.actorName ?? ''} {d.outcome && <Tag color={d.outcome === '同意' ? 'green' : 'red'}>{d.outcome}</Tag>}
                      {d.opinion && `“${d.opinion}”`}
                    </div>
                  ))}
                </div>
              ),
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 130,
              render: (s: string) => <Tag color={EXT_COLORS[s]}>{EXTENSION_STATUS_LABELS[s] ?? s}</Tag>,
            },
            { title: '申请时间', width: 110, render: (_, e) => dayjs(e.createdAt).format('MM-DD HH:mm') },
          ]}
        />
      )}
    </div>
  );
}
