/**
 * The dialogs of a task's side actions: 退回, 转办, 委派, 加签, 催办, 申请延期, 撤回.
 * Each collects what the server needs; server refusals appear next to the fields.
 */
import { DatePicker, Form, Input, Modal, Radio, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import React, { useState } from 'react';
import { UnitSelect } from '@/components/UnitPicker/UnitSelect';
import { UserSelect } from '@/components/UserPicker/UserSelect';
import { WorkdayHint } from '@/components/WorkdayDatePicker';
import { TASK_ACTION_LABELS, URGE_METHOD_LABELS } from '@/locales';
import { applyAntdFieldErrors, reportError, reportSuccess } from '@/services/errors';
import { ApiError } from '@/services/request';
import * as api from '../service';
import type { TaskDetail } from '../service';

/** The side actions that open a dialog. */
export type DialogAction = 'sendBack' | 'reassign' | 'delegate' | 'addSigner' | 'urge' | 'requestExtension' | 'withdraw';

const SUCCESS: Record<DialogAction, string> = {
  sendBack: '已退回',
  reassign: '已转办',
  delegate: '已委派',
  addSigner: '已加签',
  urge: '已催办',
  requestExtension: '延期申请已提交，按流程审核、审定后生效',
  withdraw: '已撤回',
};

/** Actions after which the task is no longer the user's to do. */
export const LEAVES_TASK: DialogAction[] = ['sendBack', 'reassign', 'delegate', 'withdraw'];

interface Props {
  action: DialogAction | null;
  detail: TaskDetail;
  onClose: () => void;
  onDone: (action: DialogAction) => void;
}

/** One dialog for whichever side action is open. */
export default function ActionDialog({ action, detail, onClose, onDone }: Props) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const targetKind = Form.useWatch('targetKind', form) ?? 'user';
  const newDue = Form.useWatch('newDue', form) as dayjs.Dayjs | undefined;
  const id = detail.task.id;

  const submit = async () => {
    if (!action) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const to = (): api.Assignment => (v.targetKind === 'unit' ? { type: 'unit', value: v.unit } : { type: 'user', value: v.user });
    setBusy(true);
    try {
      switch (action) {
        case 'sendBack':
          await api.sendBack(id, v.target, v.opinion.trim());
          break;
        case 'reassign':
          await api.reassign(id, to(), v.opinion?.trim());
          break;
        case 'delegate':
          await api.delegate(id, { type: 'user', value: v.user }, v.opinion?.trim());
          break;
        case 'addSigner':
          await api.addSigner(id, { type: 'user', value: v.user }, v.position, v.opinion?.trim());
          break;
        case 'urge':
          await api.urge(id, v.method, v.note?.trim());
          break;
        case 'requestExtension':
          await api.requestExtension(id, (v.newDue as dayjs.Dayjs).format('YYYY-MM-DD'), v.reason.trim());
          break;
        case 'withdraw':
          await api.withdraw(id, v.opinion?.trim());
          break;
      }
      reportSuccess(SUCCESS[action]);
      form.resetFields();
      onDone(action);
    } catch (err) {
      // The server names the assignee `to` / `signer`; this dialog calls it `user` or `unit`.
      const rename: Record<string, string> = { to: targetKind === 'unit' ? 'unit' : 'user', signer: 'user' };
      const mapped = err instanceof ApiError ? new ApiError(err.code, err.message, err.status, err.fields.map((f) => ({ ...f, field: rename[f.field] ?? f.field }))) : err;
      if (!applyAntdFieldErrors(form, mapped)) reportError(err);
    } finally {
      setBusy(false);
    }
  };

  const opinion = (required: boolean, label = '意见') => (
    <Form.Item name="opinion" label={label} rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []}>
      <Input.TextArea rows={3} maxLength={2000} showCount placeholder={required ? `请填写${label}` : '选填'} />
    </Form.Item>
  );

  const body = (() => {
    switch (action) {
      case 'sendBack':
        return (
          <>
            <Form.Item name="target" label="退回至" rules={[{ required: true, message: '请选择退回的环节' }]}>
              <Radio.Group>
                {detail.sendBackTargets.map((t) => (
                  <Radio key={t.elementId} value={t.elementId} style={{ display: 'flex', marginBottom: 6 }}>
                    {t.name}
                    {t.actor && <span className="duban-muted">（{t.actor}）</span>}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            {opinion(true, '退回理由')}
          </>
        );
      case 'reassign':
        return (
          <>
            <Form.Item name="targetKind" label="转办给" initialValue="user">
              <Segmented options={[{ label: '人员', value: 'user' }, { label: '单位', value: 'unit' }]} />
            </Form.Item>
            {targetKind === 'unit' ? (
              <Form.Item name="unit" label="承办单位" rules={[{ required: true, message: '请选择单位' }]}>
                <UnitSelect />
              </Form.Item>
            ) : (
              <Form.Item name="user" label="办理人" rules={[{ required: true, message: '请选择办理人' }]}>
                <UserSelect />
              </Form.Item>
            )}
            {opinion(false, '转办说明')}
          </>
        );
      case 'delegate':
        return (
          <>
            <Form.Item name="user" label="委派给" rules={[{ required: true, message: '请选择被委派人' }]} extra="被委派人办理后，任务回到您这里确认。">
              <UserSelect />
            </Form.Item>
            {opinion(false, '委派说明')}
          </>
        );
      case 'addSigner':
        return (
          <>
            <Form.Item name="user" label="加签人" rules={[{ required: true, message: '请选择加签人' }]}>
              <UserSelect />
            </Form.Item>
            <Form.Item name="position" label="加签方式" initialValue="before">
              <Radio.Group>
                <Radio value="before">前加签（加签人先办理，再回到我）</Radio>
                <Radio value="after">后加签（我办理后，再由加签人办理）</Radio>
              </Radio.Group>
            </Form.Item>
            {opinion(false, '加签说明')}
          </>
        );
      case 'urge':
        return (
          <>
            <Form.Item name="method" label="催办方式" initialValue="system" rules={[{ required: true, message: '请选择催办方式' }]}>
              <Select options={Object.entries(URGE_METHOD_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="note" label="催办内容">
              <Input.TextArea rows={3} maxLength={2000} showCount placeholder="如：请于本周五前报送办理结果" />
            </Form.Item>
          </>
        );
      case 'requestExtension':
        return (
          <>
            <Form.Item label="当前期限">{detail.task.dueDate ?? '—'}</Form.Item>
            <Form.Item
              name="newDue"
              label="延期至"
              rules={[{ required: true, message: '请选择新的期限' }]}
              extra={newDue ? <WorkdayHint date={newDue.format('YYYY-MM-DD')} /> : '延期申请由督查室主任审核、县政府办主任审定'}
            >
              <DatePicker
                style={{ width: '100%' }}
                disabledDate={(d) => !!detail.task.dueDate && d.format('YYYY-MM-DD') <= detail.task.dueDate}
                placeholder="请选择日期"
              />
            </Form.Item>
            <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请写明延期理由' }]}>
              <Input.TextArea rows={4} maxLength={2000} showCount placeholder="请写明不能按期办结的原因及目前进展" />
            </Form.Item>
          </>
        );
      case 'withdraw':
        return opinion(false, '撤回说明');
      default:
        return null;
    }
  })();

  return (
    <Modal
      open={!!action}
      title={action ? TASK_ACTION_LABELS[action] : ''}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" preserve={false} data-testid={`dialog-${action}`}>
        {body}
      </Form>
    </Modal>
  );
}
