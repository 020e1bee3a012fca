/** A bar chart of on-time / late / running / overdue counts per unit or procedure, with the on-time rate as a line. */
import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import React, { useMemo } from 'react';
import { onTimeRate, type StatRow } from '../service';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

const SERIES: { key: keyof StatRow; name: string; color: string }[] = [
  { key: 'onTime', name: '按期办结', color: '#2f9e44' },
  { key: 'late', name: '超期办结', color: '#f08c00' },
  { key: 'running', name: '办理中', color: '#4c6ef5' },
  { key: 'overdue', name: '超期未办结', color: '#d9363e' },
];

/** The chart; long lists scroll with a slider. */
export default function PunctualityChart({ rows, height = 360 }: { rows: StatRow[]; height?: number }) {
  const option = useMemo(
    () => ({
      textStyle: { fontFamily: "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif" },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: [...SERIES.map((s) => s.name), '按期办结率'] },
      grid: { left: 40, right: 48, top: 40, bottom: rows.length > 8 ? 70 : 40, containLabel: true },
      dataZoom: rows.length > 8 ? [{ type: 'slider', startValue: 0, endValue: 7, height: 18, bottom: 8 }] : [],
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, width: 72, overflow: 'truncate' } },
      yAxis: [
        { type: 'value', name: '事项数', minInterval: 1 },
        { type: 'value', name: '按期率', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        ...SERIES.map((s) => ({
          name: s.name,
          type: 'bar',
          stack: 'count',
          barMaxWidth: 36,
          itemStyle: { color: s.color },
          data: rows.map((r) => r[s.key]),
        })),
        {
          name: '按期办结率',
          type: 'line',
          yAxisIndex: 1,
          symbolSize: 7,
          itemStyle: { color: '#1b4f91' },
          data: rows.map((r) => onTimeRate(r)),
          tooltip: { valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${v}%`) },
        },
      ],
    }),
    [rows],
  );
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />;
}
