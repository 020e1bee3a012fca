/**
 * 工作日历: a year's working days on the official calendar (holidays and 调休 marked,
 * years without a published schedule flagged as provisional); import next year's
 * State Council schedule from a paste (checked and previewed before saving); mark
 * local days off or working days; and see which open deadlines a change would move.
 */
import { DeleteOutlined, ImportOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import React, { useEffect, useMemo, useState } from 'react';
import AdminGuard from '@/components/admin/AdminGuard';
import { calendarEntries, calendarYear, importSchedule, openDeadlines, removeOverride, setOverride, type CalendarEntry, type OpenDeadline } from '@/components/admin/api';
import AffectedDeadlines from '@/components/admin/calendar/AffectedDeadlines';
import { movedDeadlines } from '@/components/admin/calendar/moves';
import YearGrid, { type GridDay } from '@/components/admin/calendar/YearGrid';
import { calendarFromEntries } from '@/components/admin/modeler/simulation/simulate';
import PageTitle from '@/components/PageTitle';
import { parseSchedule, SCHEDULE_EXAMPLE } from '@/engine/calendar/schedule';
import { ApiError } from '@/services/request';
import { reportError } from '@/services/errors';
import './index.less';

type Change = { kind: 'day'; date: string; workday: boolean | null; note?: string } | { kind: 'import'; year: number; text: string };

/** The stored entries after a change (for recounting deadlines before saving). */
function entriesAfter(entries: CalendarEntry[], change: Change): CalendarEntry[] {
  const base = { createdBy: '', createdAt: 0, note: null as string | null };
  if (change.kind === 'day') {
    const rest = entries.filter((e) => !(e.source !== 'schedule' && e.date === change.date));
    if (change.workday === null) return rest;
    return [...rest, { ...base, date: change.date, year: Number(change.date.slice(0, 4)), workday: change.workday ? 1 : 0, source: 'override', note: change.note ?? null }];
  }
  const parsed = parseSchedule(change.text);
  const rest = entries.filter((e) => !(e.source === 'schedule' && e.year === change.year));
  return [...rest, ...parsed.entries.map((e) => ({ ...base, date: e.date, year: change.year, workday: e.kind === 'workday' ? 1 : 0, source: 'schedule', note: e.name ?? null }))];
}

/** The calendar page. */
export default function CalendarPage() {
  const { message } = App.useApp();
  const thisYear = dayjs().year();
  const [year, setYear] = useState(thisYear);
  const [days, setDays] = useState<GridDay[]>();
  const [published, setPublished] = useState<number[]>([]);
  const [entries, setEntries] = useState<CalendarEntry[]>([]);
  const [deadlines, setDeadlines] = useState<OpenDeadline[]>();
  const [refresh, setRefresh] = useState(0);
  const [day, setDay] = useState<GridDay | null>(null);
  const [dayChoice, setDayChoice] = useState<'work' | 'off' | 'default'>('default');
  const [dayNote, setDayNote] = useState('');
  const [importing, setImporting] = useState(false);
  const [importYear, setImportYear] = useState(thisYear + 1);
  const [importText, setImportText] = useState('');
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setDays(undefined);
    calendarYear(year)
      .then((r) => {
        setDays(r.days);
        setPublished(r.publishedYears);
      })
      .catch(reportError);
  }, [year, refresh]);
  useEffect(() => {
    calendarEntries().then(setEntries).catch(reportError);
    openDeadlines().then(setDeadlines).catch((err) => {
      setDeadlines([]);
      reportError(err);
    });
  }, [refresh]);

  const adjusted = useMemo(() => new Set(entries.filter((e) => e.source !== 'schedule').map((e) => e.date)), [entries]);
  const current = useMemo(() => calendarFromEntries(entries), [entries]);
  const provisional = days?.some((d) => d.provisional) ?? false;
  const imported = entries.some((e) => e.source === 'schedule' && e.year === year);

  const dayChange: Change | null = day ? { kind: 'day', date: day.date, workday: dayChoice === 'default' ? null : dayChoice === 'work' } : null;
  const parsedImport = useMemo(() => parseSchedule(importText), [importText]);
  const foreign = parsedImport.entries.filter((e) => Number(e.date.slice(0, 4)) !== importYear);
  const importChange: Change | null = importing && importText.trim() && !parsedImport.errors.length && !foreign.length ? { kind: 'import', year: importYear, text: importText } : null;
  const moved = (change: Change | null) => (change && deadlines ? movedDeadlines(deadlines, current, calendarFromEntries(entriesAfter(entries, change))) : []);

  /** Opens the adjustment dialog of a day; `reset` preselects 按国家安排 (removing the adjustment). */
  const openDay = (d: GridDay, reset = false) => {
    const own = entries.find((e) => e.source !== 'schedule' && e.date === d.date);
    const choice = own && !reset ? (own.workday ? 'work' : 'off') : 'default';
    setDayChoice(choice);
    setDayNote(own?.note ?? '');
    setDay(d);
  };

  const saveDay = async () => {
    if (!day) return;
    const note = dayNote;
    setSaving(true);
    try {
      if (dayChoice === 'default') await removeOverride(day.date);
      else await setOverride(day.date, dayChoice === 'work', note?.trim() || undefined);
      message.success(`已保存 ${day.date} 的调整`);
      setDay(null);
      setRefresh((n) => n + 1);
    } catch (err) {
      reportError(err);
    } finally {
      setSaving(false);
    }
  };

  const saveImport = async () => {
    setSaving(true);
    try {
      const r = await importSchedule(importYear, importText);
      message.success(`已导入 ${importYear} 年放假安排（${r.entries} 天）`);
      setImporting(false);
      setImportText('');
      setYear(importYear);
      setRefresh((n) => n + 1);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) message.error(`${err.message}：${err.fields.map((f) => `${f.field} ${f.message}`).join('；')}`);
      else reportError(err);
    } finally {
      setSaving(false);
    }
  };

  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];
  return (
    <AdminGuard>
      <PageTitle
        title="工作日历"
        extra={
          <Space>
            <Select value={year} onChange={setYear} aria-label="年份" style={{ width: 110 }} options={years.map((y) => ({ value: y, label: `${y} 年` }))} />
            <Button type="primary" icon={<ImportOutlined />} onClick={() => setImporting(true)}>
              导入年度安排
            </Button>
          </Space>
        }
      >
        <Typography.Text type="secondary">办理期限按此日历计算工作日。点击某一天可设为本县的休息日或工作日。</Typography.Text>
      </PageTitle>
      {days && provisional && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="provisional-year"
          message={`${year} 年的放假安排尚未公布：目前按法定节假日推算（暂定），未含调休。`}
          description="国务院办公厅公布次年放假安排后，请点击“导入年度安排”粘贴导入；跨入该年的期限在此之前标为“暂定”。"
        />
      )}
      <Row gutter={12}>
        <Col xs={24} xl={17}>
          <Card
            size="small"
            title={
              <Space>
                {year} 年
                {provisional ? <Tag color="orange">暂定</Tag> : imported ? <Tag color="blue">已导入安排</Tag> : published.includes(year) ? <Tag color="green">已公布安排</Tag> : null}
              </Space>
            }
            extra={
              <Space size={12} className="duban-legend">
                <span><i className="duban-day holiday" />节假日</span>
                <span><i className="duban-day weekend" />周末</span>
                <span><i className="duban-day makeup" />调休上班</span>
                <span><i className="duban-day adjusted" />本县调整</span>
              </Space>
            }
          >
            {days ? <YearGrid days={days} adjusted={adjusted} onDayClick={openDay} /> : <Typography.Text type="secondary">正在载入…</Typography.Text>}
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card size="small" title="本县调整与导入的安排">
            <Table
              size="small"
              rowKey={(r) => `${r.source}-${r.date}`}
              dataSource={entries.filter((e) => e.source !== 'schedule' || e.year === year)}
              pagination={{ pageSize: 12, hideOnSinglePage: true, size: 'small' }}
              locale={{ emptyText: '暂无调整' }}
              columns={[
                { title: '日期', dataIndex: 'date', width: 100 },
                { title: '', dataIndex: 'workday', width: 56, render: (w: number) => (w ? <Tag color="orange">上班</Tag> : <Tag color="red">休息</Tag>) },
                { title: '说明', dataIndex: 'note', render: (n: string | null, r) => <span>{n}{r.source === 'schedule' && <Tag style={{ marginLeft: 4 }}>年度安排</Tag>}</span> },
                {
                  title: '',
                  key: 'x',
                  width: 40,
                  render: (_: unknown, r: CalendarEntry) =>
                    r.source !== 'schedule' ? (
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={`删除 ${r.date} 的调整`}
                        onClick={() => openDay({ date: r.date, workday: !!r.workday }, true)}
                      />
                    ) : null,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <Modal title={day ? `调整 ${day.date}` : ''} open={!!day} onCancel={() => setDay(null)} onOk={saveDay} okText="保存" cancelText="取消" confirmLoading={saving} width={720} destroyOnHidden>
        {day && (
          <Form layout="vertical">
            <Typography.Paragraph type="secondary">
              目前：{day.workday ? '工作日' : '休息日'}
              {day.name ? `（${day.name}）` : ''}
            </Typography.Paragraph>
            <Form.Item label="本县安排">
              <Radio.Group
                value={dayChoice}
                onChange={(e) => setDayChoice(e.target.value)}
                options={[
                  { value: 'default', label: '按国家安排' },
                  { value: 'off', label: '休息日' },
                  { value: 'work', label: '工作日' },
                ]}
              />
            </Form.Item>
            {dayChoice !== 'default' && (
              <Form.Item label="说明">
                <Input value={dayNote} onChange={(e) => setDayNote(e.target.value)} maxLength={100} placeholder="如：县域防汛停工" aria-label="调整说明" />
              </Form.Item>
            )}
            <Typography.Title level={5}>受影响的在办期限</Typography.Title>
            <AffectedDeadlines moved={moved(dayChange)} loading={!deadlines} />
          </Form>
        )}
      </Modal>

      <Modal
        title="导入年度放假安排"
        open={importing}
        onCancel={() => setImporting(false)}
        onOk={saveImport}
        okText="保存导入"
        cancelText="取消"
        okButtonProps={{ disabled: !importChange }}
        confirmLoading={saving}
        width={880}
        destroyOnHidden
      >
        <Space style={{ marginBottom: 8 }}>
          年份
          <InputNumber value={importYear} min={2000} max={2100} onChange={(v) => v && setImportYear(v)} aria-label="导入年份" />
          <Typography.Text type="secondary">导入后替换该年已有的安排；单日调整保留</Typography.Text>
        </Space>
        <Input.TextArea
          value={importText}
          onChange={(e) => setImportText(e.target.value)}
          autoSize={{ minRows: 8, maxRows: 16 }}
          placeholder={`每行一个日期或日期范围：日期,类型（休/班）,名称。例如：\n${SCHEDULE_EXAMPLE.replace(/2027/g, String(importYear))}`}
          aria-label="放假安排"
          style={{ fontFamily: 'monospace' }}
        />
        {importText.trim() && (
          <div style={{ marginTop: 12 }} data-testid="import-preview">
            {parsedImport.errors.length > 0 && (
              <Alert type="error" showIcon message="以下行有误，请修改" description={<ul>{parsedImport.errors.map((e) => <li key={e.line}>{e.message.startsWith(`第 ${e.line} 行`) ? e.message : `第 ${e.line} 行：${e.message}`}</li>)}</ul>} />
            )}
            {foreign.length > 0 && <Alert type="error" showIcon message={`含有不属于 ${importYear} 年的日期：${foreign.slice(0, 3).map((e) => e.date).join('、')}`} />}
            {!parsedImport.errors.length && !foreign.length && (
              <Row gutter={12}>
                <Col span={10}>
                  <Typography.Title level={5}>
                    预览：{parsedImport.entries.filter((e) => e.kind === 'holiday').length} 个休息日，{parsedImport.entries.filter((e) => e.kind === 'workday').length} 个调休上班日
                  </Typography.Title>
                  <Table
                    size="small"
                    rowKey="date"
                    dataSource={parsedImport.entries}
                    pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true }}
                    columns={[
                      { title: '日期', dataIndex: 'date' },
                      { title: '', dataIndex: 'kind', render: (k: string) => (k === 'workday' ? <Tag color="orange">上班</Tag> : <Tag color="red">休息</Tag>) },
                      { title: '名称', dataIndex: 'name' },
                    ]}
                  />
                </Col>
                <Col span={14}>
                  <Typography.Title level={5}>受影响的在办期限</Typography.Title>
                  <AffectedDeadlines moved={moved(importChange)} loading={!deadlines} />
                </Col>
              </Row>
            )}
          </div>
        )}
      </Modal>
    </AdminGuard>
  );
}
