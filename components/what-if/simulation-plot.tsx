'use client';

import { useTranslations } from 'next-intl';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import {
  asItIsColor,
  axisTick,
  bandOpacity,
  chartChrome,
  forecastDash,
  lineLabel,
  seriesColors,
} from '@/components/charts/chart-palette';
import { ChartTooltip } from '@/components/charts/chart-tooltip';
import { useChartFormat } from '@/components/charts/use-chart-format';
import { efficiencyLine } from '@/lib/metrics/efficiency-line';
import type { SimulationPlotRow } from './simulation-chart';

const percentTicks = [0, 20, 40, 60, 80, 100];

/** SimulationChart's drawing (loaded when the chart comes into view). */
export function SimulationPlot({
  rows,
  withLevers,
  height,
}: {
  rows: SimulationPlotRow[];
  /** Whether the rows carry the run with the levers too. */
  withLevers: boolean;
  height: number;
}) {
  const t = useTranslations('whatIf.simulator.chart');
  const format = useChartFormat();
  // ChartCard's role="img" wrapper has the table as the alternative: Recharts' keyboard layer stays off.
  return (
    <ComposedChart
      data={rows}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      accessibilityLayer={false}
    >
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
            dataKeys={['asItIs', 'withLevers']}
          />
        }
      />
      <Area
        dataKey="asItIsBand"
        name={t('asItIsBand')}
        stroke="none"
        fill={asItIsColor}
        fillOpacity={bandOpacity}
        isAnimationActive={false}
      />
      <Line
        dataKey="asItIs"
        name={t('asItIs')}
        stroke={asItIsColor}
        strokeWidth={2}
        dot={false}
        isAnimationActive={false}
      />
      {withLevers && (
        <Area
          dataKey="withLeversBand"
          name={t('withLeversBand')}
          stroke="none"
          fill={seriesColors.efficiency}
          fillOpacity={bandOpacity}
          isAnimationActive={false}
        />
      )}
      {withLevers && (
        <Line
          dataKey="withLevers"
          name={t('withLevers')}
          stroke={seriesColors.efficiency}
          strokeWidth={2}
          strokeDasharray={forecastDash}
          dot={false}
          isAnimationActive={false}
        />
      )}
    </ComposedChart>
  );
}
