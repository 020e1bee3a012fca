/**
 * 公文模板: the Word templates every official document is made from. An administrator
 * downloads the active version, edits it in WPS or Word (the {字段} placeholders listed under
 * 可用字段 are filled from the item), and uploads it as a new version; the server refuses a
 * template naming a field it does not know, and the next document uses the new version.
 */
import { CloudDownloadOutlined, FileWordOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { useRequest } from 'ahooks';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, List, Modal, Row, Skeleton, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import dayjs from 'dayjs';
import React, { useEffect, useState } from 'react';
import AdminGuard from '@/components/admin/AdminGuard';
import PageTitle from '@/components/PageTitle';
import { type DocumentTemplate, fetchTemplates, templateDownloadLink, uploadTemplate } from '@/services/documents';
import { errorMessage, reportError } from '@/services/errors';

/** Largest template the page sends: the server's own bound for templates (which it also enforces, in Chinese). */
const MAX_TEMPLATE_BYTES = 5 * 1024 * 1024;

/** A size in bytes for people. */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A version number in words: version 0 is the one that comes with the system. */
function versionText(version: number): string {
  return version === 0 ? '系统内置版本' : `第 ${version} 版`;
}

/** The dialog that uploads a new version of one template. */
function UploadDialog({ template, onClose, onDone }: { template: DocumentTemplate | null; onClose(): void; onDone(version: number): void }) {
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setFiles([]);
    setNote('');
    setError(undefined);
  }, [template?.key]);

  const file = files[0]?.originFileObj as File | undefined;
  const send = async () => {
    if (!template) return;
    if (!file) {
      setError('请选择要上传的 Word 模板文件（.docx）');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const r = await uploadTemplate(template.key, file, note);
      onDone(r.version);
    } catch (err) {
      // The server names what is wrong (an unknown {字段}, a broken placeholder); keep the dialog open to fix and retry.
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!template}
      title={template ? `上传新版本：${template.name}` : ''}
      okText="上传"
      cancelText="取消"
      onOk={send}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnClose
      okButtonProps={{ 'data-testid': 'template-upload-submit' } as never}
    >
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Text type="secondary">上传后，新生成的公文立即使用新版本；已生成的公文不变。模板中只能使用“可用字段”中列出的字段，写作 {'{字段名}'}。</Typography.Text>
        <Upload.Dragger
          accept=".docx"
          maxCount={1}
          fileList={files}
          beforeUpload={(f) => {
            if (!/\.docx$/i.test(f.name)) {
              setError('只能上传 Word 文档（.docx）；.doc 或 WPS 格式请先另存为 .docx');
              return Upload.LIST_IGNORE;
            }
            if (f.size > MAX_TEMPLATE_BYTES) {
              setError(`模板文件不能超过 ${sizeText(MAX_TEMPLATE_BYTES)}`);
              return Upload.LIST_IGNORE;
            }
            setError(undefined);
            return false;
          }}
          onChange={({ fileList }) => setFiles(fileList.slice(-1))}
          data-testid="template-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或将 .docx 文件拖到此处</p>
          <p className="ant-upload-hint">在 WPS 或 Word 中编辑“下载当前版本”得到的文件后上传</p>
        </Upload.Dragger>
        <Input.TextArea
          placeholder="版本说明（选填），例如：调整督查函第二段措辞"
          maxLength={200}
          showCount
          autoSize={{ minRows: 2, maxRows: 4 }}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="template-upload-note"
        />
        {error && <Alert type="error" showIcon message="模板未上传" description={error} data-testid="template-upload-error" />}
      </Space>
    </Modal>
  );
}

/** One template: what it is, its versions and the fields it may use. */
function TemplateDetail({ template, onUpload }: { template: DocumentTemplate; onUpload(): void }) {
  return (
    <Card
      size="small"
      title={
        <span>
          <FileWordOutlined style={{ color: '#1b4f91' }} /> {template.name}
        </span>
      }
      extra={
        <Space wrap>
          <Button icon={<CloudDownloadOutlined />} href={templateDownloadLink(template.key)} target="_blank" data-testid="template-download">
            下载当前版本
          </Button>
          <Button type="primary" icon={<UploadOutlined />} onClick={onUpload} data-testid="template-upload-open">
            上传新版本
          </Button>
        </Space>
      }
      data-testid="template-detail"
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 8 }}>
        <Descriptions.Item label="公文种类">{template.docType}</Descriptions.Item>
        <Descriptions.Item label="当前版本">
          <span data-testid="template-active-version">{versionText(template.version)}</span>
        </Descriptions.Item>
        <Descriptions.Item label="印章位置">{template.hasSealPlaceholder ? '已设置' : <Typography.Text type="warning">未设置（盖章时印章位置不确定）</Typography.Text>}</Descriptions.Item>
      </Descriptions>
      <Tabs
        items={[
          {
            key: 'fields',
            label: `可用字段（${template.fields.length}）`,
            children: (
              <Table
                size="small"
                rowKey="name"
                dataSource={template.fields}
                pagination={false}
                data-testid="template-fields"
                columns={[
                  { title: '字段', dataIndex: 'name', width: 200, render: (n: string) => <Typography.Text code copyable={{ text: `{${n}}`, tooltips: ['复制', '已复制'] }}>{`{${n}}`}</Typography.Text> },
                  { title: '含义', dataIndex: 'description' },
                ]}
              />
            ),
          },
          {
            key: 'versions',
            label: `版本记录（${template.versions.length}）`,
            children: (
              <Table
                size="small"
                rowKey="version"
                dataSource={template.versions}
                pagination={false}
                data-testid="template-versions"
                columns={[
                  {
                    title: '版本',
                    dataIndex: 'version',
                    width: 150,
                    render: (v: number) => (
                      <Space size={4}>
                        {versionText(v)}
                        {v === template.version && <Tag color="green">使用中</Tag>}
                      </Space>
                    ),
                  },
                  { title: '说明', dataIndex: 'note', render: (n: string | null) => n || <span className="duban-muted">—</span> },
                  { title: '上传人', dataIndex: 'uploadedByName', width: 100, render: (n: string | null, r) => n ?? (r.version === 0 ? '系统' : r.uploadedBy ?? '—') },
                  { title: '上传时间', dataIndex: 'uploadedAt', width: 150, render: (t: number | null) => (t ? dayjs(t).format('YYYY-MM-DD HH:mm') : '—') },
                  { title: '大小', dataIndex: 'size', width: 90, render: (s: number) => sizeText(s) },
                  {
                    title: '操作',
                    key: 'download',
                    width: 80,
                    render: (_: unknown, r) => (
                      <a href={templateDownloadLink(template.key, r.version)} target="_blank" rel="noreferrer">
                        下载
                      </a>
                    ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}

/** The 公文模板 page. */
export default function TemplatesPage() {
  const { message } = App.useApp();
  const { data, loading, refresh } = useRequest(fetchTemplates, { onError: reportError });
  const [selected, setSelected] = useState<string>();
  const [uploading, setUploading] = useState<DocumentTemplate | null>(null);
  const templates = data ?? [];
  const current = templates.find((t) => t.key === selected) ?? templates[0];

  return (
    <AdminGuard>
      <PageTitle title="公文模板">
        <Typography.Text type="secondary">各类公文按这里的 Word 模板生成，版式符合 GB/T 9704—2012。修改措辞请下载当前版本，在 WPS 或 Word 中编辑后上传为新版本。</Typography.Text>
      </PageTitle>
      {loading && !data ? (
        <Skeleton active />
      ) : templates.length === 0 ? (
        <Empty description="暂无公文模板" />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={7}>
            <Card size="small" title="模板列表" styles={{ body: { padding: 0 } }}>
              <List
                dataSource={templates}
                data-testid="template-list"
                renderItem={(t) => (
                  <List.Item
                    onClick={() => setSelected(t.key)}
                    style={{ cursor: 'pointer', padding: '10px 16px', background: t.key === current?.key ? '#e8f0fb' : undefined }}
                    data-testid="template-list-item"
                    data-key={t.key}
                  >
                    <List.Item.Meta title={t.name} description={<span className="duban-muted">{t.docType === t.name ? `${t.fields.length} 个可用字段` : `${t.docType} · ${t.fields.length} 个可用字段`}</span>} />
                    <Tag bordered={false} color={t.version === 0 ? undefined : 'blue'}>
                      {t.version === 0 ? '内置' : `第 ${t.version} 版`}
                    </Tag>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
          <Col xs={24} lg={17}>{current && <TemplateDetail template={current} onUpload={() => setUploading(current)} />}</Col>
        </Row>
      )}
      <UploadDialog
        template={uploading}
        onClose={() => setUploading(null)}
        onDone={(version) => {
          message.success(`已上传${uploading?.name ?? '模板'}第 ${version} 版，新生成的公文将使用此版本`);
          setUploading(null);
          refresh();
        }}
      />
    </AdminGuard>
  );
}
