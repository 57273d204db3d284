'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { EfficiencyBand, EfficiencyBucket } from '@/lib/dashboards/dashboard-types';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { axisTick, bandColors, chartChrome } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import { useChartFormat } from './use-chart-format';

const height = 260;
const bands: EfficiencyBand[] = ['healthy', 'watch', 'critical'];

type BucketRow = { range: string; band: string; flows: number; color: string };

function BandBar({ x, y, width, height: barHeight, payload }: BarShapeProps) {
  const row: BucketRow = payload;
  return <rect x={x} y={y} width={width} height={barHeight} rx={2} fill={row.color} />;
}

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
      {/* role="img" wrapper with the table as the alternative: Recharts' keyboard layer stays off. */}
      <BarChart
        data={rows}
        responsive
        style={{ width: '100%', height }}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={chartChrome.grid} vertical={false} />
        <XAxis dataKey="range" tick={axisTick} tickFormatter={rangeLabel} interval={0} />
        <YAxis tick={axisTick} tickFormatter={format.count} allowDecimals={false} width={40} />
        <Tooltip
          cursor={{ fill: chartChrome.grid }}
          content={
            <ChartTooltip
              formatLabel={(label) => (label === undefined ? '' : rangeLabel(label))}
              formatValue={format.count}
              colorOf={(entry) => {
                const row: BucketRow = entry.payload;
                return row.color;
              }}
            />
          }
        />
        <Bar
          dataKey="flows"
          name={t('series.flows')}
          fill={bandColors.healthy}
          shape={BandBar}
          isAnimationActive={false}
        />
      </BarChart>
      <ChartLegend items={bands.map((band) => ({ label: t(`bands.${band}`), color: bandColors[band], mark: 'box' }))} />
    </ChartCard>
  );
}
