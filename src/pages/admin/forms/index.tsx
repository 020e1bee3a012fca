/**
 * 表单管理: the deployed forms; pick one to edit its JSON schema with checks and a
 * live preview, deploy it as a new version, or start a new form. The editor (with
 * the Formily renderer) is loaded lazily.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, List, Modal, Row, Space, Spin, Typography } from 'antd';
import React, { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'umi';
import AdminGuard from '@/components/admin/AdminGuard';
import { getForm, listForms, type FormSummary } from '@/components/admin/api';
import { newFormTemplate } from '@/components/admin/forms/checkForm';
import PageTitle from '@/components/PageTitle';
import { reportError } from '@/services/errors';
import './index.less';

const FormEditor = lazy(() => import('@/components/admin/forms/FormEditor'));

/** The forms page. */
export default function FormsPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const selected = params.get('key');
  const [forms, setForms] = useState<FormSummary[]>();
  const [filter, setFilter] = useState('');
  const [text, setText] = useState<string>();
  const [draft, setDraft] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const [newForm] = Form.useForm<{ key: string; name: string }>();

  useEffect(() => {
    listForms()
      .then(setForms)
      .catch((err) => {
        setForms([]);
        reportError(err);
      });
  }, [refresh]);

  useEffect(() => {
    if (!selected) return setText(undefined);
    setText(undefined);
    getForm(selected, true)
      .then((def) => setText(JSON.stringify(def, null, 2)))
      .catch(reportError);
  }, [selected, refresh]);

  const shown = useMemo(() => (forms ?? []).filter((f) => !filter || f.name.includes(filter) || f.key.includes(filter)), [forms, filter]);
  const editing = draft ?? text;

  return (
    <AdminGuard>
      <PageTitle
        title="表单管理"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建表单
          </Button>
        }
      >
        <Typography.Text type="secondary">表单用 Formily JSON Schema 描述；各环节哪些字段可编辑、只读或隐藏在流程设计中设定。</Typography.Text>
      </PageTitle>
      <Row gutter={12}>
        <Col xs={24} lg={6}>
          <Card size="small" title={`表单（${forms?.length ?? 0}）`} className="duban-forms-list">
            <Input.Search placeholder="按名称或标识查找" allowClear onChange={(e) => setFilter(e.target.value)} style={{ marginBottom: 8 }} />
            <List
              size="small"
              loading={!forms}
              dataSource={shown}
              renderItem={(f) => (
                <List.Item
                  className={f.key === selected && !draft ? 'duban-forms-item active' : 'duban-forms-item'}
                  onClick={() => {
                    setDraft(null);
                    setParams({ key: f.key });
                  }}
                  data-key={f.key}
                >
                  <Space direction="vertical" size={0}>
                    <span>{f.name}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {f.key} · 第 {f.version} 版
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={18}>
          {!editing && !selected && <Card><Typography.Text type="secondary">请在左侧选择表单，或新建表单。</Typography.Text></Card>}
          {selected && !editing && !draft && <Spin />}
          {editing && (
            <Suspense fallback={<Spin />}>
              <FormEditor
                key={draft ? 'draft' : selected!}
                deployedKey={draft ? null : selected}
                initialText={editing}
                onDeployed={(key) => {
                  setDraft(null);
                  setRefresh((n) => n + 1);
                  setParams({ key });
                }}
              />
            </Suspense>
          )}
        </Col>
      </Row>
      <Modal
        title="新建表单"
        open={creating}
        okText="开始编辑"
        cancelText="取消"
        destroyOnHidden
        onCancel={() => setCreating(false)}
        onOk={() =>
          newForm.validateFields().then((v) => {
            if (forms?.some((f) => f.key === v.key)) {
              message.error(`表单标识“${v.key}”已存在`);
              return;
            }
            setCreating(false);
            setParams({});
            setDraft(newFormTemplate(v.key, v.name));
          })
        }
      >
        <Form form={newForm} layout="vertical" preserve={false}>
          <Form.Item name="name" label="表单名称" rules={[{ required: true, whitespace: true, message: '请填写表单名称' }]}>
            <Input placeholder="如：整改情况报告" maxLength={60} />
          </Form.Item>
          <Form.Item name="key" label="表单标识" extra="小写字母开头，可含小写字母、数字和连字符；流程环节用它引用表单" rules={[{ required: true, message: '请填写表单标识' }, { pattern: /^[a-z][a-z0-9-]*$/, message: '只能含小写字母、数字和连字符，且以字母开头' }]}>
            <Input placeholder="如：rectification-report" maxLength={60} />
          </Form.Item>
        </Form>
      </Modal>
    </AdminGuard>
  );
}
