/** 版本: every deployed version of a process with the items on each; load one into the designer or download it as a .bpmn file. */
import { Button, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import React, { useEffect, useState } from 'react';
import { reportError } from '@/services/errors';
import { downloadText, getDefinition, listVersions, type DefinitionVersion } from '../api';

/** The versions table of one process. */
export default function VersionsPanel({ processKey, current, refresh, onLoad }: { processKey: string; current?: number; refresh: number; onLoad: (version: number) => void }) {
  const [rows, setRows] = useState<DefinitionVersion[]>();
  useEffect(() => {
    let live = true;
    listVersions(processKey)
      .then((r) => live && setRows(r))
      .catch((err) => {
        if (live) setRows([]);
        reportError(err);
      });
    return () => {
      live = false;
    };
  }, [processKey, refresh]);
  const download = async (version: number) => {
    try {
      const d = await getDefinition(processKey, version);
      downloadText(`${processKey}-v${version}.bpmn`, d.xml);
    } catch (err) {
      reportError(err);
    }
  };
  return (
    <Table
      size="small"
      rowKey="version"
      loading={!rows}
      dataSource={rows}
      pagination={false}
      data-testid="versions"
      columns={[
        {
          title: '版本',
          dataIndex: 'version',
          width: 90,
          render: (v: number, _r, i) => (
            <Space size={4}>
              第 {v} 版{i === 0 && <Tag color="blue">最新</Tag>}
              {v === current && <Tag color="green">正在编辑</Tag>}
            </Space>
          ),
        },
        { title: '部署时间', dataIndex: 'deployedAt', width: 150, render: (t: number) => dayjs(t).format('YYYY-MM-DD HH:mm') },
        { title: '部署人', dataIndex: 'deployedByName', width: 90, render: (n: string, r) => (r.deployedBy === 'system' ? '系统初始化' : n) },
        { title: '在办事项', dataIndex: 'running', width: 80, render: (n: number) => <span data-testid="running-count">{n}</span> },
        { title: '已办结', dataIndex: 'completed', width: 70 },
        {
          title: '操作',
          key: 'actions',
          render: (_: unknown, r: DefinitionVersion) => (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => onLoad(r.version)}>
                载入编辑
              </Button>
              <Button type="link" size="small" onClick={() => download(r.version)}>
                下载
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}
