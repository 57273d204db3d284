'use client';

import { useTranslations } from 'next-intl';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { efficiencyLine } from '@/lib/metrics/efficiency-line';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { axisTick, chartChrome, lineLabel, seriesColors } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import { useChartFormat } from './use-chart-format';

const height = 280;
const percentTicks = [0, 20, 40, 60, 80, 100];

/** Efficiency per portal day against the 80 % line: a flow's DailyFigure[] or the overview's company-wide series. */
export function EfficiencyChart({
  data,
  caption,
  csvFileStem = 'flowpilot',
  headingLevel,
}: { data: { day: string; efficiency: number }[] } & ChartFrameProps) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  const title = t('efficiency.title');
  const targetLabel = format.percent(efficiencyLine);
  const table: ChartTableData = {
    columns: [
      { key: 'day', header: t('columns.day'), format: (value) => format.day(String(value)) },
      { key: 'efficiency', header: t('columns.efficiency'), numeric: true },
    ],
    rows: data.map(({ day, efficiency }) => ({ day, efficiency })),
  };

  return (
    <ChartCard
      title={title}
      caption={caption}
      table={table}
      csvFileName={`${csvFileStem}-efficiency.csv`}
      headingLevel={headingLevel}
      empty={data.length === 0 ? { title: t('noDailyFigures.title'), body: t('noDailyFigures.body') } : undefined}
    >
      {/* The wrapper is role="img" with the table as the alternative, so Recharts' keyboard layer stays off. */}
      <LineChart
        data={table.rows}
        responsive
        style={{ width: '100%', height }}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={chartChrome.grid} vertical={false} />
        <XAxis dataKey="day" tick={axisTick} tickFormatter={format.dayShort} minTickGap={24} />
        <YAxis domain={[0, 100]} ticks={percentTicks} tick={axisTick} tickFormatter={format.percent} width={48} />
        <ReferenceLine
          y={efficiencyLine}
          stroke={seriesColors.target}
          strokeDasharray="6 4"
          label={{ ...lineLabel, value: targetLabel, position: 'insideTopRight', fill: seriesColors.target }}
        />
        <Tooltip
          content={
            <ChartTooltip
              formatLabel={(label) => (typeof label === 'string' ? format.day(label) : '')}
              formatValue={format.percent}
            />
          }
        />
        <Line
          type="linear"
          dataKey="efficiency"
          name={t('series.efficiency')}
          stroke={seriesColors.efficiency}
          strokeWidth={2}
          dot={data.length <= 31 ? { r: 2.5, fill: seriesColors.efficiency } : false}
          isAnimationActive={false}
        />
      </LineChart>
      <ChartLegend
        items={[
          { label: t('series.efficiency'), color: seriesColors.efficiency, mark: 'line' },
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
