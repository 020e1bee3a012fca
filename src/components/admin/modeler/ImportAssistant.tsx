/**
 * 导入助手: opens a diagram from Camunda 7/8, Flowable or Activiti, shows what it
 * says in a review table (who handles each step, which form, conditions, due
 * dates and timers), lets the administrator map each group or user to a role, a
 * unit or a person and each form key to one of our forms, and hands the
 * translated diagram to the designer, with the list of what could not be carried.
 */
import { ImportOutlined } from '@ant-design/icons';
import { Alert, Empty, List, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { decodeDiagram } from '@/engine/definition/encoding';
import { applyImport, inspectImport, type ImportMapping, type ImportReport, type ImportTarget } from '@/engine/import';
import type { FormSummary } from '../api';
import UploadTextButton from '../UploadTextButton';
import type { DirectoryData } from './panel/context';

type TargetType = ImportTarget['type'];

const TYPE_OPTIONS: { value: TargetType; label: string }[] = [
  { value: 'role', label: '角色' },
  { value: 'unit', label: '单位' },
  { value: 'user', label: '人员' },
];

/** Choose a role, a unit or a person. */
function TargetPicker(props: { value?: ImportTarget; onChange: (t: ImportTarget | undefined) => void; directory: DirectoryData; testId?: string }) {
  const type: TargetType = props.value?.type ?? 'role';
  const options =
    type === 'role'
      ? props.directory.roles.map((r) => ({ value: r.id, label: `${r.id} ${r.name}` }))
      : type === 'unit'
        ? props.directory.units.map((u) => ({ value: u.id, label: u.name }))
        : props.directory.people.map((p) => ({ value: p.id, label: `${p.name}（${p.unitName}）` }));
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select style={{ width: 90 }} value={type} options={TYPE_OPTIONS} onChange={(t: TargetType) => props.onChange(undefined === t ? undefined : ({ type: t, value: '' } as ImportTarget))} />
      <Select
        style={{ flex: 1, minWidth: 200 }}
        showSearch
        allowClear
        optionFilterProp="label"
        placeholder="请选择"
        data-testid={props.testId}
        value={props.value?.value || undefined}
        options={options}
        onChange={(value?: string) => props.onChange(value ? ({ type, value } as ImportTarget) : undefined)}
      />
    </Space.Compact>
  );
}

/** The 导入 button and its review dialog. */
export default function ImportAssistant(props: {
  directory: DirectoryData;
  forms: FormSummary[];
  disabled?: boolean;
  onImported: (xml: string, fileName: string, notCarried: string[]) => void | Promise<void>;
}) {
  const [file, setFile] = useState<{ name: string; xml: string }>();
  const [report, setReport] = useState<ImportReport>();
  const [refusal, setRefusal] = useState<string[]>();
  const [mapping, setMapping] = useState<ImportMapping>({ principals: {}, forms: {} });
  const [busy, setBusy] = useState(false);
  const formOptions = useMemo(() => props.forms.map((f) => ({ value: f.key, label: `${f.name}（${f.key}）` })), [props.forms]);

  const close = () => {
    setFile(undefined);
    setReport(undefined);
    setRefusal(undefined);
    setMapping({ principals: {}, forms: {} });
  };

  const open = async (bytes: Uint8Array, name: string) => {
    close();
    const decoded = decodeDiagram(bytes);
    if (decoded.problem) {
      setFile({ name, xml: '' });
      setRefusal([decoded.problem.message]);
      return;
    }
    setFile({ name, xml: decoded.xml });
    const { report: found, problems } = await inspectImport(decoded.xml);
    if (!found) setRefusal(problems.map((p) => p.message));
    else setReport(found);
  };

  const finish = async () => {
    if (!file || !report) return;
    setBusy(true);
    try {
      const result = await applyImport(file.xml, mapping);
      if (!result.xml) {
        setRefusal(result.problems.map((p) => p.message));
        return;
      }
      await props.onImported(result.xml, file.name, result.notCarried.map((n) => n.message));
      close();
    } finally {
      setBusy(false);
    }
  };

  const missingAssignee = report?.tasks.filter((t) => !t.hasAssignee) ?? [];
  const missingForm = report?.tasks.filter((t) => !t.hasForm) ?? [];

  return (
    <>
      <UploadTextButton accept=".bpmn,.xml,.bpmn20.xml,application/xml,text/xml" testId="bpmn-import" disabled={props.disabled} onBytes={open} icon={<ImportOutlined />}>
        导入
      </UploadTextButton>
      <Modal
        open={!!file}
        width={980}
        title={`导入流程：${file?.name ?? ''}`}
        okText="导入到设计器"
        cancelText="取消"
        onCancel={close}
        onOk={finish}
        okButtonProps={{ disabled: !report, loading: busy, 'data-testid': 'import-confirm' } as never}
        destroyOnHidden
      >
        {refusal && <Alert type="error" showIcon message="文件不能导入" description={<List size="small" dataSource={refusal} renderItem={(m) => <List.Item>{m}</List.Item>} />} />}
        {report && (
          <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="import-review">
            <Alert
              type="info"
              showIcon
              message={report.vendors.length ? `识别到 ${report.vendors.join('、')} 的设置，请逐项对应到本系统` : '文件中没有其他流程引擎的设置'}
              description={report.hasLayout ? undefined : '文件没有图形布局，导入时将自动排版。'}
            />
            <Typography.Title level={5}>办理人：组与用户</Typography.Title>
            {report.principals.length === 0 ? (
              <Empty description="文件没有指定办理人" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={report.principals}
                columns={[
                  { title: '文件中的名称', render: (_, p) => <Space><Tag>{p.kind === 'group' ? '组' : '用户'}</Tag>{p.name}</Space> },
                  { title: '环节', render: (_, p) => p.elements.map((id) => report.tasks.find((t) => t.id === id)?.name ?? id).join('、') },
                  {
                    title: '对应到',
                    width: 420,
                    render: (_, p) => (
                      <TargetPicker
                        directory={props.directory}
                        testId={`import-principal-${p.key}`}
                        value={mapping.principals[p.key]}
                        onChange={(t) => setMapping((m) => ({ ...m, principals: { ...m.principals, [p.key]: t } }))}
                      />
                    ),
                  },
                ]}
              />
            )}
            {missingAssignee.length > 0 && (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text>以下环节在文件中没有办理人：{missingAssignee.map((t) => `“${t.name}”`).join('、')}。统一设为：</Typography.Text>
                <TargetPicker directory={props.directory} testId="import-default-assignee" value={mapping.defaultAssignee} onChange={(t) => setMapping((m) => ({ ...m, defaultAssignee: t }))} />
              </Space>
            )}
            <Typography.Title level={5}>表单</Typography.Title>
            {report.forms.length > 0 && (
              <Table
                size="small"
                pagination={false}
                rowKey="value"
                dataSource={report.forms}
                columns={[
                  { title: '文件中的表单', dataIndex: 'value' },
                  { title: '环节', render: (_, f) => f.elements.map((id) => report.tasks.find((t) => t.id === id)?.name ?? id).join('、') },
                  {
                    title: '对应到本系统的表单',
                    width: 360,
                    render: (_, f) => (
                      <Select
                        style={{ width: '100%' }}
                        showSearch
                        allowClear
                        optionFilterProp="label"
                        placeholder="请选择表单"
                        options={formOptions}
                        value={mapping.forms[f.value]}
                        onChange={(v?: string) => setMapping((m) => ({ ...m, forms: { ...m.forms, [f.value]: v } }))}
                      />
                    ),
                  },
                ]}
              />
            )}
            {missingForm.length > 0 && (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Typography.Text>以下环节在文件中没有表单：{missingForm.map((t) => `“${t.name}”`).join('、')}。统一使用：</Typography.Text>
                <Select style={{ width: 360 }} showSearch allowClear optionFilterProp="label" placeholder="请选择表单" data-testid="import-default-form" options={formOptions} value={mapping.defaultForm} onChange={(v?: string) => setMapping((m) => ({ ...m, defaultForm: v }))} />
              </Space>
            )}
            {(report.expressions.length > 0 || report.deadlines.length > 0) && (
              <>
                <Typography.Title level={5}>条件、期限与定时器</Typography.Title>
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(e) => `${e.elementId}|${e.where}|${e.source}`}
                  dataSource={[...report.expressions, ...report.deadlines]}
                  columns={[
                    { title: '位置', dataIndex: 'where' },
                    { title: '原设置', dataIndex: 'source', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
                    { title: '导入后', render: (_, e) => (e.feel ? <Typography.Text code>{e.feel}</Typography.Text> : <Tag color="orange">无法自动转换</Tag>) },
                  ]}
                />
              </>
            )}
            <Typography.Title level={5}>无法带入的内容</Typography.Title>
            {report.notCarried.length === 0 ? (
              <Typography.Text type="secondary">没有</Typography.Text>
            ) : (
              <List size="small" bordered dataSource={report.notCarried} renderItem={(n) => <List.Item>{n.message}</List.Item>} data-testid="import-not-carried" />
            )}
          </Space>
        )}
      </Modal>
    </>
  );
}

