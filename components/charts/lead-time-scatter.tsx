'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import type { FlowDashboard, PortalWindow } from '@/lib/dashboards/dashboard-types';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { seriesColors } from './chart-palette';
import { WhenVisible } from './chart-plot';
import { usePercentileLines } from './percentile-lines';
import { portalClockTime, portalDayTime, useChartFormat } from './use-chart-format';
import { dayMs } from '@/lib/time/durations';

const height = 320;
/** About six date ticks whatever the period's length. */
const tickCount = 6;
const LeadTimePlot = dynamic(() => import('./lead-time-plot').then((module) => module.LeadTimePlot), { ssr: false });

export type LeadTimeRow = {
  taskId: number;
  title: string;
  closedAt: string;
  leadDays: number;
  leadMs: number;
  closedClock: number;
};

/** Each completed task of the period: when it closed (portal time) and how long it took, against p50/p85/p95 and the planned time. */
export function LeadTimeScatter({
  leadTimes,
  period,
  caption,
  csvFileStem = 'flowpilot',
  headingLevel,
}: { leadTimes: FlowDashboard['leadTimes']; period: PortalWindow } & ChartFrameProps) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  const { lines, legend, description } = usePercentileLines(leadTimes.percentiles, leadTimes.plannedMs);

  const rows: LeadTimeRow[] = leadTimes.points.map((point) => {
    const closedClock = portalClockTime(point.closedAt, period.timeZoneOffset);
    return {
      taskId: point.taskId,
      title: point.title,
      // The portal's wall clock as 'YYYY-MM-DD HH:MM', which spreadsheets read as a date and time.
      closedAt: new Date(closedClock).toISOString().slice(0, 16).replace('T', ' '),
      // Days to two decimals: what a spreadsheet wants, and finer than the chart can show.
      leadDays: Math.round((point.leadMs / dayMs) * 100) / 100,
      leadMs: point.leadMs,
      closedClock,
    };
  });
  const table: ChartTableData = {
    columns: [
      { key: 'taskId', header: t('columns.task'), format: (value) => `#${value}` },
      { key: 'title', header: t('columns.title') },
      {
        key: 'closedAt',
        header: t('columns.closedAt'),
        format: (value) => format.clockDateTime(Date.parse(`${String(value).replace(' ', 'T')}Z`)),
      },
      {
        key: 'leadDays',
        header: t('columns.leadDays'),
        numeric: true,
        format: (value) => format.decimal(Number(value)),
      },
    ],
    rows,
  };

  // The axis runs to the end of the last day; its ticks count back from that day, so today is labelled.
  const start = portalDayTime(period.from);
  const lastDay = portalDayTime(period.to);
  const step = Math.max(1, Math.ceil(period.days / tickCount)) * dayMs;
  const ticks = Array.from(
    { length: Math.floor((lastDay - start) / step) + 1 },
    (_, index) => lastDay - index * step,
  ).reverse();

  return (
    <ChartCard
      title={t('leadTime.title')}
      caption={caption}
      description={description || undefined}
      table={table}
      csvFileName={`${csvFileStem}-lead-time.csv`}
      headingLevel={headingLevel}
      empty={rows.length === 0 ? { title: t('leadTime.emptyTitle'), body: t('leadTime.emptyBody') } : undefined}
    >
      <WhenVisible height={height}>
        <LeadTimePlot rows={rows} lines={lines} domain={[start, lastDay + dayMs]} ticks={ticks} height={height} />
      </WhenVisible>
      <ChartLegend
        items={[{ label: t('series.completedTask'), color: seriesColors.completed, mark: 'dot' }, ...legend]}
      />
    </ChartCard>
  );
}
