/** The open deadlines a calendar change would move, with their current and recounted dates. */
import { Alert, Table } from 'antd';
import React from 'react';
import type { MovedDeadline } from './moves';

/** The table of moved deadlines (or a note that none move). */
export default function AffectedDeadlines({ moved, loading }: { moved: MovedDeadline[]; loading?: boolean }) {
  if (!loading && moved.length === 0) return <Alert type="success" showIcon message="没有在办环节的期限受此调整影响" />;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 8 }}
        message={`${moved.length} 个在办环节的期限按工作日计算且跨越所调整的日期`}
        description="保存后新产生的期限按新日历计算；已生成的期限保持不变，如需顺延请在事项中办理延期。"
      />
      <Table
        size="small"
        rowKey="taskId"
        loading={loading}
        dataSource={moved}
        pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
        data-testid="affected-deadlines"
        columns={[
          { title: '事项', dataIndex: 'itemTitle', render: (t: string, r) => `${t}（${r.itemCode}）` },
          { title: '环节', dataIndex: 'name' },
          { title: '当前期限', dataIndex: 'dueDate', width: 110 },
          { title: '按新日历', dataIndex: 'newDueDate', width: 110 },
        ]}
      />
    </>
  );
}
