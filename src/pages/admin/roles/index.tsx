/** 角色配置 (administrators): the roles R1–R15 and who holds them, as the host OA's directory says; editing stays in the OA. */
import { useRequest } from 'ahooks';
import { Alert, Card, Table, Tag } from 'antd';
import React from 'react';
import PageTitle from '@/components/PageTitle';
import { fetchRoles, type Role } from '@/services/directory';
import { reportError } from '@/services/errors';

/** The role list. */
export default function RolesPage() {
  const { data, loading } = useRequest(fetchRoles, { onError: reportError });
  return (
    <div>
      <PageTitle title="角色配置" />
      <Alert type="info" showIcon className="admin-note" message="角色与人员来自单位 OA 的通讯录，在 OA 中维护后自动同步。此处可核对各角色的人员。" />
      <Card size="small">
        <Table<Role>
          rowKey="id"
          loading={loading}
          dataSource={data}
          pagination={false}
          scroll={{ x: 600 }}
          columns={[
            { title: '角色', dataIndex: 'id', width: 80 },
            { title: '名称', dataIndex: 'name', width: 220 },
            {
              title: '人员',
              render: (_, r) =>
                r.holders.length === 0 ? (
                  <span className="duban-muted">未配置</span>
                ) : (
                  r.holders.map((h) => (
                    <Tag key={`${h.personId}-${h.scope ?? ''}`} bordered={false} color="blue">
                      {h.name}
                      {h.scope ? `（${h.scope}）` : ''}
                    </Tag>
                  ))
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
