'use client';

import { useTranslations } from 'next-intl';
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { FlowDashboard } from '@/lib/dashboards/dashboard-types';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { axisTick, chartChrome, lineLabel, seriesColors } from './chart-palette';
import { ChartTooltip } from './chart-tooltip';
import { useChartFormat } from './use-chart-format';

/** Rows of bars grow the chart, so forty people stay as readable as four. */
const rowHeight = 36;
const axesHeight = 40;

/**
 * Open and overdue tasks per assignee, against the team's median of open tasks. It frames the
 * team's load, not a ranking: people stay in the order given (the caller sorts them by name).
 */
export function TeamLoadChart({
  load,
  caption,
  csvFileStem = 'flowpilot',
  headingLevel,
}: { load: FlowDashboard['load'] } & ChartFrameProps) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  const names = new Map(load.assignees.map(({ person }) => [String(person.bitrixUserId), person.name]));
  // The category is the user's id: two people may share a name, and a name axis would merge their bars.
  const rows = load.assignees.map(({ person, open, overdue }) => ({
    id: String(person.bitrixUserId),
    person: person.name,
    open,
    overdue,
  }));
  const table: ChartTableData = {
    columns: [
      { key: 'person', header: t('columns.assignee') },
      { key: 'open', header: t('series.open'), numeric: true },
      { key: 'overdue', header: t('series.overdue'), numeric: true },
    ],
    rows,
  };
  const nameOf = (id: string | number) => names.get(String(id)) ?? String(id);

  return (
    <ChartCard
      title={t('teamLoad.title')}
      caption={caption}
      description={t('teamLoad.median', {
        open: format.decimal(load.medianOpen),
        overdue: format.decimal(load.medianOverdue),
      })}
      table={table}
      csvFileName={`${csvFileStem}-team-load.csv`}
      headingLevel={headingLevel}
      empty={rows.length === 0 ? { title: t('teamLoad.emptyTitle'), body: t('teamLoad.emptyBody') } : undefined}
    >
      {/* role="img" wrapper with the table as the alternative: Recharts' keyboard layer stays off. */}
      <BarChart
        data={rows}
        layout="vertical"
        responsive
        style={{ width: '100%', height: axesHeight + rows.length * rowHeight }}
        margin={{ top: 20, right: 16, bottom: 0, left: 0 }}
        barGap={2}
        barCategoryGap="20%"
        accessibilityLayer={false}
      >
        <CartesianGrid stroke={chartChrome.grid} horizontal={false} />
        <XAxis type="number" tick={axisTick} tickFormatter={format.count} allowDecimals={false} />
        <YAxis type="category" dataKey="id" tick={axisTick} tickFormatter={nameOf} width={150} interval={0} />
        <Tooltip
          cursor={{ fill: chartChrome.grid }}
          content={
            <ChartTooltip
              formatLabel={(label) => (label === undefined ? '' : nameOf(label))}
              formatValue={format.count}
            />
          }
        />
        <Bar dataKey="open" name={t('series.open')} fill={seriesColors.open} isAnimationActive={false} />
        <Bar dataKey="overdue" name={t('series.overdue')} fill={seriesColors.overdue} isAnimationActive={false} />
        <ReferenceLine
          x={load.medianOpen}
          stroke={seriesColors.target}
          strokeDasharray="6 4"
          strokeWidth={1.5}
          ifOverflow="extendDomain"
          label={{
            ...lineLabel,
            value: t('teamLoad.medianLine', { value: format.decimal(load.medianOpen) }),
            position: 'top',
            fill: seriesColors.target,
          }}
        />
      </BarChart>
      <ChartLegend
        items={[
          { label: t('series.open'), color: seriesColors.open, mark: 'box' },
          { label: t('series.overdue'), color: seriesColors.overdue, mark: 'box' },
          { label: t('teamLoad.medianLegend'), color: seriesColors.target, mark: 'dashed', dash: '6 4' },
        ]}
      />
    </ChartCard>
  );
}
