/**
 * 发起事项: choose a procedure, choose its start source (启动来源), fill the first
 * form and register the item. Procedures come from the deployed diagrams, none is hard-coded.
 */
import { createForm } from '@formily/core';
import { useRequest } from 'ahooks';
import { Alert, Button, Card, Col, Empty, Radio, Result, Row, Skeleton, Space, Steps, Typography } from 'antd';
import React, { useMemo, useState } from 'react';
import { useNavigate } from 'umi';
import FormRenderer, { plainValues } from '@/components/FormRenderer';
import PageTitle from '@/components/PageTitle';
import { mayStartProcedure } from '@/access';
import { useSession } from '@/layouts/session';
import { applyFieldErrors, errorMessage, reportError, reportSuccess } from '@/services/errors';
import type { FieldError } from '@/services/request';
import { completeTask, findMyOpenTask } from '@/services/tasks';
import { fetchProcedures, fetchStartForm, startItem, type FormPayload, type Procedure } from './service';
import './index.less';

/** The schema shown at registration: the first step's form, with an 事项名称 field when the form has none to fill. */
export function registrationSchema(payload: FormPayload): Record<string, any> {
  if (payload.editable.includes('title')) return payload.schema;
  const { title: _hidden, ...rest } = payload.schema.properties ?? {};
  // First by key order: the forms set no x-index, and Formily renders in declaration order.
  const properties = {
    title: {
      type: 'string',
      title: '事项名称',
      required: true,
      'x-decorator': 'FormItem',
      'x-component': 'Input',
      'x-validator': [{ maxLength: 200, message: '事项名称不得超过200字' }],
    },
    ...rest,
  };
  return { ...payload.schema, properties };
}

/** The start page. */
export default function StartPage() {
  const navigate = useNavigate();
  const [procedure, setProcedure] = useState<Procedure>();
  const [source, setSource] = useState<string>();
  const [step, setStep] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const [refusal, setRefusal] = useState<string>();

  const { user } = useSession();
  // Only the procedures the policy lets this person register.
  const procedures = useRequest(async () => (await fetchProcedures()).filter((p) => mayStartProcedure(user, p.key)), { onError: reportError, refreshDeps: [user?.id] });
  const startForm = useRequest(() => fetchStartForm(procedure!.key), { ready: !!procedure, refreshDeps: [procedure?.key] });
  const schema = useMemo(() => (startForm.data ? registrationSchema(startForm.data) : undefined), [startForm.data]);
  const form = useMemo(
    () => createForm({ initialValues: source ? { source } : {}, validateFirst: false }),
    // A new procedure or source starts a fresh form.
    [procedure?.key, source, startForm.data],
  );

  const choose = (p: Procedure) => {
    setProcedure(p);
    setSource(p.startSources.length === 1 ? p.startSources[0].code : undefined);
    setStep(p.startSources.length > 0 ? 1 : 2);
  };

  const submit = async () => {
    const payload = startForm.data;
    if (!procedure || !payload) return;
    setUnplaced([]);
    setRefusal(undefined);
    try {
      await form.validate();
    } catch {
      setRefusal('表单尚有未正确填写的内容，请按标红提示修改');
      return;
    }
    const values = plainValues(form);
    const data = Object.fromEntries(Object.entries(values).filter(([k]) => payload.editable.includes(k)));
    const deadline = typeof values.deadline === 'string' ? values.deadline : undefined;
    setSubmitting(true);
    let itemId: string | undefined;
    try {
      const res = await startItem({ procedureKey: procedure.key, title: String(values.title ?? '').trim(), source, deadline, vars: data });
      itemId = res.itemId;
      // Registering fills the first step's form: complete that step when it is the registrant's.
      const first = await findMyOpenTask(res.itemId);
      if (first && first.outcomes.length === 0) {
        try {
          await completeTask(first.id, { data });
        } catch (err) {
          reportError(err);
          navigate(`/tasks/${encodeURIComponent(first.id)}`, { state: { refusal: err } });
          return;
        }
        const next = await findMyOpenTask(res.itemId);
        reportSuccess(`已登记并提交：${res.code}`);
        navigate(next ? `/tasks/${encodeURIComponent(next.id)}` : `/items/${encodeURIComponent(res.itemId)}`);
      } else {
        reportSuccess(`已登记：${res.code}`);
        navigate(first ? `/tasks/${encodeURIComponent(first.id)}` : `/items/${encodeURIComponent(res.itemId)}`);
      }
    } catch (err) {
      if (itemId) {
        // The item exists; what failed was reading its next step.
        reportError(err);
        navigate(`/items/${encodeURIComponent(itemId)}`);
        return;
      }
      setUnplaced(applyFieldErrors(form, err));
      setRefusal(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="start-page">
      <PageTitle title="发起事项" />
      <Card>
        <Steps
          current={step}
          size="small"
          responsive
          className="start-steps"
          items={[
            { title: '选择流程', description: procedure?.name },
            { title: '选择启动来源', description: procedure?.startSources.find((s) => s.code === source)?.label.slice(0, 12) },
            { title: '填写登记表' },
          ]}
        />
        {step === 0 && (
          <>
            {procedures.loading && <Skeleton active />}
            {!procedures.loading && (procedures.data ?? []).length === 0 && <Empty description="暂无可发起的流程，请联系系统管理员部署流程" />}
            <Row gutter={[12, 12]}>
              {(procedures.data ?? []).map((p) => (
                <Col key={p.key} xs={24} sm={12} lg={8}>
                  <Card
                    hoverable
                    className="start-procedure"
                    onClick={() => choose(p)}
                    data-testid={`procedure-${p.key}`}
                  >
                    <Space align="start">
                      <span className="start-procedure-code">{p.category}</span>
                      <div>
                        <div className="start-procedure-name">{p.name}</div>
                        <Typography.Text type="secondary" className="start-procedure-meta">
                          {p.startSources.length > 0 ? `${p.startSources.length} 种启动来源` : '无需选择来源'} · 第 {p.version} 版
                        </Typography.Text>
                      </div>
                    </Space>
                  </Card>
                </Col>
              ))}
            </Row>
          </>
        )}
        {step === 1 && procedure && (
          <div className="start-sources">
            <Typography.Paragraph type="secondary">请按督查工作制度列明的启动情形选择本事项的来源：</Typography.Paragraph>
            <Radio.Group value={source} onChange={(e) => setSource(e.target.value)} className="start-source-group">
              <Space direction="vertical">
                {procedure.startSources.map((s) => (
                  <Radio key={s.code} value={s.code} data-testid={`source-${s.code}`}>
                    {s.label}
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
            <div className="start-actions">
              <Button onClick={() => setStep(0)}>上一步</Button>
              <Button type="primary" disabled={!source} onClick={() => setStep(2)}>
                下一步
              </Button>
            </div>
          </div>
        )}
        {step === 2 && procedure && (
          <div className="start-form">
            {startForm.loading && <Skeleton active paragraph={{ rows: 8 }} />}
            {startForm.error && <Result status="warning" title="无法加载登记表" subTitle={errorMessage(startForm.error)} />}
            {!startForm.loading && !startForm.error && startForm.data === null && (
              <Result status="warning" title="该流程的第一个环节没有登记表" subTitle="请联系系统管理员检查流程设计。" />
            )}
            {startForm.data && (
              <>
                <Typography.Title level={5} className="start-form-title">
                  {startForm.data.name}
                  <Typography.Text type="secondary" className="start-form-step">
                    第一环节：{startForm.data.stepName}
                  </Typography.Text>
                </Typography.Title>
                {refusal && (
                  <Alert
                    type="error"
                    showIcon
                    className="start-refusal"
                    message={refusal}
                    description={unplaced.length > 0 ? unplaced.map((f) => <div key={f.field + f.message}>{f.message}</div>) : undefined}
                    data-testid="form-refusal"
                  />
                )}
                <FormRenderer form={form} schema={schema!} />
                <div className="start-actions">
                  <Button onClick={() => setStep(procedure.startSources.length > 0 ? 1 : 0)}>上一步</Button>
                  <Button type="primary" loading={submitting} onClick={submit} data-testid="start-submit">
                    登记并发起
                  </Button>
                </div>
              </>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}
