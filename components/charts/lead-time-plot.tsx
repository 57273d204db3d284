'use client';

import { useTranslations } from 'next-intl';
import { CartesianGrid, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, chartChrome, seriesColors } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import type { LeadTimeRow } from './lead-time-scatter';
import type { PercentileLine } from './percentile-lines';
import { percentileReferenceLines } from './percentile-reference-lines';
import { useChartFormat } from './use-chart-format';

/** LeadTimeScatter's drawing (loaded when the chart comes into view). */
export function LeadTimePlot({
  rows,
  lines,
  domain,
  ticks,
  height,
}: {
  rows: LeadTimeRow[];
  lines: PercentileLine[];
  /** The time axis: the period's first and last portal day, as portal wall-clock milliseconds. */
  domain: [number, number];
  ticks: number[];
  height: number;
}) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  // ChartCard's role="img" wrapper has the table as the alternative: Recharts' keyboard layer stays off.
  return (
    <ScatterChart
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 16, right: 16, bottom: 0, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={chartChrome.grid} />
      <XAxis
        type="number"
        dataKey="closedClock"
        name={t('columns.closedAt')}
        domain={domain}
        ticks={ticks}
        tick={axisTick}
        tickFormatter={format.clockDayShort}
      />
      <YAxis
        type="number"
        dataKey="leadDays"
        name={t('series.leadTime')}
        domain={[0, 'auto']}
        tick={axisTick}
        tickFormatter={format.daysShort}
        width={72}
      />
      <Tooltip
        cursor={{ strokeDasharray: '3 3' }}
        content={
          <ChartTooltip
            formatLabel={(_label, payload) => {
              const row: LeadTimeRow | undefined = payload[0]?.payload;
              return row ? `#${row.taskId} ${row.title}` : '';
            }}
            formatValue={(value, entry) => {
              const row: LeadTimeRow = entry.payload;
              return entry.dataKey === 'closedClock' ? format.clockDateTime(value) : format.duration(row.leadMs);
            }}
          />
        }
      />
      {percentileReferenceLines(lines)}
      <Scatter
        data={rows}
        name={t('series.completed')}
        fill={seriesColors.completed}
        stroke={chartChrome.card}
        strokeWidth={1}
        isAnimationActive={false}
      />
    </ScatterChart>
  );
}
