/** Official documents (numbered, sealed) and attachments of an item, plus the archive's material list (X8). */
import { FileWordOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Empty, List, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { SEALS, isKeyOf } from '@/engine/vocabulary';
import React from 'react';
import { formatSize } from '@/services/attachments';
import { downloadUrl } from '@/services/request';
import type { ItemDetail } from '../service';

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
            <List.Item
              extra={
                d.hasContent ? (
                  <a href={downloadUrl(d.url)} target="_blank" rel="noreferrer">
                    下载
                  </a>
                ) : (
                  <Typography.Text type="secondary">已编号，正文待生成</Typography.Text>
                )
              }
            >
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
                  <span>
                    {d.title}
                    {d.seal && (
                      <Tag color="red" className="item-seal">
                        已盖{isKeyOf(SEALS, d.seal) ? SEALS[d.seal] : d.seal}
                        {d.sealedByName ? `（${d.sealedByName}）` : ''}
                      </Tag>
                    )}
                  </span>
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
