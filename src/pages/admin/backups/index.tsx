/**
 * 数据备份: the embedded SQLite database's backups — made daily while the server runs and
 * whenever an administrator asks — with a download link for each, so a copy can be kept
 * off this machine. On PostgreSQL the page says that backups are the DBA's.
 */
import { CloudDownloadOutlined, DatabaseOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import React, { useEffect, useState } from 'react';
import AdminGuard from '@/components/admin/AdminGuard';
import { backupDownloadUrl, listBackups, makeBackup, type BackupList } from '@/components/admin/api';
import PageTitle from '@/components/PageTitle';
import { reportError } from '@/services/errors';

/** A size in bytes for people: 12.3 MB. */
function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** The backups page. */
export default function BackupsPage() {
  const { message } = App.useApp();
  const [data, setData] = useState<BackupList>();
  const [making, setMaking] = useState(false);
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    listBackups().then(setData).catch(reportError);
  }, [refresh]);

  const make = () => {
    setMaking(true);
    makeBackup()
      .then((b) => {
        message.success(`已完成备份：${b.name}（${sizeText(b.bytes)}）`);
        setRefresh((n) => n + 1);
      })
      .catch(reportError)
      .finally(() => setMaking(false));
  };

  return (
    <AdminGuard>
      <PageTitle
        title="数据备份"
        extra={
          data?.supported && (
            <Button type="primary" icon={<DatabaseOutlined />} loading={making} onClick={make}>
              立即备份
            </Button>
          )
        }
      >
        <Typography.Text type="secondary">备份在系统运行中进行，不影响办理；每份备份都经过完整性校验后才保留。</Typography.Text>
      </PageTitle>
      {data && !data.supported && (
        <Alert type="info" showIcon message="当前使用 PostgreSQL 数据库" description="数据库的备份与恢复由数据库管理员使用 pg_dump 等工具完成，本页不提供备份。" />
      )}
      {data?.supported && (
        <Card size="small">
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={`系统每天自动备份一次，保留最近 ${data.keep} 份；备份存放在服务器的 ${data.dir} 目录。`}
            description="建议定期下载备份，另存到其他设备。恢复时先停止服务，用备份文件替换数据库文件（并删除同名的 -wal、-shm 文件），再启动服务。"
          />
          <Table
            size="small"
            rowKey="name"
            loading={!data}
            dataSource={data.rows}
            pagination={false}
            locale={{ emptyText: '尚无备份' }}
            columns={[
              { title: '备份文件', dataIndex: 'name' },
              { title: '备份时间', dataIndex: 'createdAt', render: (t: number) => dayjs(t).format('YYYY-MM-DD HH:mm:ss') },
              { title: '大小', dataIndex: 'bytes', render: (b: number) => sizeText(b) },
              {
                title: '操作',
                key: 'download',
                render: (_: unknown, r) => (
                  <a href={backupDownloadUrl(r.name)} download={r.name}>
                    <CloudDownloadOutlined /> 下载
                  </a>
                ),
              },
            ]}
          />
        </Card>
      )}
    </AdminGuard>
  );
}
