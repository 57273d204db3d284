'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { AgingBand, FlowDashboard } from '@/lib/dashboards/dashboard-types';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { agingBandColors, axisTick, chartChrome, seriesColors } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import { usePercentileLines } from './percentile-lines';
import { useChartFormat } from './use-chart-format';
import { dayMs } from '@/lib/time/durations';

const height = 320;

const bandKeys = {
  'below-p50': 'belowP50',
  'p50-p85': 'p50ToP85',
  'p85-p95': 'p85ToP95',
  'above-p95': 'aboveP95',
} as const satisfies Record<AgingBand, string>;

type AgingRow = {
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

/** The bar in its band's colour; an overdue task also gets a triangle above its bar. */
function AgingBar({ x, y, width, height: barHeight, payload }: BarShapeProps) {
  const row: AgingRow = payload;
  const marker = Math.min(10, Math.max(6, width));
  const middle = x + width / 2;
  return (
    <g>
      <rect x={x} y={y} width={width} height={barHeight} fill={row.color} />
      {row.overdue === 1 && (
        <path
          d={`M${middle} ${y - marker - 2} L${middle + marker / 2} ${y - 2} L${middle - marker / 2} ${y - 2} Z`}
          fill={seriesColors.overdue}
          stroke={chartChrome.card}
          strokeWidth={1}
        />
      )}
    </g>
  );
}

/** Open tasks, oldest first: how long each has been open, against the flow's recent lead times. */
export function AgingChart({
  aging,
  caption,
  csvFileStem = 'flowpilot',
  headingLevel,
}: { aging: FlowDashboard['aging'] } & ChartFrameProps) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  const { referenceLines, legend, description } = usePercentileLines(aging.percentiles);

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
      {/* role="img" wrapper with the table as the alternative: Recharts' keyboard layer stays off. */}
      <BarChart
        data={rows}
        responsive
        style={{ width: '100%', height }}
        margin={{ top: 20, right: 16, bottom: 0, left: 0 }}
        barCategoryGap="15%"
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={chartChrome.grid} vertical={false} />
        <XAxis
          dataKey="label"
          tick={axisTick}
          minTickGap={8}
          height={44}
          label={{ value: t('aging.axis'), position: 'insideBottom', fill: chartChrome.axisText, fontSize: 12 }}
        />
        <YAxis tick={axisTick} tickFormatter={format.daysShort} domain={[0, 'auto']} width={72} />
        <Tooltip
          cursor={{ fill: chartChrome.grid }}
          content={
            <ChartTooltip
              formatLabel={(_label, payload) => {
                const row: AgingRow | undefined = payload[0]?.payload;
                return row ? `${row.label} ${row.title}` : '';
              }}
              formatValue={(_value, entry) => {
                const row: AgingRow = entry.payload;
                return [format.duration(row.ageMs), row.band, ...(row.overdue ? [row.deadline] : [])].join(' · ');
              }}
              colorOf={(entry) => {
                const row: AgingRow = entry.payload;
                return row.color;
              }}
            />
          }
        />
        <Bar
          dataKey="ageDays"
          name={t('series.age')}
          fill={agingBandColors['below-p50']}
          shape={AgingBar}
          isAnimationActive={false}
        />
        {referenceLines}
      </BarChart>
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
