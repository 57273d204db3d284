'use client';

import { useTranslations } from 'next-intl';
import { Area, ComposedChart, Line } from 'recharts';
import { asItIsColor, bandOpacity, forecastDash, seriesColors } from '@/components/charts/chart-palette';
import { EfficiencyDayFrame } from '@/components/charts/efficiency-day-frame';
import type { SimulationPlotRow } from './simulation-chart';

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
  // ChartCard's role="img" wrapper has the table as the alternative: Recharts' keyboard layer stays off.
  return (
    <ComposedChart
      data={rows}
      responsive
      style={{ width: '100%', height }}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      accessibilityLayer={false}
    >
      <EfficiencyDayFrame dataKeys={['asItIs', 'withLevers']} />
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
