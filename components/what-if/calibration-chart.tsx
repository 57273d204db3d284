'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { ChartCard } from '@/components/charts/chart-card';
import type { ChartTableData } from '@/components/charts/chart-data-table';
import { ChartLegend } from '@/components/charts/chart-legend';
import { seriesColors } from '@/components/charts/chart-palette';
import { WhenVisible } from '@/components/charts/chart-plot';
import { useChartFormat } from '@/components/charts/use-chart-format';
import type { PlannedTimeCalibration } from '@/lib/metrics/planned-time-calibration';
import { hourMs } from '@/lib/time/durations';

const height = 260;
const CalibrationPlot = dynamic(() => import('./calibration-plot').then((module) => module.CalibrationPlot), {
  ssr: false,
});

/**
 * The planned-time calibration: for each planned time, the share of the last 90 days' completed
 * tasks that would have been on time, with today's setting marked and the times each target needs.
 */
export function CalibrationChart({
  calibration,
  csvFileStem,
}: {
  calibration: PlannedTimeCalibration;
  csvFileStem: string;
}) {
  const t = useTranslations('whatIf.calibration');
  const format = useChartFormat();
  const hours = (value: number) => format.duration(value * hourMs);
  const percent = (share: number) => format.percent(Math.round(share * 100));
  const rows = calibration.curve.map((point) => ({
    plannedHours: point.plannedHours,
    onTime: Math.round(point.onTime * 100),
  }));
  const table: ChartTableData = {
    columns: [
      { key: 'plannedHours', header: t('columns.plannedTime'), numeric: true, format: (value) => hours(Number(value)) },
      { key: 'onTime', header: t('columns.onTime'), numeric: true, format: (value) => format.percent(Number(value)) },
    ],
    rows,
  };
  const targets = calibration.needed
    .map((entry) =>
      entry.plannedHours === null
        ? t('targetOutOfReach', { share: percent(entry.target) })
        : t('target', { share: percent(entry.target), time: hours(entry.plannedHours) }),
    )
    .join('; ');
  const description = [
    t('summary', {
      time: hours(calibration.current.plannedHours),
      share: percent(calibration.current.onTime),
      tasks: calibration.basis,
    }),
    t('targets', { targets }),
    t('estimate'),
  ].join(' ');

  return (
    <ChartCard
      title={t('title')}
      caption={t('caption', { tasks: calibration.basis })}
      description={calibration.basis > 0 ? description : undefined}
      table={table}
      csvFileName={`${csvFileStem}-planned-time-calibration.csv`}
      empty={calibration.basis === 0 ? { title: t('empty.title'), body: t('empty.body') } : undefined}
    >
      <WhenVisible height={height}>
        <CalibrationPlot rows={rows} currentHours={calibration.current.plannedHours} height={height} />
      </WhenVisible>
      <ChartLegend
        items={[
          { label: t('series'), color: seriesColors.efficiency, mark: 'line' },
          { label: t('todayLegend'), color: seriesColors.target, mark: 'dashed', dash: '6 4' },
        ]}
      />
    </ChartCard>
  );
}
