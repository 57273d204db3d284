'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import type { WeeklyThroughput } from '@/lib/dashboards/dashboard-types';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { seriesColors } from './chart-palette';
import { WhenVisible } from './chart-plot';
import { useChartFormat } from './use-chart-format';

const height = 280;
const ThroughputPlot = dynamic(() => import('./throughput-plot').then((module) => module.ThroughputPlot), {
  ssr: false,
});

/** Tasks completed per ISO week, with the tasks created in it alongside. */
export function ThroughputChart({
  weekly,
  caption,
  csvFileStem = 'flowpilot',
  headingLevel,
}: { weekly: WeeklyThroughput[] } & ChartFrameProps) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  const table: ChartTableData = {
    columns: [
      { key: 'week', header: t('columns.week'), format: (value) => format.week(String(value)) },
      { key: 'throughput', header: t('series.completed'), numeric: true },
      { key: 'created', header: t('series.created'), numeric: true },
    ],
    rows: weekly.map(({ week, throughput, created }) => ({ week, throughput, created })),
  };

  return (
    <ChartCard
      title={t('throughput.title')}
      caption={caption}
      table={table}
      csvFileName={`${csvFileStem}-throughput.csv`}
      headingLevel={headingLevel}
      empty={weekly.length === 0 ? { title: t('noDailyFigures.title'), body: t('noDailyFigures.body') } : undefined}
    >
      <WhenVisible height={height}>
        <ThroughputPlot weekly={weekly} height={height} />
      </WhenVisible>
      <ChartLegend
        items={[
          { label: t('series.completed'), color: seriesColors.completed, mark: 'box' },
          { label: t('series.created'), color: seriesColors.created, mark: 'box' },
        ]}
      />
    </ChartCard>
  );
}
