'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import type { EfficiencyBand, EfficiencyBucket } from '@/lib/dashboards/dashboard-types';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { bandColors } from './chart-palette';
import { WhenVisible } from './chart-plot';
import { useChartFormat } from './use-chart-format';

const height = 260;
const bands: EfficiencyBand[] = ['healthy', 'watch', 'critical'];
const EfficiencyBucketsPlot = dynamic(
  () => import('./efficiency-buckets-plot').then((module) => module.EfficiencyBucketsPlot),
  { ssr: false },
);

export type BucketRow = { range: string; band: string; flows: number; color: string };

/** How many flows stand in each efficiency range, each bar in its band's colour. */
export function EfficiencyBucketsChart({
  buckets,
  caption,
  csvFileStem = 'flowpilot',
  headingLevel,
}: { buckets: EfficiencyBucket[] } & ChartFrameProps) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  // The CSV keeps the plain range ("60–69"); the screen shows it with the locale's percent sign.
  const rangeLabels = new Map(
    buckets.map((bucket) => [`${bucket.from}–${bucket.to}`, format.percentRange(bucket.from, bucket.to)]),
  );
  const rangeLabel = (range: string | number) => rangeLabels.get(String(range)) ?? String(range);
  const rows: BucketRow[] = buckets.map((bucket) => ({
    range: `${bucket.from}–${bucket.to}`,
    band: t(`bands.${bucket.band}`),
    flows: bucket.flows,
    color: bandColors[bucket.band],
  }));
  const table: ChartTableData = {
    columns: [
      { key: 'range', header: t('columns.efficiency'), format: rangeLabel },
      { key: 'band', header: t('columns.band') },
      { key: 'flows', header: t('series.flows'), numeric: true },
    ],
    rows,
  };

  return (
    <ChartCard
      title={t('buckets.title')}
      caption={caption}
      table={table}
      csvFileName={`${csvFileStem}-efficiency-ranges.csv`}
      headingLevel={headingLevel}
      empty={
        buckets.every((bucket) => bucket.flows === 0)
          ? { title: t('noFlowFigures.title'), body: t('noFlowFigures.body') }
          : undefined
      }
    >
      <WhenVisible height={height}>
        <EfficiencyBucketsPlot rows={rows} rangeLabel={rangeLabel} height={height} />
      </WhenVisible>
      <ChartLegend items={bands.map((band) => ({ label: t(`bands.${band}`), color: bandColors[band], mark: 'box' }))} />
    </ChartCard>
  );
}
