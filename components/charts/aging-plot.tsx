'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { AgingRow } from './aging-chart';
import { agingBandColors, axisTick, chartChrome, seriesColors } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import type { PercentileLine } from './percentile-lines';
import { percentileReferenceLines } from './percentile-reference-lines';
import { useChartFormat } from './use-chart-format';

/** The bar in its band's colour; an overdue task also gets a triangle above its bar. */
function AgingBar({ x, y, width, height: barHeight, payload }: BarShapeProps) {
  const row: AgingRow = payload;
  const marker = Math.min(10, Math.max(6, width));
  const middle = x + width / 2;
  return (
    <g>
      <rect x={x} y={y} width={width} height={barHeight} fill={row.color} />
      {row.overdue === 1 && (
        <path
          d={`M${middle} ${y - marker - 2} L${middle + marker / 2} ${y - 2} L${middle - marker / 2} ${y - 2} Z`}
          fill={seriesColors.overdue}
          stroke={chartChrome.card}
          strokeWidth={1}
        />
      )}
    </g>
  );
}

/** AgingChart's drawing (loaded when the chart comes into view). */
export function AgingPlot({ rows, lines, height }: { rows: AgingRow[]; lines: PercentileLine[]; height: number }) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  // ChartCard's role="img" wrapper has the table as the alternative: Recharts' keyboard layer stays off.
  return (
    <BarChart
      data={rows}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 20, right: 16, bottom: 0, left: 0 }}
      barCategoryGap="15%"
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={chartChrome.grid} vertical={false} />
      <XAxis
        dataKey="label"
        tick={axisTick}
        minTickGap={8}
        height={44}
        label={{ value: t('aging.axis'), position: 'insideBottom', fill: chartChrome.axisText, fontSize: 12 }}
      />
      <YAxis tick={axisTick} tickFormatter={format.daysShort} domain={[0, 'auto']} width={72} />
      <Tooltip
        cursor={{ fill: chartChrome.grid }}
        content={
          <ChartTooltip
            formatLabel={(_label, payload) => {
              const row: AgingRow | undefined = payload[0]?.payload;
              return row ? `${row.label} ${row.title}` : '';
            }}
            formatValue={(_value, entry) => {
              const row: AgingRow = entry.payload;
              return [format.duration(row.ageMs), row.band, ...(row.overdue ? [row.deadline] : [])].join(' · ');
            }}
            colorOf={(entry) => {
              const row: AgingRow = entry.payload;
              return row.color;
            }}
          />
        }
      />
      <Bar
        dataKey="ageDays"
        name={t('series.age')}
        fill={agingBandColors['below-p50']}
        shape={AgingBar}
        isAnimationActive={false}
      />
      {percentileReferenceLines(lines)}
    </BarChart>
  );
}
