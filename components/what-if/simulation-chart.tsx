'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { ChartCard } from '@/components/charts/chart-card';
import type { ChartTableData } from '@/components/charts/chart-data-table';
import { ChartLegend } from '@/components/charts/chart-legend';
import { asItIsColor, bandOpacity, forecastDash, seriesColors } from '@/components/charts/chart-palette';
import { WhenVisible } from '@/components/charts/chart-plot';
import { useChartFormat } from '@/components/charts/use-chart-format';
import { efficiencyLine } from '@/lib/metrics/efficiency-line';
import type { Simulation } from '@/lib/simulation/simulate-flow';

const height = 280;
const SimulationPlot = dynamic(() => import('./simulation-plot').then((module) => module.SimulationPlot), {
  ssr: false,
});

/** A day as the drawing takes it: each run's median and its 80 % band (low, high). */
export type SimulationPlotRow = {
  day: string;
  asItIs: number;
  asItIsBand: number[];
  withLevers?: number;
  withLeversBand?: number[];
};

/** Simulated efficiency over the days ahead, as it is and with the levers, each with its 80 % band. */
export function SimulationChart({
  asItIs,
  withLevers,
  caption,
  csvFileStem,
}: {
  asItIs: Simulation;
  withLevers: Simulation | null;
  caption: string;
  csvFileStem: string;
}) {
  const t = useTranslations('whatIf.simulator.chart');
  const format = useChartFormat();
  const table: ChartTableData = {
    columns: [
      { key: 'day', header: t('columns.day'), format: (value) => format.day(String(value)) },
      { key: 'asItIs', header: t('columns.asItIs'), numeric: true },
      { key: 'asItIsLow', header: t('columns.asItIsLow'), numeric: true },
      { key: 'asItIsHigh', header: t('columns.asItIsHigh'), numeric: true },
      ...(withLevers
        ? [
            { key: 'withLevers', header: t('columns.withLevers'), numeric: true },
            { key: 'withLeversLow', header: t('columns.withLeversLow'), numeric: true },
            { key: 'withLeversHigh', header: t('columns.withLeversHigh'), numeric: true },
          ]
        : []),
    ],
    rows: asItIs.days.map((day, index) => {
      const moved = withLevers?.days[index];
      return {
        day: day.day,
        asItIs: day.efficiency.median,
        asItIsLow: day.efficiency.low,
        asItIsHigh: day.efficiency.high,
        ...(moved
          ? {
              withLevers: moved.efficiency.median,
              withLeversLow: moved.efficiency.low,
              withLeversHigh: moved.efficiency.high,
            }
          : {}),
      };
    }),
  };
  const chartRows: SimulationPlotRow[] = asItIs.days.map((day, index) => {
    const moved = withLevers?.days[index];
    return {
      day: day.day,
      asItIs: day.efficiency.median,
      asItIsBand: [day.efficiency.low, day.efficiency.high],
      ...(moved
        ? { withLevers: moved.efficiency.median, withLeversBand: [moved.efficiency.low, moved.efficiency.high] }
        : {}),
    };
  });
  const targetLabel = format.percent(efficiencyLine);

  return (
    <ChartCard
      title={t('title')}
      caption={caption}
      table={table}
      csvFileName={`${csvFileStem}-simulated-efficiency.csv`}
      headingLevel={3}
    >
      <WhenVisible height={height}>
        <SimulationPlot rows={chartRows} withLevers={withLevers !== null} height={height} />
      </WhenVisible>
      <ChartLegend
        items={[
          { label: t('asItIs'), color: asItIsColor, mark: 'line' },
          ...(withLevers
            ? [{ label: t('withLevers'), color: seriesColors.efficiency, mark: 'dashed' as const, dash: forecastDash }]
            : []),
          { label: t('band'), color: asItIsColor, mark: 'box', opacity: bandOpacity },
          { label: t('target', { value: targetLabel }), color: seriesColors.target, mark: 'dashed', dash: '6 4' },
        ]}
      />
    </ChartCard>
  );
}
