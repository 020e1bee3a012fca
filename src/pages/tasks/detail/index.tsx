/**
 * 办理 (task page): the step's form from the server (field permissions applied),
 * an opinion box, and the actions the step allows — its outcomes (同意/不同意…),
 * 退回, 转办, 委派, 加签, 催办, 申请延期, 撤回. Refusals appear next to the fields.
 */
import { DownOutlined } from '@ant-design/icons';
import { createForm } from '@formily/core';
import { useRequest } from 'ahooks';
import { Alert, Button, Card, Col, Dropdown, Result, Row, Skeleton, Space, Tag } from 'antd';
import type { MenuProps } from 'antd';
import React, { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'umi';
import Due from '@/components/Due';
import FormRenderer, { plainValues } from '@/components/FormRenderer';
import ItemTimeline, { type TimelineEntry } from '@/components/ItemTimeline';
import Light from '@/components/Light';
import PageTitle from '@/components/PageTitle';
import { TASK_ACTION_LABELS } from '@/locales';
import { applyFieldErrors, errorMessage, fieldErrorsOf, reportError, reportSuccess } from '@/services/errors';
import { request, type FieldError } from '@/services/request';
import { completeTask, findMyOpenTask } from '@/services/tasks';
import ActionDialog, { LEAVES_TASK, type DialogAction } from './components/ActionDialog';
import SealRequestCard from './components/SealRequestCard';
import OpinionBox from './components/OpinionBox';
import { editableFields, initialValues, renderedSchema } from './schema';
import { fetchTaskDetail } from './service';
import './index.less';

/** The task page; a new task id starts from a clean state. */
export default function TaskRoute() {
  const { id = '' } = useParams();
  return <TaskPage key={id} id={id} />;
}

function TaskPage({ id }: { id: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [opinion, setOpinion] = useState('');
  const [opinionError, setOpinionError] = useState<string>();
  const [refusal, setRefusal] = useState<{ message: string; unplaced: FieldError[] }>();
  const [busy, setBusy] = useState<string>();
  const [dialog, setDialog] = useState<DialogAction | null>(null);

  const { data: detail, loading, error, refresh } = useRequest(() => fetchTaskDetail(id), { refreshDeps: [id] });
  const timeline = useRequest(
    () => request<{ timeline: TimelineEntry[] }>(`/api/items/${encodeURIComponent(detail!.item.id)}`).then((d) => d.timeline),
    { ready: !!detail, refreshDeps: [detail?.item.id] },
  );
  const form = useMemo(() => createForm({ initialValues: detail ? initialValues(detail) : {} }), [detail]);
  const schema = useMemo(() => (detail?.form ? renderedSchema(detail.form.schema, detail.step.outcomes) : null), [detail]);

  // A refusal handed over by 发起事项 (the first step's data were refused): show it on the fields.
  useEffect(() => {
    const handed = (location.state as { refusal?: unknown } | null)?.refusal;
    if (!detail || !handed) return;
    const t = setTimeout(() => setRefusal({ message: errorMessage(handed), unplaced: applyFieldErrors(form, handed) }), 0);
    return () => clearTimeout(t);
  }, [detail, form, location.state]);

  if (loading && !detail) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (error || !detail) {
    return (
      <Result
        status="warning"
        title="无法打开该任务"
        subTitle={errorMessage(error)}
        extra={<Button onClick={() => navigate('/workbench')}>返回工作台</Button>}
      />
    );
  }

  const { task, item, step, actions } = detail;
  const canComplete = actions.includes('complete');
  const outcomes = step.outcomes;

  const goOn = async (message: string) => {
    reportSuccess(message);
    const next = await findMyOpenTask(item.id).catch(() => undefined);
    navigate(next ? `/tasks/${encodeURIComponent(next.id)}` : '/workbench', { replace: !!next });
  };

  const submit = async (outcome?: string) => {
    setRefusal(undefined);
    setOpinionError(undefined);
    if (outcome && detail.form?.schema.properties?.outcome) form.setValuesIn('outcome', outcome);
    try {
      await form.validate();
    } catch {
      setRefusal({ message: '表单尚有未正确填写的内容，请按标红提示修改', unplaced: [] });
      return;
    }
    if (outcome && detail.step.opinionRequired.includes(outcome) && !opinion.trim()) {
      setOpinionError(`选择“${outcome}”时须填写办理意见`);
      return;
    }
    const values = plainValues(form);
    const names = detail.form ? editableFields(detail.form.schema) : [];
    const data = Object.fromEntries(Object.entries(values).filter(([k]) => names.includes(k)));
    setBusy(outcome ?? 'submit');
    try {
      await completeTask(task.id, { ...(outcome ? { outcome } : {}), ...(opinion.trim() ? { opinion: opinion.trim() } : {}), ...(detail.form ? { data } : {}) });
      await goOn(outcome ? `已办理：${outcome}` : '已提交');
    } catch (err) {
      const unplaced = applyFieldErrors(form, err);
      const opinionMsg = unplaced.find((f) => f.field === 'opinion');
      if (opinionMsg) setOpinionError(opinionMsg.message);
      setRefusal({ message: errorMessage(err), unplaced: unplaced.filter((f) => f.field !== 'opinion') });
      if (!fieldErrorsOf(err).length) reportError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const side: DialogAction[] = (['sendBack', 'reassign', 'delegate', 'addSigner', 'requestExtension', 'urge', 'withdraw'] as const).filter((a) =>
    actions.includes(a),
  );
  // On a phone the main buttons stay visible; the rest go under 更多.
  const [primarySide, moreSide] = [side.filter((a) => a === 'sendBack' || a === 'urge' || a === 'withdraw'), side.filter((a) => a !== 'sendBack' && a !== 'urge' && a !== 'withdraw')];
  const more: MenuProps = { items: moreSide.map((a) => ({ key: a, label: TASK_ACTION_LABELS[a] })), onClick: ({ key }) => setDialog(key as DialogAction) };

  const status = (() => {
    if (task.status === 'completed') return <Alert type="success" showIcon message={`该环节已由 ${task.actorName ?? '—'} 办理${task.outcome ? `（${task.outcome}）` : ''}`} />;
    if (task.status === 'cancelled') return <Alert type="info" showIcon message="该环节已取消" />;
    if (task.suspended) return <Alert type="warning" showIcon message="该环节已加签，正在等待加签人先行办理" />;
    if (!canComplete) return <Alert type="info" showIcon message={`该环节由 ${task.assignee} 办理，您可以查看${actions.includes('urge') ? '或催办' : ''}`} />;
    if (task.delegated || task.owner) return <Alert type="info" showIcon message={`本环节由 ${task.owner ?? '委派人'} 委派给您办理，办理后回到委派人`} />;
    return null;
  })();

  return (
    <div className="task-page" data-testid="task-page">
      <PageTitle
        title={step.name}
        extra={
          <Space wrap>
            <Light light={task.status === 'open' ? task.light : null} withLabel />
            <Due date={task.dueDate} original={task.originalDueDate} />
          </Space>
        }
      >
        <div className="task-item-line">
          <Tag color="blue" bordered={false}>
            {item.procedureName}
          </Tag>
          <Link to={`/items/${encodeURIComponent(item.id)}`} data-testid="task-item-link">
            {item.title}
          </Link>
          <span className="duban-muted">{item.code}</span>
          {task.urges > 0 && <Tag color="orange">已催办 {task.urges} 次</Tag>}
        </div>
      </PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {status}
            {step.documentation && canComplete && <Alert type="info" message="办理要求" description={step.documentation} className="task-guide" />}
            {refusal && (
              <Alert
                type="error"
                showIcon
                message={refusal.message}
                description={refusal.unplaced.length ? refusal.unplaced.map((f) => <div key={f.field + f.message}>{f.message}</div>) : undefined}
                data-testid="form-refusal"
              />
            )}
            {detail.sealRequest && <SealRequestCard request={detail.sealRequest} />}
            {detail.form && schema && (
              <Card title={detail.form.name} extra={detail.form.document && detail.form.document !== detail.form.name && <Tag>{detail.form.document}</Tag>}>
                <FormRenderer form={form} schema={schema} readPretty={!canComplete} scope={{ itemId: item.id, taskId: task.id }} />
              </Card>
            )}
            {canComplete && (
              <Card title="办理意见">
                <OpinionBox value={opinion} onChange={(v) => { setOpinion(v); setOpinionError(undefined); }} error={opinionError} />
              </Card>
            )}
            {(canComplete || side.length > 0) && (
              <div className="task-actions" data-testid="task-actions">
                {canComplete &&
                  (outcomes.length > 0 ? (
                    outcomes.map((o, i) => (
                      <Button
                        key={o}
                        type={i === 0 ? 'primary' : 'default'}
                        danger={detail.step.negativeOutcomes.includes(o)}
                        loading={busy === o}
                        disabled={!!busy && busy !== o}
                        onClick={() => submit(o)}
                        data-testid={`outcome-${o}`}
                      >
                        {o}
                      </Button>
                    ))
                  ) : (
                    <Button type="primary" loading={busy === 'submit'} disabled={!!busy} onClick={() => submit()} data-testid="task-submit">
                      提交
                    </Button>
                  ))}
                {primarySide.map((a) => (
                  <Button key={a} onClick={() => setDialog(a)} data-testid={`action-${a}`}>
                    {TASK_ACTION_LABELS[a]}
                  </Button>
                ))}
                {moreSide.length > 0 && (
                  <Dropdown menu={more} trigger={['click']}>
                    <Button data-testid="action-more">
                      更多 <DownOutlined />
                    </Button>
                  </Dropdown>
                )}
              </div>
            )}
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="办理记录" size="small" extra={<Link to={`/items/${encodeURIComponent(item.id)}`}>事项详情</Link>}>
            {timeline.loading ? <Skeleton active /> : <ItemTimeline entries={timeline.data ?? []} compact />}
          </Card>
        </Col>
      </Row>
      <ActionDialog
        action={dialog}
        detail={detail}
        onClose={() => setDialog(null)}
        onDone={(a) => {
          setDialog(null);
          if (LEAVES_TASK.includes(a)) navigate('/workbench');
          else {
            refresh();
            timeline.refresh();
          }
        }}
      />
    </div>
  );
}
