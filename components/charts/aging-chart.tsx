'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import type { AgingBand, FlowDashboard } from '@/lib/dashboards/dashboard-types';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { agingBandColors, seriesColors } from './chart-palette';
import { WhenVisible } from './chart-plot';
import { usePercentileLines } from './percentile-lines';
import { useChartFormat } from './use-chart-format';
import { dayMs } from '@/lib/time/durations';

const height = 320;
const AgingPlot = dynamic(() => import('./aging-plot').then((module) => module.AgingPlot), { ssr: false });

const bandKeys = {
  'below-p50': 'belowP50',
  'p50-p85': 'p50ToP85',
  'p85-p95': 'p85ToP95',
  'above-p95': 'aboveP95',
} as const satisfies Record<AgingBand, string>;

export type AgingRow = {
  label: string;
  taskId: number;
  title: string;
  responsible: string;
  ageDays: number;
  ageMs: number;
  band: string;
  deadline: string;
  color: string;
  overdue: number;
};

/** Open tasks, oldest first: how long each has been open, against the flow's recent lead times. */
export function AgingChart({
  aging,
  caption,
  csvFileStem = 'flowpilot',
  headingLevel,
}: { aging: FlowDashboard['aging'] } & ChartFrameProps) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  const { lines, legend, description } = usePercentileLines(aging.percentiles);

  const rows: AgingRow[] = aging.tasks.map((task) => ({
    label: `#${task.taskId}`,
    taskId: task.taskId,
    title: task.title,
    responsible: task.responsible.name,
    ageDays: Math.round((task.ageMs / dayMs) * 100) / 100,
    ageMs: task.ageMs,
    band: t(`agingBands.${bandKeys[task.band]}`),
    deadline: task.overdue ? t('deadline.overdue') : t('deadline.notOverdue'),
    color: agingBandColors[task.band],
    overdue: task.overdue ? 1 : 0,
  }));
  const table: ChartTableData = {
    columns: [
      { key: 'taskId', header: t('columns.task'), format: (value) => `#${value}` },
      { key: 'title', header: t('columns.title') },
      { key: 'responsible', header: t('columns.assignee') },
      { key: 'ageDays', header: t('columns.ageDays'), numeric: true, format: (value) => format.decimal(Number(value)) },
      { key: 'band', header: t('columns.agingBand') },
      { key: 'deadline', header: t('columns.deadline') },
    ],
    rows,
  };

  return (
    <ChartCard
      title={t('aging.title')}
      caption={caption}
      description={[t('aging.description'), description].filter(Boolean).join(' ')}
      table={table}
      csvFileName={`${csvFileStem}-aging.csv`}
      headingLevel={headingLevel}
      empty={rows.length === 0 ? { title: t('aging.emptyTitle'), body: t('aging.emptyBody') } : undefined}
    >
      <WhenVisible height={height}>
        <AgingPlot rows={rows} lines={lines} height={height} />
      </WhenVisible>
      <ChartLegend
        items={[
          ...(Object.keys(bandKeys) as AgingBand[]).map((band) => ({
            label: t(`agingBands.${bandKeys[band]}`),
            color: agingBandColors[band],
            mark: 'box' as const,
          })),
          { label: t('deadline.overdue'), color: seriesColors.overdue, mark: 'triangle' },
          ...legend,
        ]}
      />
    </ChartCard>
  );
}
