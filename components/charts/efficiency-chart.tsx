'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import { efficiencyLine } from '@/lib/metrics/efficiency-line';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { bandOpacity, forecastDash, seriesColors } from './chart-palette';
import { WhenVisible } from './chart-plot';
import { useChartFormat } from './use-chart-format';

const height = 280;
const EfficiencyPlot = dynamic(() => import('./efficiency-plot').then((module) => module.EfficiencyPlot), {
  ssr: false,
});

/** A day as the chart draws it: the figure, or the forecast and its band (low, high) ahead. */
export type EfficiencyPlotRow = { day: string; efficiency?: number; forecast?: number; band?: number[] };

/** A flow's efficiency forecast as the chart draws it: portal days ahead, and what the estimate rests on. */
export type EfficiencyChartForecast = {
  points: { day: string; days: number; median: number; low: number; high: number }[];
  tasks: number;
  pace: { perDay: number; days: number };
};

/** Below this many tasks in the window the note says the forecast is a rough guide. */
const fewTasks = 10;

/**
 * Efficiency per portal day against the 80 % line: a flow's DailyFigure[] or the overview's
 * company-wide series; a flow's forecast continues it as a dashed line with its 80 % band.
 */
export function EfficiencyChart({
  data,
  forecast,
  caption,
  csvFileStem = 'flowpilot',
  headingLevel,
}: { data: { day: string; efficiency: number }[]; forecast?: EfficiencyChartForecast } & ChartFrameProps) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  const title = t('efficiency.title');
  const targetLabel = format.percent(efficiencyLine);
  const ahead = data.length > 0 && forecast ? forecast.points : [];
  const table: ChartTableData = {
    columns: [
      { key: 'day', header: t('columns.day'), format: (value) => format.day(String(value)) },
      { key: 'efficiency', header: t('columns.efficiency'), numeric: true },
      ...(ahead.length > 0
        ? [
            { key: 'forecast', header: t('columns.forecast'), numeric: true },
            { key: 'forecastLow', header: t('columns.forecastLow'), numeric: true },
            { key: 'forecastHigh', header: t('columns.forecastHigh'), numeric: true },
          ]
        : []),
    ],
    rows: [
      ...data.map(({ day, efficiency }) => ({ day, efficiency })),
      ...ahead.map((point) => ({
        day: point.day,
        efficiency: null,
        forecast: point.median,
        forecastLow: point.low,
        forecastHigh: point.high,
      })),
    ],
  };
  // The dashed line and its band start at the last day drawn, so the forecast continues the line.
  const last = data.at(-1);
  const chartRows: EfficiencyPlotRow[] = [
    ...data.map(({ day, efficiency }) =>
      day === last?.day && ahead.length > 0
        ? { day, efficiency, forecast: efficiency, band: [efficiency, efficiency] }
        : { day, efficiency },
    ),
    ...ahead.map((point) => ({ day: point.day, forecast: point.median, band: [point.low, point.high] })),
  ];
  const furthest = ahead.at(-1);
  const note =
    furthest && forecast
      ? [
          t('efficiency.forecastNote', {
            median: format.percent(furthest.median),
            days: furthest.days,
            range: format.percentRange(furthest.low, furthest.high),
            tasks: forecast.tasks,
            paceDays: forecast.pace.days,
            perDay: format.decimal(forecast.pace.perDay),
          }),
          ...(forecast.tasks < fewTasks ? [t('efficiency.forecastFew')] : []),
        ].join(' ')
      : undefined;

  return (
    <ChartCard
      title={title}
      caption={caption}
      description={note}
      table={table}
      csvFileName={`${csvFileStem}-efficiency.csv`}
      headingLevel={headingLevel}
      empty={data.length === 0 ? { title: t('noDailyFigures.title'), body: t('noDailyFigures.body') } : undefined}
    >
      <WhenVisible height={height}>
        <EfficiencyPlot rows={chartRows} forecast={ahead.length > 0} dots={data.length <= 31} height={height} />
      </WhenVisible>
      <ChartLegend
        items={[
          { label: t('series.efficiency'), color: seriesColors.efficiency, mark: 'line' },
          ...(ahead.length > 0
            ? [
                {
                  label: t('series.forecast'),
                  color: seriesColors.efficiency,
                  mark: 'dashed' as const,
                  dash: forecastDash,
                },
                {
                  label: t('series.forecastBand'),
                  color: seriesColors.efficiency,
                  mark: 'box' as const,
                  opacity: bandOpacity,
                },
              ]
            : []),
          {
            label: t('series.target', { value: targetLabel }),
            color: seriesColors.target,
            mark: 'dashed',
            dash: '6 4',
          },
        ]}
      />
    </ChartCard>
  );
}
