'use client';

import { useTranslations } from 'next-intl';
import { Area, ComposedChart, Line } from 'recharts';
import { bandOpacity, forecastDash, seriesColors } from './chart-palette';
import type { EfficiencyPlotRow } from './efficiency-chart';
import { EfficiencyDayFrame } from './efficiency-day-frame';

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
  // ChartCard's role="img" wrapper has the table as the alternative: Recharts' keyboard layer stays off.
  return (
    <ComposedChart
      data={rows}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      accessibilityLayer={false}
    >
      <EfficiencyDayFrame dataKeys={['efficiency', 'forecast']} />
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
