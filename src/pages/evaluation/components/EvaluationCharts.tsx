/** The charts of 绩效评估: ranking bars per category, a unit's trend by month, and what cost points by indicator. */
import { BarChart, LineChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/lib/core';
import React, { useMemo } from 'react';
import type { IndicatorInfo, StandingRow } from '../service';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

const FONT = { fontFamily: "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif" };
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

/** The units of one category by total, highest first; commended units in the office's red. */
export function RankingChart({ rows, height = 320 }: { rows: StandingRow[]; height?: number }) {
  const option = useMemo(() => {
    const sorted = [...rows].sort((a, b) => b.total - a.total);
    return {
      textStyle: FONT,
      // Scores are read, not watched: no growing bars.
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 40, right: 24, top: 24, bottom: sorted.length > 10 ? 70 : 40, containLabel: true },
      dataZoom: sorted.length > 10 ? [{ type: 'slider', startValue: 0, endValue: 9, height: 18, bottom: 8 }] : [],
      xAxis: { type: 'category', data: sorted.map((r) => r.unitName), axisLabel: { interval: 0, width: 72, overflow: 'truncate' } },
      yAxis: { type: 'value', name: '总分', min: 0, max: 100 },
      series: [
        {
          name: '总分',
          type: 'bar',
          barMaxWidth: 36,
          data: sorted.map((r) => ({ value: r.total, itemStyle: { color: r.commended ? '#c92a2a' : '#1b4f91' } })),
          label: { show: true, position: 'top', formatter: '{c}' },
        },
      ],
    };
  }, [rows]);
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />;
}

/** Each chosen unit's quantitative total at the end of each month. */
export function TrendChart({ rows, height = 300 }: { rows: StandingRow[]; height?: number }) {
  const option = useMemo(
    () => ({
      textStyle: FONT,
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 40, right: 24, top: 64, bottom: 30, containLabel: true },
      xAxis: { type: 'category', data: MONTHS },
      yAxis: { type: 'value', name: '定量得分', scale: true },
      series: rows.map((r) => ({ name: r.unitName, type: 'line', symbolSize: 6, data: r.monthly })),
    }),
    [rows],
  );
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />;
}

/** Points lost per indicator, stacked per unit (what cost points). */
export function LostPointsChart({ rows, indicators, height = 320 }: { rows: StandingRow[]; indicators: IndicatorInfo[]; height?: number }) {
  const option = useMemo(() => {
    const sorted = [...rows].sort((a, b) => a.total - b.total);
    return {
      textStyle: FONT,
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 40, right: 24, top: 64, bottom: sorted.length > 10 ? 70 : 40, containLabel: true },
      dataZoom: sorted.length > 10 ? [{ type: 'slider', startValue: 0, endValue: 9, height: 18, bottom: 8 }] : [],
      xAxis: { type: 'category', data: sorted.map((r) => r.unitName), axisLabel: { interval: 0, width: 72, overflow: 'truncate' } },
      yAxis: { type: 'value', name: '失分', minInterval: 0.5 },
      series: indicators.map((ind) => ({
        name: ind.name,
        type: 'bar',
        stack: 'lost',
        barMaxWidth: 36,
        data: sorted.map((r) => r.indicators.find((i) => i.indicatorId === ind.id)?.lost ?? 0),
      })),
    };
  }, [rows, indicators]);
  return <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate />;
}
