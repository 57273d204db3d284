'use client';

import { useTranslations } from 'next-intl';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { axisTick, chartChrome, lineLabel, percentTicks, seriesColors } from '@/components/charts/chart-palette';
import { ChartTooltip } from '@/components/charts/chart-tooltip';
import { useChartFormat } from '@/components/charts/use-chart-format';
import { hourMs } from '@/lib/time/durations';

/** CalibrationChart's drawing (loaded when the chart comes into view). */
export function CalibrationPlot({
  rows,
  currentHours,
  height,
}: {
  rows: { plannedHours: number; onTime: number }[];
  /** Today's planned time, marked on the curve. */
  currentHours: number;
  height: number;
}) {
  const t = useTranslations('whatIf.calibration');
  const format = useChartFormat();
  const hours = (value: number) => format.duration(value * hourMs);
  // ChartCard's role="img" wrapper has the table as the alternative: Recharts' keyboard layer stays off.
  return (
    <LineChart
      data={rows}
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
        x={currentHours}
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
  );
}
