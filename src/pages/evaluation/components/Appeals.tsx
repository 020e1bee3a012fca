/** 申诉: the year's appeals; 县绩效办 keeps or voids the event with a reason, and the score is recomputed. */
import { useRequest } from 'ahooks';
import { Button, Form, Input, Modal, Radio, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { Link } from 'umi';
import { attachmentUrl } from '@/services/attachments';
import { reportError, reportSuccess } from '@/services/errors';
import { decideAppeal, fetchAppeals, type AppealRow } from '../service';

const COLOR: Record<string, string> = { pending: 'processing', kept: 'default', voided: 'success' };

function DecisionModal({ appeal, onClose, onDone }: { appeal: AppealRow; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ decision: 'kept' | 'voided'; reason: string }>();
  const [saving, setSaving] = useState(false);
  const ok = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await decideAppeal(appeal.id, v.decision, v.reason);
      reportSuccess(v.decision === 'voided' ? '已撤销该事件，得分已重新计算' : '已维持该事件');
      onDone();
    } catch (err) {
      reportError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`裁定申诉：${appeal.unitName}（${appeal.kindName}，${appeal.date}）`} okText="确定裁定" cancelText="取消" confirmLoading={saving} onOk={ok} onCancel={onClose} destroyOnClose>
      <p>申诉理由：{appeal.reason}</p>
      <Form form={form} layout="vertical" initialValues={{ decision: 'kept' }}>
        <Form.Item name="decision" label="裁定">
          <Radio.Group options={[{ value: 'kept', label: '维持该事件' }, { value: 'voided', label: '撤销该事件（不再计分）' }]} />
        </Form.Item>
        <Form.Item name="reason" label="裁定理由" rules={[{ required: true, whitespace: true, message: '请填写裁定理由' }]}>
          <Input.TextArea rows={3} maxLength={2000} aria-label="裁定理由" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The appeals of a year. */
export default function Appeals({ year, canDecide, onDecided }: { year: number; canDecide: boolean; onDecided: () => void }) {
  const { data, loading, refresh } = useRequest(() => fetchAppeals(year), { refreshDeps: [year], onError: reportError });
  const [deciding, setDeciding] = useState<AppealRow | null>(null);
  return (
    <>
      <Table<AppealRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.rows ?? []}
        locale={{ emptyText: '本年度暂无申诉' }}
        scroll={{ x: 900 }}
        columns={[
          { title: '提出时间', dataIndex: 'filedAt', width: 140, render: (t: number) => dayjs(t).format('YYYY-MM-DD HH:mm') },
          { title: '单位', dataIndex: 'unitName', width: 150 },
          { title: '事件', width: 160, render: (_, a) => `${a.kindName}（${a.date}）` },
          { title: '事项', dataIndex: 'itemId', width: 90, render: (id: string | null) => (id ? <Link to={`/items/${encodeURIComponent(id)}`}>查看</Link> : '—') },
          { title: '申诉理由', dataIndex: 'reason' },
          {
            title: '附件',
            dataIndex: 'attachments',
            width: 90,
            render: (ids: string[]) => ids.map((id, i) => (
              <a key={id} href={attachmentUrl(id)} target="_blank" rel="noreferrer">
                附件{i + 1}{' '}
              </a>
            )),
          },
          { title: '状态', dataIndex: 'statusName', width: 110, render: (v: string, a) => <Tag color={COLOR[a.status]}>{a.status === 'pending' ? '待裁定' : v}</Tag> },
          { title: '裁定理由', dataIndex: 'decisionReason', width: 180, render: (v: string | null, a) => (v ? `${v}（${a.decidedBy}）` : '—') },
          ...(canDecide
            ? [
                {
                  title: '操作',
                  width: 90,
                  fixed: 'right' as const,
                  render: (_: unknown, a: AppealRow) =>
                    a.status === 'pending' ? (
                      <Button size="small" type="primary" onClick={() => setDeciding(a)}>
                        裁定
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {deciding && (
        <DecisionModal
          appeal={deciding}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            refresh();
            onDecided();
          }}
        />
      )}
    </>
  );
}
