'use client';

import { useTranslations } from 'next-intl';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from '@/components/charts/chart-card';
import type { ChartTableData } from '@/components/charts/chart-data-table';
import { ChartLegend } from '@/components/charts/chart-legend';
import { axisTick, chartChrome, lineLabel, seriesColors } from '@/components/charts/chart-palette';
import { ChartTooltip } from '@/components/charts/chart-tooltip';
import { useChartFormat } from '@/components/charts/use-chart-format';
import { efficiencyLine } from '@/lib/metrics/efficiency-line';
import type { Simulation } from '@/lib/simulation/simulate-flow';

const height = 280;
const percentTicks = [0, 20, 40, 60, 80, 100];
const bandOpacity = 0.15;
const asItIsColor = seriesColors.p50;
const leversDash = '5 4';

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
  const chartRows = asItIs.days.map((day, index) => {
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
      <ComposedChart
        data={chartRows}
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
          label={{ ...lineLabel, value: targetLabel, position: 'insideTopRight', fill: seriesColors.target }}
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
            strokeDasharray={leversDash}
            dot={false}
            isAnimationActive={false}
          />
        )}
      </ComposedChart>
      <ChartLegend
        items={[
          { label: t('asItIs'), color: asItIsColor, mark: 'line' },
          ...(withLevers
            ? [{ label: t('withLevers'), color: seriesColors.efficiency, mark: 'dashed' as const, dash: leversDash }]
            : []),
          { label: t('band'), color: asItIsColor, mark: 'box', opacity: bandOpacity },
          { label: t('target', { value: targetLabel }), color: seriesColors.target, mark: 'dashed', dash: '6 4' },
        ]}
      />
    </ChartCard>
  );
}
