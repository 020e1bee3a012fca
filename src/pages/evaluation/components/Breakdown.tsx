/** A unit's breakdown: its total and indicators, and every event with its item and step; a unit appeals an event from here. */
import { UploadOutlined } from '@ant-design/icons';
import { useRequest } from 'ahooks';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Skeleton, Space, Table, Tag, Upload } from 'antd';
import type { UploadFile } from 'antd';
import React, { useState } from 'react';
import { Link } from 'umi';
import { uploadAttachment } from '@/services/attachments';
import { errorMessage, reportError, reportSuccess } from '@/services/errors';
import { fetchBreakdown, fileAppeal, type BreakdownEvent } from '../service';

const STATUS_COLOR: Record<string, string> = { pending: 'processing', kept: 'default', voided: 'success' };

function AppealModal({ event, onClose, onFiled }: { event: BreakdownEvent; onClose: () => void; onFiled: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const [files, setFiles] = useState<(UploadFile & { refId?: string })[]>([]);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const { reason } = await form.validateFields();
    setSaving(true);
    try {
      await fileAppeal(event.id, reason, files.map((f) => f.refId).filter((x): x is string => !!x));
      reportSuccess('申诉已提交，等待县绩效办裁定');
      onFiled();
    } catch (err) {
      reportError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`申诉：${event.kindName}（${event.date}）`} okText="提交申诉" cancelText="取消" confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnClose>
      <p className="duban-muted">
        事项：{event.itemCode} {event.itemTitle}
        {event.stepName ? `；环节：${event.stepName}` : ''}；申诉截止 {event.appealUntil}
      </p>
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label="申诉理由" rules={[{ required: true, whitespace: true, message: '请填写申诉理由' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount aria-label="申诉理由" />
        </Form.Item>
        <Form.Item label="证明材料">
          <Upload
            multiple
            fileList={files}
            beforeUpload={(file) => {
              const entry: UploadFile & { refId?: string } = { uid: file.uid, name: file.name, status: 'uploading' };
              setFiles((list) => [...list, entry]);
              uploadAttachment(file, event.itemId)
                .then((ref) => setFiles((list) => list.map((f) => (f.uid === file.uid ? { ...f, status: 'done', refId: ref.id } : f))))
                .catch((err) => setFiles((list) => list.map((f) => (f.uid === file.uid ? { ...f, status: 'error', response: errorMessage(err) } : f))));
              return false;
            }}
            onRemove={(f) => setFiles((list) => list.filter((x) => x.uid !== f.uid))}
          >
            <Button icon={<UploadOutlined />}>上传附件</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The breakdown of one unit in one year. */
export default function Breakdown({ year, unitId }: { year: number; unitId: string }) {
  const { data, loading, refresh } = useRequest(() => fetchBreakdown(year, unitId), { refreshDeps: [year, unitId], onError: reportError });
  const [appealing, setAppealing] = useState<BreakdownEvent | null>(null);
  if (!data) return loading ? <Skeleton active /> : null;
  const names = Object.fromEntries(data.indicators.map((i) => [i.id, i.name]));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
          <Descriptions.Item label="单位">{data.unitName}</Descriptions.Item>
          <Descriptions.Item label={data.status === 'published' ? '总分' : '当前得分'}>
            <strong data-testid="unit-total">{data.total ?? '—'}</strong>
          </Descriptions.Item>
          <Descriptions.Item label="类别排位">{data.rank ?? (data.status === 'published' ? '—' : '公布后显示')}</Descriptions.Item>
          <Descriptions.Item label="表彰建议">{data.commended === null ? '公布后显示' : data.commended ? <Tag color="red">列入</Tag> : '未列入'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        title={() => '各项指标得分'}
        dataSource={data.indicators}
        columns={[
          { title: '指标', dataIndex: 'name' },
          { title: '类型', dataIndex: 'type', width: 80, render: (t: string) => (t === 'qualitative' ? '定性' : '定量') },
          { title: '分值', dataIndex: 'weight', width: 80 },
          { title: '得分', dataIndex: 'score', width: 80, render: (v: number | null) => v ?? '—' },
          { title: '失分', dataIndex: 'lost', width: 80, render: (v: number | null) => (v ? <span className="duban-due-over">{v}</span> : v ?? '—') },
          { title: '计入事件', dataIndex: 'events', width: 90 },
        ]}
      />
      {data.events.length === 0 && <Alert type="info" showIcon message="本年度尚无计分事件" />}
      <Table<BreakdownEvent>
        rowKey="id"
        size="small"
        title={() => '考核事件（每一分的来源）'}
        dataSource={data.events}
        pagination={data.events.length > 20 ? { pageSize: 20, size: 'small' } : false}
        scroll={{ x: 960 }}
        rowClassName={(e) => (e.voided ? 'duban-row-voided' : '')}
        columns={[
          { title: '日期', dataIndex: 'date', width: 100 },
          { title: '事件', dataIndex: 'kindName', width: 130, render: (v: string, e) => (e.voided ? <del>{v}</del> : v) },
          { title: '计入指标', dataIndex: 'indicators', width: 130, render: (ids: string[]) => ids.map((id) => names[id]).join('、') || '—' },
          {
            title: '事项与环节',
            render: (_, e) => (
              <span>
                <Link to={`/items/${encodeURIComponent(e.itemId)}`}>{e.itemCode} {e.itemTitle}</Link>
                {e.stepName && (
                  <>
                    {' · '}
                    {e.taskId ? <Link to={`/tasks/${encodeURIComponent(e.taskId)}`}>{e.stepName}</Link> : e.stepName}
                  </>
                )}
              </span>
            ),
          },
          { title: '说明', dataIndex: 'note', width: 180, render: (v: string, e) => [v, e.voided && e.voidReason ? `已撤销：${e.voidReason}` : ''].filter(Boolean).join('；') || '—' },
          { title: '依据', dataIndex: 'clause', width: 200, ellipsis: true },
          {
            title: '申诉',
            width: 120,
            fixed: 'right',
            render: (_, e) =>
              e.appeal ? (
                <Tag color={STATUS_COLOR[e.appeal.status]} title={e.appeal.decisionReason ?? e.appeal.reason}>
                  {e.appeal.status === 'pending' ? '申诉待裁定' : e.appeal.statusName}
                </Tag>
              ) : e.appealable ? (
                <Button size="small" onClick={() => setAppealing(e)}>
                  申诉
                </Button>
              ) : (
                <span className="duban-muted">—</span>
              ),
          },
        ]}
      />
      {appealing && (
        <AppealModal
          event={appealing}
          onClose={() => setAppealing(null)}
          onFiled={() => {
            setAppealing(null);
            refresh();
          }}
        />
      )}
    </Space>
  );
}
