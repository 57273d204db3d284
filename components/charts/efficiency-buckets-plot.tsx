'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { axisTick, bandColors, chartChrome } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import type { BucketRow } from './efficiency-buckets-chart';
import { useChartFormat } from './use-chart-format';

function BandBar({ x, y, width, height: barHeight, payload }: BarShapeProps) {
  const row: BucketRow = payload;
  return <rect x={x} y={y} width={width} height={barHeight} rx={2} fill={row.color} />;
}

/** EfficiencyBucketsChart's drawing (loaded when the chart comes into view). */
export function EfficiencyBucketsPlot({
  rows,
  rangeLabel,
  height,
}: {
  rows: BucketRow[];
  rangeLabel: (range: string | number) => string;
  height: number;
}) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  // ChartCard's role="img" wrapper has the table as the alternative: Recharts' keyboard layer stays off.
  return (
    <BarChart
      data={rows}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={chartChrome.grid} vertical={false} />
      <XAxis dataKey="range" tick={axisTick} tickFormatter={rangeLabel} interval={0} />
      <YAxis tick={axisTick} tickFormatter={format.count} allowDecimals={false} width={40} />
      <Tooltip
        cursor={{ fill: chartChrome.grid }}
        content={
          <ChartTooltip
            formatLabel={(label) => (label === undefined ? '' : rangeLabel(label))}
            formatValue={format.count}
            colorOf={(entry) => {
              const row: BucketRow = entry.payload;
              return row.color;
            }}
          />
        }
      />
      <Bar
        dataKey="flows"
        name={t('series.flows')}
        fill={bandColors.healthy}
        shape={BandBar}
        isAnimationActive={false}
      />
    </BarChart>
  );
}
