'use client';

import { useTranslations } from 'next-intl';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from '@/components/charts/chart-card';
import type { ChartTableData } from '@/components/charts/chart-data-table';
import { ChartLegend } from '@/components/charts/chart-legend';
import { axisTick, chartChrome, lineLabel, seriesColors } from '@/components/charts/chart-palette';
import { ChartTooltip } from '@/components/charts/chart-tooltip';
import { useChartFormat } from '@/components/charts/use-chart-format';
import type { PlannedTimeCalibration } from '@/lib/metrics/planned-time-calibration';
import { hourMs } from '@/lib/time/durations';

const height = 260;
const percentTicks = [0, 20, 40, 60, 80, 100];

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
  const table: ChartTableData = {
    columns: [
      { key: 'plannedHours', header: t('columns.plannedTime'), numeric: true, format: (value) => hours(Number(value)) },
      { key: 'onTime', header: t('columns.onTime'), numeric: true, format: (value) => format.percent(Number(value)) },
    ],
    rows: calibration.curve.map((point) => ({
      plannedHours: point.plannedHours,
      onTime: Math.round(point.onTime * 100),
    })),
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
      <LineChart
        data={table.rows}
        responsive
        style={{ width: '100%', height }}
        margin={{ top: 16, right: 16, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={chartChrome.grid} vertical={false} />
        <XAxis
          dataKey="plannedHours"
          type="number"
          domain={['dataMin', 'dataMax']}
          tick={axisTick}
          tickFormatter={(value: number) => hours(value)}
        />
        <YAxis domain={[0, 100]} ticks={percentTicks} tick={axisTick} tickFormatter={format.percent} width={48} />
        <ReferenceLine
          x={calibration.current.plannedHours}
          stroke={seriesColors.target}
          strokeDasharray="6 4"
          label={{ ...lineLabel, value: t('today'), position: 'insideTopRight', fill: seriesColors.target }}
        />
        <Tooltip
          content={
            <ChartTooltip
              formatLabel={(label) => (typeof label === 'number' ? hours(label) : '')}
              formatValue={format.percent}
              dataKeys={['onTime']}
            />
          }
        />
        <Line
          type="stepAfter"
          dataKey="onTime"
          name={t('series')}
          stroke={seriesColors.efficiency}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
      <ChartLegend
        items={[
          { label: t('series'), color: seriesColors.efficiency, mark: 'line' },
          { label: t('todayLegend'), color: seriesColors.target, mark: 'dashed', dash: '6 4' },
        ]}
      />
    </ChartCard>
  );
}
