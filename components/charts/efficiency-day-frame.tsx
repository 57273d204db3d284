'use client';

import { CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { efficiencyLine } from '@/lib/metrics/efficiency-line';
import { axisTick, chartChrome, lineLabel, percentTicks, seriesColors } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import { useChartFormat } from './use-chart-format';

/**
 * The frame of a chart of efficiency by day (the flow's efficiency, the What if simulation): grid,
 * day axis, percent axis, the efficiency line, and a tooltip of the day with `dataKeys` as percents.
 * Recharts 3 reads axes and the rest from a component of ours as from the chart's own children.
 */
export function EfficiencyDayFrame({ dataKeys }: { dataKeys: readonly string[] }) {
  const format = useChartFormat();
  return (
    <>
      <CartesianGrid stroke={chartChrome.grid} vertical={false} />
      <XAxis dataKey="day" tick={axisTick} tickFormatter={format.dayShort} minTickGap={24} />
      <YAxis domain={[0, 100]} ticks={percentTicks} tick={axisTick} tickFormatter={format.percent} width={48} />
      <ReferenceLine
        y={efficiencyLine}
        stroke={seriesColors.target}
        strokeDasharray="6 4"
        label={{
          ...lineLabel,
          value: format.percent(efficiencyLine),
          position: 'insideTopRight',
          fill: seriesColors.target,
        }}
      />
      <Tooltip
        content={
          <ChartTooltip
            formatLabel={(label) => (typeof label === 'string' ? format.day(label) : '')}
            formatValue={format.percent}
            dataKeys={dataKeys}
          />
        }
      />
    </>
  );
}
