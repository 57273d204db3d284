'use client';

import { useTranslations } from 'next-intl';
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyFigure } from '@/lib/dashboards/dashboard-types';
import { axisTick, chartChrome, seriesColors } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import type { CumulativeStatus } from './cumulative-flow-chart';
import { useChartFormat } from './use-chart-format';

/** CumulativeFlowChart's drawing (loaded when the chart comes into view). */
export function CumulativeFlowPlot({
  daily,
  statuses,
  height,
}: {
  daily: DailyFigure[];
  /** Bottom up, as stacked. */
  statuses: readonly CumulativeStatus[];
  height: number;
}) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  // ChartCard's role="img" wrapper has the table as the alternative: Recharts' keyboard layer stays off.
  return (
    <AreaChart
      data={daily}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid stroke={chartChrome.grid} vertical={false} />
      <XAxis dataKey="day" tick={axisTick} tickFormatter={format.dayShort} minTickGap={24} />
      <YAxis tick={axisTick} tickFormatter={format.count} allowDecimals={false} width={48} />
      <Tooltip
        content={
          <ChartTooltip
            formatLabel={(label) => format.day(String(label))}
            formatValue={format.count}
            dataKeys={[...statuses].reverse()}
            // The areas' outline is white (it parts neighbouring areas), so the dot takes the fill.
            colorOf={(entry) => entry.fill ?? chartChrome.ink}
          />
        }
      />
      {statuses.map((status) => (
        <Area
          key={status}
          type="linear"
          dataKey={status}
          name={t(`series.${status}`)}
          stackId="statuses"
          stroke={chartChrome.card}
          strokeWidth={1}
          fill={seriesColors[status]}
          fillOpacity={1}
          activeDot={{ r: 4, fill: seriesColors[status], stroke: chartChrome.card, strokeWidth: 2 }}
          isAnimationActive={false}
        />
      ))}
    </AreaChart>
  );
}
