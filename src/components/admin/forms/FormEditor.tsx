/**
 * 表单 editor: the visual designer (设计) and the form's JSON schema in a code area
 * (高级), checked as you type (JSON syntax, shape, form lint), beside a live Formily
 * preview; deploy makes a new version with a plain-words summary of the changes, and
 * earlier versions can be viewed and loaded back.
 */
import { CloudUploadOutlined, DownloadOutlined, FormatPainterOutlined, HistoryOutlined, RollbackOutlined } from '@ant-design/icons';
import { createForm } from '@formily/core';
import { Alert, App, Button, Card, Col, Drawer, Input, List, Row, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import React, { Suspense, lazy, startTransition, useCallback, useEffect, useMemo, useState } from 'react';
import type { FormDefinition } from '../../../forms/types';
import FormRenderer from '@/components/FormRenderer';
import { ApiError } from '@/services/request';
import { reportError } from '@/services/errors';
import { deployForm, downloadText, getFormVersion, listFormVersions } from '../api';
import { checkForm } from './checkForm';
import PreviewBoundary from './PreviewBoundary';
import UploadTextButton from '../UploadTextButton';
import { summarizeChanges } from './designer/summary';

const FormDesigner = lazy(() => import('./designer/FormDesigner'));

/** Props of the editor. */
export interface FormEditorProps {
  /** The form's key when it is deployed (versions can be listed). */
  deployedKey: string | null;
  /** The text to start from. */
  initialText: string;
  onDeployed: (key: string) => void;
}

/** The JSON editor with checks and preview. */
export default function FormEditor({ deployedKey, initialText, onDeployed }: FormEditorProps) {
  const { message, modal } = App.useApp();
  const [text, setText] = useState(initialText);
  const [previewText, setPreviewText] = useState(initialText);
  const [serverErrors, setServerErrors] = useState<{ field: string; message: string }[]>([]);
  const [deploying, setDeploying] = useState(false);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [versions, setVersions] = useState<any[]>();
  const [versionsRefresh, setVersionsRefresh] = useState(0);
  const [mode, setMode] = useState('design');

  useEffect(() => {
    setText(initialText);
    setPreviewText(initialText);
    setServerErrors([]);
  }, [initialText]);
  // The preview follows the text after a short pause, not on every keystroke.
  useEffect(() => {
    const t = setTimeout(() => setPreviewText(text), 400);
    return () => clearTimeout(t);
  }, [text]);
  useEffect(() => {
    if (!versionsOpen || !deployedKey) return;
    listFormVersions(deployedKey).then(setVersions).catch(reportError);
  }, [versionsOpen, deployedKey, versionsRefresh]);

  const check = useMemo(() => checkForm(text), [text]);
  const preview = useMemo(() => checkForm(previewText).definition, [previewText]);
  const form = useMemo(() => createForm(), [previewText]);
  const errors = check.messages.filter((m) => m.severity === 'error');
  const dirty = text !== initialText;
  const key = check.definition?.key;
  const deployedDef = useMemo(() => (deployedKey ? checkForm(initialText).definition : null), [deployedKey, initialText]);
  // The designer's edits reach the JSON (and its checks) after the canvas has been painted.
  const onDesigned = useCallback((def: FormDefinition) => startTransition(() => setText(JSON.stringify(def, null, 2))), []);

  const format = () => {
    try {
      setText(JSON.stringify(JSON.parse(text), null, 2));
    } catch {
      message.error('JSON 有语法错误，无法格式化');
    }
  };

  const deploy = () => {
    if (!check.definition || errors.length) {
      message.error(`表单有 ${errors.length} 个错误，不能部署`);
      return;
    }
    const renamed = deployedKey && key !== deployedKey;
    const changes = summarizeChanges(renamed ? null : deployedDef, check.definition);
    modal.confirm({
      title: `部署表单“${check.definition.name}”`,
      width: 560,
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>{renamed ? `表单标识已改为“${key}”：将作为另一张表单部署，原表单“${deployedKey}”不变。` : '部署后成为新版本；各流程环节使用最新版本的表单。'}</span>
          <List
            size="small"
            bordered
            data-testid="deploy-summary"
            header={deployedDef && !renamed ? '与当前版本相比：' : '内容：'}
            dataSource={changes.length ? changes : ['与当前版本相比，没有看得见的变化']}
            renderItem={(line) => <List.Item>{line}</List.Item>}
          />
        </Space>
      ),
      okText: '部署',
      cancelText: '取消',
      onOk: async () => {
        setDeploying(true);
        setServerErrors([]);
        try {
          const r = await deployForm(JSON.parse(text));
          message.success(r.unchanged ? `内容未变化，仍为第 ${r.version} 版` : `已部署：第 ${r.version} 版`);
          setVersionsRefresh((n) => n + 1);
          onDeployed(r.key);
        } catch (err) {
          if (err instanceof ApiError && err.fields.length) setServerErrors(err.fields);
          reportError(err);
        } finally {
          setDeploying(false);
        }
      },
    });
  };

  const loadVersion = async (version: number) => {
    if (!deployedKey) return;
    try {
      const def = await getFormVersion(deployedKey, version);
      setText(JSON.stringify(def, null, 2));
      setVersionsOpen(false);
      message.info(`已载入第 ${version} 版；部署后将成为新版本`);
    } catch (err) {
      reportError(err);
    }
  };

  return (
    <div className="duban-form-editor" data-testid="form-editor">
      <Space wrap style={{ marginBottom: 8 }}>
        <Button icon={<FormatPainterOutlined />} onClick={format}>
          格式化
        </Button>
        <Button icon={<RollbackOutlined />} disabled={!dirty} onClick={() => setText(initialText)}>
          还原
        </Button>
        <Button icon={<HistoryOutlined />} disabled={!deployedKey} onClick={() => setVersionsOpen(true)}>
          版本
        </Button>
        <Button icon={<DownloadOutlined />} onClick={() => downloadText(`${key ?? 'form'}.json`, text, 'application/json')}>
          下载
        </Button>
        <UploadTextButton accept=".json,application/json" onText={(t) => setText(t)}>
          上传
        </UploadTextButton>
        <Button type="primary" icon={<CloudUploadOutlined />} loading={deploying} onClick={deploy}>
          部署
        </Button>
        {dirty && <Tag color="orange">有未部署的修改</Tag>}
      </Space>
      <Tabs
        activeKey={mode}
        onChange={setMode}
        items={[
          {
            key: 'design',
            label: '设计',
            children: check.definition ? (
              <Suspense fallback={null}>
                <FormDesigner definition={check.definition} deployed={deployedDef} deployedKey={deployedKey} onChange={onDesigned} />
              </Suspense>
            ) : (
              <Alert type="warning" showIcon message="表单 JSON 有误，请在“高级”中修正后再用设计器" />
            ),
          },
          {
            key: 'json',
            label: '高级',
            children: (
            <Row gutter={12}>
              <Col xs={24} xl={12}>
                <Input.TextArea
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  className="duban-code duban-form-json"
                  spellCheck={false}
                  aria-label="表单 JSON"
                  autoSize={{ minRows: 24, maxRows: 40 }}
                />
                <div className="duban-form-check" data-testid="form-check">
                  {check.messages.length === 0 && serverErrors.length === 0 ? (
                    <Alert type="success" showIcon message="检查通过，可以部署" />
                  ) : (
                    <List
                      size="small"
                      bordered
                      header={<Typography.Text strong>检查结果：{errors.length + serverErrors.length} 个错误，{check.messages.length - errors.length} 个提示</Typography.Text>}
                      dataSource={[...serverErrors.map((e) => ({ severity: 'error' as const, where: e.field, message: e.message })), ...check.messages]}
                      renderItem={(m) => (
                        <List.Item>
                          <Space align="start">
                            <Tag color={m.severity === 'error' ? 'red' : 'gold'}>{m.severity === 'error' ? '错误' : '提示'}</Tag>
                            <span>
                              <Typography.Text code>{m.where}</Typography.Text> {m.message}
                            </span>
                          </Space>
                        </List.Item>
                      )}
                    />
                  )}
                </div>
              </Col>
              <Col xs={24} xl={12}>
                <Card size="small" title={`预览：${preview?.name ?? ''}`} extra={preview?.document ? <Tag>{preview.document}</Tag> : null} data-testid="form-preview">
                  {preview ? (
                    <PreviewBoundary resetKey={previewText}>
                      <FormRenderer form={form} schema={preview.schema} />
                    </PreviewBoundary>
                  ) : (
                    <Alert type="warning" showIcon message="表单内容有误，修正后显示预览" />
                  )}
                </Card>
              </Col>
            </Row>
            ),
          },
        ]}
      />
      <Drawer title={`版本 — ${deployedKey ?? ''}`} width={560} open={versionsOpen} onClose={() => setVersionsOpen(false)}>
        <Table
          size="small"
          rowKey="version"
          loading={!versions}
          dataSource={versions}
          pagination={false}
          columns={[
            { title: '版本', dataIndex: 'version', render: (v: number, _r, i) => <Space>第 {v} 版{i === 0 && <Tag color="blue">最新</Tag>}</Space> },
            { title: '名称', dataIndex: 'name' },
            { title: '部署时间', dataIndex: 'deployedAt', render: (t: number) => dayjs(t).format('YYYY-MM-DD HH:mm') },
            { title: '部署人', dataIndex: 'deployedByName', render: (n: string, r: any) => (r.deployedBy === 'system' ? '系统初始化' : n) },
            { title: '', key: 'a', render: (_: unknown, r: any) => <a onClick={() => loadVersion(r.version)}>载入</a> },
          ]}
        />
      </Drawer>
    </div>
  );
}
