'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import type { DailyFigure } from '@/lib/dashboards/dashboard-types';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { seriesColors } from './chart-palette';
import { WhenVisible } from './chart-plot';
import { useChartFormat } from './use-chart-format';

const height = 300;
const CumulativeFlowPlot = dynamic(() => import('./cumulative-flow-plot').then((module) => module.CumulativeFlowPlot), {
  ssr: false,
});

// Drawn bottom up: completed work settles at the bottom, waiting work rides on top.
const cumulativeStatuses = ['completed', 'awaitingReview', 'inProgress', 'pending'] as const;
export type CumulativeStatus = (typeof cumulativeStatuses)[number];

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
      ...[...cumulativeStatuses]
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
      <WhenVisible height={height}>
        <CumulativeFlowPlot daily={daily} statuses={cumulativeStatuses} height={height} />
      </WhenVisible>
      <ChartLegend
        items={[...cumulativeStatuses]
          .reverse()
          .map((status) => ({ label: t(`series.${status}`), color: seriesColors[status], mark: 'box' }))}
      />
    </ChartCard>
  );
}
