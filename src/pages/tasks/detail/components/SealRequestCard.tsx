/** 待用印公文: on a 用印审批 step, the documents the keeper is asked to seal, each to read before deciding. */
import { FilePdfOutlined, FileWordOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, List, Space, Tag, Typography } from 'antd';
import React from 'react';
import { documentPdfLink, pdfStateText } from '@/services/documents';
import { downloadUrl } from '@/services/request';
import type { SealRequest } from '../service';

/** The card listing the documents of a seal request with their 下载 Word / 查看 PDF links. */
export default function SealRequestCard({ request }: { request: SealRequest }) {
  return (
    <Card
      title={
        <span>
          <SafetyCertificateOutlined style={{ color: '#c0392b' }} /> 待用印公文
        </span>
      }
      extra={
        <Tag color="red" data-testid="seal-request-seal">
          申请加盖：{request.sealName}
        </Tag>
      }
      data-testid="seal-request"
    >
      <List
        size="small"
        dataSource={request.documents}
        locale={{ emptyText: '没有待用印的公文' }}
        renderItem={(d) => {
          const state = pdfStateText(d.pdfStatus);
          return (
            <List.Item
              data-testid="seal-request-document"
              extra={
                <Space size={12} wrap>
                  <a href={downloadUrl(d.downloadUrl)} target="_blank" rel="noreferrer">
                    <FileWordOutlined /> 下载 Word
                  </a>
                  {d.pdfStatus === 'ready' ? (
                    <a href={documentPdfLink(d.id, d.pdfUrl)} target="_blank" rel="noreferrer">
                      <FilePdfOutlined /> 查看 PDF
                    </a>
                  ) : (
                    state && <Typography.Text type="secondary">{state}</Typography.Text>
                  )}
                </Space>
              }
            >
              <List.Item.Meta
                title={
                  <span>
                    <Tag bordered={false} color="blue">
                      {d.docType}
                    </Tag>
                    {d.number}
                  </span>
                }
                description={
                  <span>
                    {d.title}
                    {d.recipientName && <span className="duban-muted">　主送：{d.recipientName}</span>}
                  </span>
                }
              />
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
