/** 表单管理 (administrators): the deployed forms and their versions, each previewable; the online form designer comes later. */
import { useRequest } from 'ahooks';
import { createForm } from '@formily/core';
import { Alert, Card, Modal, Skeleton, Table } from 'antd';
import dayjs from 'dayjs';
import React, { useMemo, useState } from 'react';
import FormRenderer from '@/components/FormRenderer';
import PageTitle from '@/components/PageTitle';
import { reportError } from '@/services/errors';
import { request } from '@/services/request';

interface FormRow {
  key: string;
  name: string;
  version: number;
  deployedAt: number;
}

/** The form list with a preview. */
export default function FormsPage() {
  const { data, loading } = useRequest(async () => (await request<{ rows: FormRow[] }>('/api/forms')).rows, { onError: reportError });
  const [open, setOpen] = useState<FormRow>();
  const schema = useRequest(async () => (await request<{ schema: Record<string, any> }>(`/api/forms/${encodeURIComponent(open!.key)}`)).schema, {
    ready: !!open,
    refreshDeps: [open?.key],
    onError: reportError,
  });
  const form = useMemo(() => createForm(), [open?.key]);
  return (
    <div>
      <PageTitle title="表单管理" />
      <Alert type="info" showIcon className="admin-note" message="在线表单设计器建设中。目前可查看和预览已部署的表单；各环节可填写的字段在流程图中设定。" />
      <Card size="small">
        <Table<FormRow>
          rowKey="key"
          loading={loading}
          dataSource={data}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 600 }}
          columns={[
            { title: '表单名称', dataIndex: 'name' },
            { title: '标识', dataIndex: 'key', width: 200 },
            { title: '版本', dataIndex: 'version', width: 80, render: (v) => `第 ${v} 版` },
            { title: '部署时间', dataIndex: 'deployedAt', width: 150, render: (v: number) => dayjs(v).format('YYYY-MM-DD HH:mm') },
            { title: '操作', width: 80, render: (_, r) => <a onClick={() => setOpen(r)}>预览</a> },
          ]}
        />
      </Card>
      <Modal open={!!open} title={`预览：${open?.name ?? ''}`} footer={null} width={860} onCancel={() => setOpen(undefined)} destroyOnHidden>
        {schema.loading || !schema.data ? <Skeleton active /> : <FormRenderer form={form} schema={schema.data} />}
      </Modal>
    </div>
  );
}
