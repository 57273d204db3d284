'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { WeeklyThroughput } from '@/lib/dashboards/dashboard-types';
import { axisTick, chartChrome, seriesColors } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import { useChartFormat } from './use-chart-format';

/** ThroughputChart's drawing (loaded when the chart comes into view). */
export function ThroughputPlot({ weekly, height }: { weekly: WeeklyThroughput[]; height: number }) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  // ChartCard's role="img" wrapper has the table as the alternative: Recharts' keyboard layer stays off.
  return (
    <BarChart
      data={weekly}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      barGap={2}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={chartChrome.grid} vertical={false} />
      <XAxis dataKey="week" tick={axisTick} tickFormatter={format.dayShort} minTickGap={16} />
      <YAxis tick={axisTick} tickFormatter={format.count} allowDecimals={false} width={48} />
      <Tooltip
        cursor={{ fill: chartChrome.grid }}
        content={<ChartTooltip formatLabel={(label) => format.week(String(label))} formatValue={format.count} />}
      />
      <Bar dataKey="throughput" name={t('series.completed')} fill={seriesColors.completed} isAnimationActive={false} />
      <Bar dataKey="created" name={t('series.created')} fill={seriesColors.created} isAnimationActive={false} />
    </BarChart>
  );
}
