'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { Percentiles } from '@/lib/dashboards/dashboard-types';
import type { ChartLegendItem } from './chart-legend';
import { percentileDashes, seriesColors } from './chart-palette';
import { useChartFormat } from './use-chart-format';
import { dayMs } from '@/lib/time/durations';

/** A lead-time line across a chart whose value axis is in days. */
export type PercentileLine = { key: string; label: string; days: number; color: string; dash: string };

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
  const percentileLines = known.map(({ key, ms }): PercentileLine => ({
    key,
    label: `${key} · ${format.duration(ms)}`,
    days: ms / dayMs,
    color: seriesColors[key],
    dash: percentileDashes[key],
  }));
  const plannedLines: PercentileLine[] =
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
    /** The lines for the drawing (percentileReferenceLines). */
    lines,
    legend: lines.map((line): ChartLegendItem => ({
      label: line.key === 'planned' ? t('series.planned') : line.key,
      color: line.color,
      mark: 'dashed',
      dash: line.dash,
    })),
    description: sentences.join(' '),
  };
}
