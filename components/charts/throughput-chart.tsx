'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import type { WeeklyThroughput } from '@/lib/dashboards/dashboard-types';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { axisTick, chartChrome, seriesColors } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import { useChartFormat } from './use-chart-format';

const height = 280;

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
      {/* role="img" wrapper with the table as the alternative: Recharts' keyboard layer stays off. */}
      <BarChart
        data={table.rows}
        responsive
        style={{ width: '100%', height }}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        barGap={2}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={chartChrome.grid} vertical={false} />
        <XAxis dataKey="week" tick={axisTick} tickFormatter={format.dayShort} minTickGap={16} />
        <YAxis tick={axisTick} tickFormatter={format.count} allowDecimals={false} width={48} />
        <Tooltip
          cursor={{ fill: chartChrome.grid }}
          content={<ChartTooltip formatLabel={(label) => format.week(String(label))} formatValue={format.count} />}
        />
        <Bar
          dataKey="throughput"
          name={t('series.completed')}
          fill={seriesColors.completed}
          isAnimationActive={false}
        />
        <Bar dataKey="created" name={t('series.created')} fill={seriesColors.created} isAnimationActive={false} />
      </BarChart>
      <ChartLegend
        items={[
          { label: t('series.completed'), color: seriesColors.completed, mark: 'box' },
          { label: t('series.created'), color: seriesColors.created, mark: 'box' },
        ]}
      />
    </ChartCard>
  );
}
