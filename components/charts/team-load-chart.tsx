'use client';

import { useTranslations } from 'next-intl';
import dynamic from 'next/dynamic';
import type { FlowDashboard } from '@/lib/dashboards/dashboard-types';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { seriesColors } from './chart-palette';
import { WhenVisible } from './chart-plot';
import { useChartFormat } from './use-chart-format';

/** Rows of bars grow the chart, so forty people stay as readable as four. */
const rowHeight = 36;
const axesHeight = 40;
const TeamLoadPlot = dynamic(() => import('./team-load-plot').then((module) => module.TeamLoadPlot), { ssr: false });

export type TeamLoadRow = { id: string; person: string; open: number; overdue: number };

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
  const rows: TeamLoadRow[] = load.assignees.map(({ person, open, overdue }) => ({
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
  const height = axesHeight + rows.length * rowHeight;

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
      <WhenVisible height={height}>
        <TeamLoadPlot rows={rows} nameOf={nameOf} medianOpen={load.medianOpen} height={height} />
      </WhenVisible>
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
