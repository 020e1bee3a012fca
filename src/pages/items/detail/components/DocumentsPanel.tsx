/** Official documents (numbered, sealed) and attachments of an item, plus the archive's material list (X8). */
import { ExclamationCircleOutlined, FilePdfOutlined, FileWordOutlined, LoadingOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Empty, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { SEALS, isKeyOf } from '@/engine/vocabulary';
import React from 'react';
import { formatSize } from '@/services/attachments';
import { documentPdfLink, pdfStateText } from '@/services/documents';
import { downloadUrl } from '@/services/request';
import type { ItemDetail, ItemDocument } from '../service';

/** Which version of the template a document was made from, in words. */
function templateVersionText(version: number | null | undefined): string {
  return !version ? '模板：系统内置版本' : `模板：第 ${version} 版`;
}

/** 下载 Word and 查看 PDF of one document, or why the PDF cannot be opened yet. */
function DocumentLinks({ d }: { d: ItemDocument }) {
  if (!d.hasContent) return <Typography.Text type="secondary">已编号，正文待生成</Typography.Text>;
  const state = pdfStateText(d.pdfStatus, d.pdfError);
  return (
    <Space size={12} wrap className="item-document-links">
      <a href={downloadUrl(d.url)} target="_blank" rel="noreferrer" data-testid="document-docx">
        <FileWordOutlined /> 下载 Word
      </a>
      {d.pdfStatus === 'ready' ? (
        <a href={documentPdfLink(d.id, d.pdfUrl)} target="_blank" rel="noreferrer" data-testid="document-pdf">
          <FilePdfOutlined /> 查看 PDF
        </a>
      ) : (
        state && (
          <Typography.Text type={d.pdfStatus === 'pending' ? 'secondary' : 'warning'} data-testid="document-pdf-state">
            {d.pdfStatus === 'pending' ? <LoadingOutlined /> : <ExclamationCircleOutlined />} {state}
          </Typography.Text>
        )
      )}
    </Space>
  );
}

/** Documents, attachments and required materials. */
export default function DocumentsPanel({ detail }: { detail: ItemDetail }) {
  const { documents, attachments, materials } = detail;
  return (
    <div data-testid="documents">
      <Typography.Title level={5} className="item-subtitle">
        公文
      </Typography.Title>
      {documents.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无公文" />
      ) : (
        <List
          size="small"
          dataSource={documents}
          renderItem={(d) => (
            <List.Item data-testid="document-row" data-document-id={d.id} extra={<DocumentLinks d={d} />}>
              <List.Item.Meta
                avatar={<FileWordOutlined style={{ fontSize: 20, color: '#1b4f91' }} />}
                title={
                  <span>
                    <Tag bordered={false} color="blue">
                      {d.docType}
                    </Tag>
                    {d.number}
                  </span>
                }
                description={
                  <Space direction="vertical" size={2}>
                    <span>
                      {d.title}
                      {d.seal && (
                        <Tag color="red" className="item-seal">
                          已盖{d.sealName ?? (isKeyOf(SEALS, d.seal) ? SEALS[d.seal] : d.seal)}
                          {d.sealedByName ? `（${d.sealedByName}）` : ''}
                        </Tag>
                      )}
                    </span>
                    {(d.recipientName || d.template) && (
                      <span className="duban-muted">
                        {d.recipientName && <span data-testid="document-recipient">主送：{d.recipientName}</span>}
                        {d.recipientName && d.template && '　'}
                        {d.template && <span data-testid="document-template">{templateVersionText(d.templateVersion)}</span>}
                      </span>
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
      <Typography.Title level={5} className="item-subtitle">
        附件
      </Typography.Title>
      {attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无附件" />
      ) : (
        <List
          size="small"
          dataSource={attachments}
          renderItem={(a) => (
            <List.Item extra={<span className="duban-muted">{dayjs(a.uploadedAt).format('YYYY-MM-DD HH:mm')}</span>}>
              <PaperClipOutlined />{' '}
              <a href={downloadUrl(a.url)} target="_blank" rel="noreferrer">
                {a.name}
              </a>{' '}
              <span className="duban-muted">{formatSize(a.size)}</span>
            </List.Item>
          )}
        />
      )}
      {materials.length > 0 && (
        <>
          <Typography.Title level={5} className="item-subtitle">
            归档材料清单
          </Typography.Title>
          <div className="item-materials">
            {materials.map((m) => (
              <Tag key={m}>{m}</Tag>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
