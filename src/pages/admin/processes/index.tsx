/**
 * 流程设计: the deployed processes with their versions and running items; opens the
 * designer (loaded lazily, so bpmn-js stays out of every other page) for an
 * existing process, a new one, or an uploaded .bpmn file.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import React, { Suspense, lazy, useEffect, useState } from 'react';
import { useSearchParams } from 'umi';
import AdminGuard from '@/components/admin/AdminGuard';
import UploadTextButton from '@/components/admin/UploadTextButton';
import { emptyDiagram } from '@/components/admin/modeler/emptyDiagram';
import { definitionUsage, downloadText, getDefinition, listDefinitions, type DefinitionSummary } from '@/components/admin/api';
import PageTitle from '@/components/PageTitle';
import { reportError } from '@/services/errors';

const ProcessDesigner = lazy(() => import('@/components/admin/modeler/ProcessDesigner'));

interface Row extends DefinitionSummary {
  running: number;
}

/** The list of processes. */
function ProcessList({ onOpen, onNew, onUpload }: { onOpen: (key: string) => void; onNew: () => void; onUpload: (xml: string) => void }) {
  const [rows, setRows] = useState<Row[]>();
  useEffect(() => {
    Promise.all([listDefinitions(), definitionUsage()])
      .then(([defs, usage]) => setRows(defs.map((d) => ({ ...d, running: usage.filter((u) => u.key === d.key).reduce((n, u) => n + u.running, 0) }))))
      .catch((err) => {
        setRows([]);
        reportError(err);
      });
  }, []);
  const download = async (key: string) => {
    try {
      downloadText(`${key}.bpmn`, (await getDefinition(key)).xml);
    } catch (err) {
      reportError(err);
    }
  };
  return (
    <>
      <PageTitle
        title="流程设计"
        extra={
          <Space>
            <UploadTextButton accept=".bpmn,.xml" testId="process-upload" onText={onUpload}>
              上传 .bpmn
            </UploadTextButton>
            <Button type="primary" icon={<PlusOutlined />} onClick={onNew}>
              新建流程
            </Button>
          </Space>
        }
      >
        <Typography.Text type="secondary">修改审批链条、办理人和时限后部署即生效：新登记的事项按新版本办理，在办事项仍按原版本办理。</Typography.Text>
      </PageTitle>
      <Table
        rowKey="key"
        loading={!rows}
        dataSource={rows}
        pagination={false}
        data-testid="process-list"
        columns={[
          {
            title: '流程名称',
            dataIndex: 'name',
            render: (name: string, r: Row) => (
              <a onClick={() => onOpen(r.key)} data-key={r.key}>
                {name}
              </a>
            ),
          },
          { title: '流程编号', dataIndex: 'key', render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
          { title: '类别', dataIndex: 'category', width: 80, render: (c: string | null) => (c ? <Tag>{c}</Tag> : null) },
          { title: '最新版本', dataIndex: 'version', width: 100, render: (v: number, r: Row) => `第 ${v} 版${r.versions.length > 1 ? `（共 ${r.versions.length} 版）` : ''}` },
          { title: '在办事项', dataIndex: 'running', width: 90 },
          { title: '最近部署', dataIndex: 'deployedAt', width: 160, render: (t: number) => dayjs(t).format('YYYY-MM-DD HH:mm') },
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_: unknown, r: Row) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => onOpen(r.key)}>
                  设计
                </Button>
                <Button type="link" size="small" onClick={() => download(r.key)}>
                  下载
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

/** The 新建流程 dialog: name and key. */
function NewProcessDialog({ open, onCancel, onCreate }: { open: boolean; onCancel: () => void; onCreate: (key: string, name: string) => void }) {
  const [form] = Form.useForm<{ key: string; name: string }>();
  return (
    <Modal title="新建流程" open={open} onCancel={onCancel} onOk={() => form.validateFields().then((v) => onCreate(v.key.trim(), v.name.trim()))} okText="开始设计" cancelText="取消" destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="name" label="流程名称" rules={[{ required: true, whitespace: true, message: '请填写流程名称' }]}>
          <Input placeholder="如：信访件督办" maxLength={60} />
        </Form.Item>
        <Form.Item
          name="key"
          label="流程编号"
          extra="字母开头，可含字母、数字和连字符，部署后不能修改"
          rules={[
            { required: true, message: '请填写流程编号' },
            { pattern: /^[A-Za-z][\w-]*$/, message: '流程编号须以字母开头，只能含字母、数字、下划线和连字符' },
          ]}
        >
          <Input placeholder="如：petition" maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The processes page: list, or the designer when `?key=` is set or a new/uploaded diagram is open. */
export default function ProcessesPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const key = params.get('key');
  const [draft, setDraft] = useState<{ xml: string } | null>(null);
  const [creating, setCreating] = useState(false);

  const close = () => {
    setDraft(null);
    setParams({});
  };

  let content: React.ReactNode;
  if (key || draft) {
    content = (
      <Suspense
        fallback={
          <div style={{ textAlign: 'center', marginTop: 80 }}>
            <Spin /> 正在载入流程设计器…
          </div>
        }
      >
        <ProcessDesigner
          key={draft ? 'draft' : key!}
          processKey={draft ? null : key}
          initialXml={draft?.xml}
          onBack={close}
          onDeployed={(k) => {
            if (!draft) return;
            setDraft(null);
            setParams({ key: k });
          }}
        />
      </Suspense>
    );
  } else {
    content = (
      <>
        <ProcessList onOpen={(k) => setParams({ key: k })} onNew={() => setCreating(true)} onUpload={(xml) => setDraft({ xml })} />
        <NewProcessDialog
          open={creating}
          onCancel={() => setCreating(false)}
          onCreate={(k, name) => {
            setCreating(false);
            setDraft({ xml: emptyDiagram(k, name) });
            message.info('从开始事件起，用左侧工具栏添加环节');
          }}
        />
      </>
    );
  }
  return <AdminGuard>{content}</AdminGuard>;
}
