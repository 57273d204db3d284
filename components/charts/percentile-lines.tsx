'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { ReferenceLine } from 'recharts';
import type { Percentiles } from '@/lib/dashboards/dashboard-types';
import type { ChartLegendItem } from './chart-legend';
import { lineLabel, percentileDashes, seriesColors } from './chart-palette';
import { useChartFormat } from './use-chart-format';
import { dayMs } from '@/lib/time/durations';

type Line = { key: string; label: string; days: number; color: string; dash: string };

const percentileKeys = ['p50', 'p85', 'p95'] as const;
const plannedDash = '12 4';

/**
 * The lead-time lines of a chart whose value axis is in days: p50, p85, p95 and, when the flow has
 * one, its planned time; plus the same figures as a legend and a sentence (the table view lacks them).
 * "p50" and its kin are read as symbols in both languages, so they are not translated.
 */
export function usePercentileLines(percentiles: Percentiles, plannedMs: number | null = null) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  const formatter = useFormatter();

  const known = percentileKeys.flatMap((key) => {
    const ms = percentiles[key];
    return ms === null ? [] : [{ key, ms }];
  });
  const percentileLines = known.map(({ key, ms }): Line => ({
    key,
    label: `${key} · ${format.duration(ms)}`,
    days: ms / dayMs,
    color: seriesColors[key],
    dash: percentileDashes[key],
  }));
  const plannedLines: Line[] =
    plannedMs === null
      ? []
      : [
          {
            key: 'planned',
            label: t('plannedLine', { value: format.duration(plannedMs) }),
            days: plannedMs / dayMs,
            color: seriesColors.planned,
            dash: plannedDash,
          },
        ];
  const lines = [...percentileLines, ...plannedLines];

  const sentences = [
    ...(known.length > 0
      ? [
          t('percentiles', {
            values: formatter.list(
              known.map(({ key, ms }) => `${key} ${format.duration(ms)}`),
              { type: 'conjunction' },
            ),
          }),
        ]
      : []),
    ...(plannedMs === null ? [] : [t('plannedTime', { value: format.duration(plannedMs) })]),
  ];

  return {
    /** ReferenceLine elements to place among the chart's children. */
    referenceLines: lines.map((line) => (
      <ReferenceLine
        key={line.key}
        y={line.days}
        stroke={line.color}
        strokeWidth={1.5}
        strokeDasharray={line.dash}
        ifOverflow="extendDomain"
        label={{
          ...lineLabel,
          value: line.label,
          position: line.key === 'planned' ? 'insideTopLeft' : 'insideTopRight',
          fill: line.color,
        }}
      />
    )),
    legend: lines.map((line): ChartLegendItem => ({
      label: line.key === 'planned' ? t('series.planned') : line.key,
      color: line.color,
      mark: 'dashed',
      dash: line.dash,
    })),
    description: sentences.join(' '),
  };
}
