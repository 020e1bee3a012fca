/** 定性评价: a named evaluator scores each unit on the qualitative indicators they are named for, within the range. */
import { Button, InputNumber, Space, Table, Typography } from 'antd';
import React, { useEffect, useState } from 'react';
import { reportError, reportSuccess } from '@/services/errors';
import { saveQualitative, type YearView } from '../service';

/** The evaluator's grid: units × their indicators. */
export default function Qualitative({ year, view, userId, onSaved }: { year: number; view: YearView; userId: string; onSaved: () => void }) {
  const mine = view.indicators.filter((i) => i.type === 'qualitative' && i.evaluators?.some((e) => e.id === userId));
  const [scores, setScores] = useState<Record<string, number | null>>({});
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    setScores(Object.fromEntries(view.myScores.map((s) => [`${s.indicatorId}|${s.unitId}`, s.score])));
  }, [view]);
  const locked = view.status === 'published';
  const save = async () => {
    const entries = Object.entries(scores)
      .filter(([, v]) => typeof v === 'number')
      .map(([k, score]) => {
        const [indicatorId, unitId] = k.split('|');
        return { indicatorId, unitId, score: score as number };
      });
    setSaving(true);
    try {
      await saveQualitative(year, entries);
      reportSuccess(`已保存 ${entries.length} 项评分`);
      onSaved();
    } catch (err) {
      reportError(err);
    } finally {
      setSaving(false);
    }
  };
  const cats = Object.fromEntries(view.categories.map((c) => [c.id, c.name]));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">您是以下定性指标的评价人；每项评分须在方案规定的范围内，一个单位的得分为各评价人评分的平均值。</Typography.Text>
      <Table
        rowKey="unitId"
        size="small"
        dataSource={view.evaluatorUnits}
        pagination={view.evaluatorUnits.length > 30 ? { pageSize: 30 } : false}
        columns={[
          { title: '类别', dataIndex: 'categoryId', width: 110, render: (c: string) => cats[c] ?? c },
          { title: '单位', dataIndex: 'unitName' },
          ...mine.map((ind) => ({
            title: `${ind.name}（${ind.min}–${ind.max}分）`,
            width: 200,
            render: (_: unknown, u: { unitId: string; unitName: string }) => (
              <InputNumber
                aria-label={`${u.unitName}${ind.name}`}
                min={ind.min}
                max={ind.max}
                step={0.5}
                disabled={locked}
                value={scores[`${ind.id}|${u.unitId}`] ?? null}
                onChange={(v) => setScores((s) => ({ ...s, [`${ind.id}|${u.unitId}`]: v }))}
              />
            ),
          })),
        ]}
      />
      <Button type="primary" onClick={save} loading={saving} disabled={locked}>
        保存定性评价
      </Button>
    </Space>
  );
}
