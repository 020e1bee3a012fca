/** The steps (tasks) of an item: who, outcome, opinion, deadline; open ones can be opened or urged. */
import { Button, Form, Modal, Select, Input, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { Link } from 'umi';
import Due from '@/components/Due';
import Light from '@/components/Light';
import { TASK_STATUS_LABELS, URGE_METHOD_LABELS } from '@/locales';
import { reportError, reportSuccess } from '@/services/errors';
import { urgeTask, type ItemTask } from '../service';

const STATUS_COLORS: Record<string, string> = { open: 'processing', completed: 'success', cancelled: 'default' };

/** The table of steps. */
export default function StepsTable({ tasks, canUrge, onChanged }: { tasks: ItemTask[]; canUrge: boolean; onChanged: () => void }) {
  const [urging, setUrging] = useState<ItemTask>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const urge = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !urging) return;
    setBusy(true);
    try {
      await urgeTask(urging.id, v.method, v.note?.trim());
      reportSuccess('已催办');
      setUrging(undefined);
      onChanged();
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Table<ItemTask>
        rowKey="id"
        size="small"
        dataSource={tasks}
        pagination={false}
        scroll={{ x: 1040 }}
        locale={{ emptyText: '暂无环节' }}
        columns={[
          {
            title: '环节',
            dataIndex: 'name',
            width: 200,
            render: (name, t) => (
              <Space size={4}>
                {t.status === 'open' && <Light light={t.light} />}
                <span>{name}</span>
                {t.kind !== 'normal' && <Tag bordered={false}>加签</Tag>}
              </Space>
            ),
          },
          { title: '办理人', width: 150, render: (_, t) => t.actorName ?? t.assignee },
          {
            title: '状态',
            dataIndex: 'status',
            width: 80,
            render: (s: string) => <Tag color={STATUS_COLORS[s]}>{TASK_STATUS_LABELS[s] ?? s}</Tag>,
          },
          {
            title: '结论与意见',
            width: 240,
            render: (_, t) => (
              <span>
                {t.outcome && <Tag color={t.negative ? 'red' : 'green'}>{t.outcome}</Tag>}
                {t.opinion}
              </span>
            ),
          },
          { title: '期限', width: 170, render: (_, t) => (t.status === 'open' ? <Due date={t.dueDate} original={t.originalDueDate} /> : t.dueDate ?? '—') },
          {
            title: '时间',
            width: 120,
            render: (_, t) => dayjs(t.completedAt ?? t.createdAt).format('MM-DD HH:mm'),
          },
          {
            title: '操作',
            width: 120,
            fixed: 'right',
            render: (_, t) =>
              t.status === 'open' ? (
                <Space size={0}>
                  <Link to={`/tasks/${encodeURIComponent(t.id)}`}>
                    <Button type="link" size="small">
                      打开
                    </Button>
                  </Link>
                  {canUrge && (
                    <Button type="link" size="small" onClick={() => setUrging(t)} data-testid="urge-step">
                      催办{t.urges > 0 ? `(${t.urges})` : ''}
                    </Button>
                  )}
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!urging}
        title={`催办：${urging?.name ?? ''}`}
        okText="催办"
        cancelText="取消"
        confirmLoading={busy}
        onOk={urge}
        onCancel={() => setUrging(undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="method" label="催办方式" initialValue="system" rules={[{ required: true, message: '请选择催办方式' }]}>
            <Select options={Object.entries(URGE_METHOD_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="note" label="催办内容">
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
