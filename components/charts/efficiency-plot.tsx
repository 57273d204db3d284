'use client';

import { useTranslations } from 'next-intl';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { efficiencyLine } from '@/lib/metrics/efficiency-line';
import { axisTick, bandOpacity, chartChrome, forecastDash, lineLabel, seriesColors } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import type { EfficiencyPlotRow } from './efficiency-chart';
import { useChartFormat } from './use-chart-format';

const percentTicks = [0, 20, 40, 60, 80, 100];

/** EfficiencyChart's drawing (loaded when the chart comes into view). */
export function EfficiencyPlot({
  rows,
  forecast,
  dots,
  height,
}: {
  rows: EfficiencyPlotRow[];
  /** Whether the rows go on as a forecast with its band. */
  forecast: boolean;
  dots: boolean;
  height: number;
}) {
  const t = useTranslations('charts');
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
            dataKeys={['efficiency', 'forecast']}
          />
        }
      />
      {forecast && (
        <Area
          type="linear"
          dataKey="band"
          name={t('series.forecastBand')}
          stroke="none"
          fill={seriesColors.efficiency}
          fillOpacity={bandOpacity}
          isAnimationActive={false}
        />
      )}
      <Line
        type="linear"
        dataKey="efficiency"
        name={t('series.efficiency')}
        stroke={seriesColors.efficiency}
        strokeWidth={2}
        dot={dots ? { r: 2.5, fill: seriesColors.efficiency } : false}
        isAnimationActive={false}
      />
      {forecast && (
        <Line
          type="linear"
          dataKey="forecast"
          name={t('series.forecast')}
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
