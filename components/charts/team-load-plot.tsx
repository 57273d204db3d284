'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, chartChrome, lineLabel, seriesColors } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import type { TeamLoadRow } from './team-load-chart';
import { useChartFormat } from './use-chart-format';

/** TeamLoadChart's drawing (loaded when the chart comes into view). */
export function TeamLoadPlot({
  rows,
  nameOf,
  medianOpen,
  height,
}: {
  rows: TeamLoadRow[];
  nameOf: (id: string | number) => string;
  medianOpen: number;
  height: number;
}) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  // ChartCard's role="img" wrapper has the table as the alternative: Recharts' keyboard layer stays off.
  return (
    <BarChart
      data={rows}
      layout="vertical"
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 20, right: 16, bottom: 0, left: 0 }}
      barGap={2}
      barCategoryGap="20%"
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={chartChrome.grid} horizontal={false} />
      <XAxis type="number" tick={axisTick} tickFormatter={format.count} allowDecimals={false} />
      <YAxis type="category" dataKey="id" tick={axisTick} tickFormatter={nameOf} width={150} interval={0} />
      <Tooltip
        cursor={{ fill: chartChrome.grid }}
        content={
          <ChartTooltip
            formatLabel={(label) => (label === undefined ? '' : nameOf(label))}
            formatValue={format.count}
          />
        }
      />
      <Bar dataKey="open" name={t('series.open')} fill={seriesColors.open} isAnimationActive={false} />
      <Bar dataKey="overdue" name={t('series.overdue')} fill={seriesColors.overdue} isAnimationActive={false} />
      <ReferenceLine
        x={medianOpen}
        stroke={seriesColors.target}
        strokeDasharray="6 4"
        strokeWidth={1.5}
        ifOverflow="extendDomain"
        label={{
          ...lineLabel,
          value: t('teamLoad.medianLine', { value: format.decimal(medianOpen) }),
          position: 'top',
          fill: seriesColors.target,
        }}
      />
    </BarChart>
  );
}
