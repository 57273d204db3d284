'use client';

import { useTranslations } from 'next-intl';
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { DailyFigure } from '@/lib/dashboards/dashboard-types';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { axisTick, chartChrome, seriesColors } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import { useChartFormat } from './use-chart-format';

const height = 300;

// Drawn bottom up: completed work settles at the bottom, waiting work rides on top.
const statuses = ['completed', 'awaitingReview', 'inProgress', 'pending'] as const;

/** How many tasks stood in each status at the end of each portal day, stacked. */
export function CumulativeFlowChart({
  daily,
  caption,
  csvFileStem = 'flowpilot',
  headingLevel,
}: { daily: DailyFigure[] } & ChartFrameProps) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  const count = (value: string | number) => format.count(Number(value));
  const table: ChartTableData = {
    columns: [
      { key: 'day', header: t('columns.day'), format: (value) => format.day(String(value)) },
      // The table reads top down, as the stack does.
      ...[...statuses]
        .reverse()
        .map((status) => ({ key: status, header: t(`series.${status}`), numeric: true, format: count })),
    ],
    rows: daily.map(({ day, pending, inProgress, awaitingReview, completed }) => ({
      day,
      pending,
      inProgress,
      awaitingReview,
      completed,
    })),
  };

  return (
    <ChartCard
      title={t('cumulativeFlow.title')}
      caption={caption}
      description={t('cumulativeFlow.description')}
      table={table}
      csvFileName={`${csvFileStem}-cumulative-flow.csv`}
      headingLevel={headingLevel}
      empty={daily.length === 0 ? { title: t('noDailyFigures.title'), body: t('noDailyFigures.body') } : undefined}
    >
      {/* role="img" wrapper with the table as the alternative: Recharts' keyboard layer stays off. */}
      <AreaChart
        data={table.rows}
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
      <ChartLegend
        items={[...statuses]
          .reverse()
          .map((status) => ({ label: t(`series.${status}`), color: seriesColors[status], mark: 'box' }))}
      />
    </ChartCard>
  );
}
