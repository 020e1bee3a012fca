/** Extension requests (延期申请) waiting for my review (R7) or approval (R5), decided in place. */
import { Button, Input, List, Modal, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { Link } from 'umi';
import { EXTENSION_STATUS_LABELS } from '@/locales';
import { reportError, reportSuccess } from '@/services/errors';
import { useRequest } from 'ahooks';
import { fetchPeople } from '@/services/directory';
import { decideExtension, fetchTaskHeading, type ExtensionSummary } from '../service';

/** One request's heading: the item and the step, looked up from its task. */
function RequestHeading({ ext }: { ext: ExtensionSummary }) {
  const { data } = useRequest(() => fetchTaskHeading(ext.taskId), { cacheKey: `task-heading-${ext.taskId}` });
  return <Link to={`/items/${encodeURIComponent(ext.itemId)}`}>{data ? `${data.itemTitle}（${data.stepName}）` : '延期申请'}</Link>;
}

/** The pending extension requests with 同意 / 不同意. */
export default function ExtensionDecisions({ items, onDecided }: { items: ExtensionSummary[]; onDecided: () => void }) {
  const [deciding, setDeciding] = useState<{ ext: ExtensionSummary; approve: boolean }>();
  const [opinion, setOpinion] = useState('');
  const [busy, setBusy] = useState(false);
  const { data: people } = useRequest(fetchPeople);
  const nameOf = (id: string) => people?.find((p) => p.id === id)?.name ?? id;

  const submit = async () => {
    if (!deciding) return;
    setBusy(true);
    try {
      await decideExtension(deciding.ext.id, deciding.approve, opinion.trim());
      reportSuccess(deciding.approve ? '已同意延期申请' : '已退回延期申请');
      setDeciding(undefined);
      setOpinion('');
      onDecided();
    } catch (err) {
      reportError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <List
        dataSource={items}
        locale={{ emptyText: '暂无待审批的延期申请' }}
        renderItem={(e) => (
          <List.Item
            data-testid="extension-item"
            actions={[
              <Button key="ok" type="primary" size="small" onClick={() => setDeciding({ ext: e, approve: true })}>
                同意
              </Button>,
              <Button key="no" danger size="small" onClick={() => setDeciding({ ext: e, approve: false })}>
                不同意
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={<RequestHeading ext={e} />}
              description={
                <Space direction="vertical" size={0}>
                  <span>
                    {nameOf(e.requestedBy)} 申请将期限由 {e.currentDue ?? '—'} 延至{' '}
                    <Typography.Text strong>{e.newDue}</Typography.Text>
                  </span>
                  <span className="duban-muted">
                    理由：{e.reason} · {EXTENSION_STATUS_LABELS[e.status] ?? e.status} · {dayjs(e.createdAt).format('MM-DD HH:mm')}
                  </span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={!!deciding}
        title={deciding?.approve ? '同意延期' : '不同意延期'}
        okText="确定"
        cancelText="取消"
        confirmLoading={busy}
        okButtonProps={{ disabled: !deciding?.approve && !opinion.trim() }}
        onOk={submit}
        onCancel={() => setDeciding(undefined)}
        destroyOnHidden
      >
        <Input.TextArea
          rows={4}
          value={opinion}
          onChange={(ev) => setOpinion(ev.target.value)}
          placeholder={deciding?.approve ? '意见（选填）' : '请写明不同意的理由'}
          maxLength={500}
          showCount
        />
        {!deciding?.approve && !opinion.trim() && <Typography.Text type="secondary">不同意时须写明理由。</Typography.Text>}
      </Modal>
    </>
  );
}
