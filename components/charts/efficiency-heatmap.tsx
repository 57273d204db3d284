'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { Overview } from '@/lib/dashboards/dashboard-types';
import { efficiencyBand } from '@/lib/dashboards/efficiency-band';
import { ChartCard, type ChartFrameProps } from './chart-card';
import type { ChartTableData } from './chart-data-table';
import { ChartLegend } from './chart-legend';
import { bandColors, textColorOn } from './chart-palette';
import { useChartFormat } from './use-chart-format';

const bands = ['healthy', 'watch', 'critical'] as const;
/** Rows drawn until the reader asks for all: a company of a thousand flows would make a page of thousands of cells. */
const rowsAtFirst = 30;

/**
 * Each flow's efficiency at the end of each week, as a table whose cells take their band's colour,
 * lowest this week first (the overview orders the rows). Being a real table it is its own
 * accessible view; the card only adds the CSV, which always holds every flow.
 */
export function EfficiencyHeatmap({
  heatmap,
  caption,
  csvFileStem = 'flowpilot',
  headingLevel,
}: { heatmap: Overview['heatmap'] } & ChartFrameProps) {
  const t = useTranslations('charts');
  const format = useChartFormat();
  const title = t('heatmap.title');
  const table: ChartTableData = {
    // Weeks as their Mondays (YYYY-MM-DD) head the CSV's columns: spreadsheets read them as dates.
    columns: [
      { key: 'flow', header: t('columns.flow') },
      ...heatmap.weeks.map((week) => ({ key: week, header: week, numeric: true })),
    ],
    rows: heatmap.rows.map((row) => ({
      flow: row.name,
      ...Object.fromEntries(heatmap.weeks.map((week, index) => [week, row.cells[index] ?? null])),
    })),
  };
  const hasFigures = heatmap.rows.some((row) => row.cells.some((cell) => cell !== null));
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? heatmap.rows : heatmap.rows.slice(0, rowsAtFirst);

  return (
    <ChartCard
      title={title}
      caption={caption}
      table={table}
      csvFileName={`${csvFileStem}-efficiency-by-week.csv`}
      headingLevel={headingLevel}
      chartIsTable
      empty={hasFigures ? undefined : { title: t('noFlowFigures.title'), body: t('noFlowFigures.body') }}
    >
      {/* Focusable so keyboard users can scroll the weeks sideways. */}
      <div
        role="region"
        aria-label={t('heatmap.scrollArea', { title })}
        tabIndex={0}
        className="overflow-x-auto rounded-lg border border-slate-200"
      >
        <table className="w-full border-separate border-spacing-0 text-sm">
          <caption className="sr-only">{`${title}, ${caption}`}</caption>
          <thead className="text-xs text-slate-600">
            <tr>
              <th scope="col" className="sticky left-0 z-10 bg-slate-50 px-3 py-2 text-left font-semibold">
                {t('columns.flow')}
              </th>
              {heatmap.weeks.map((week) => (
                <th
                  key={week}
                  scope="col"
                  className="bg-slate-50 px-2 py-2 text-center font-semibold whitespace-nowrap"
                >
                  <span aria-hidden>{format.dayShort(week)}</span>
                  <span className="sr-only">{format.week(week)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.id}>
                <th
                  scope="row"
                  title={row.name}
                  className="sticky left-0 z-10 max-w-56 truncate border-t border-slate-100 bg-white px-3 py-1.5 text-left font-medium text-slate-900"
                >
                  {row.name}
                </th>
                {row.cells.map((cell, index) => {
                  const background = cell === null ? null : bandColors[efficiencyBand(cell)];
                  return (
                    <td
                      key={heatmap.weeks[index] ?? index}
                      className={`min-w-14 border-t border-l border-white px-2 py-1.5 text-center tabular-nums ${background ? 'font-semibold' : 'bg-slate-100 text-slate-600'}`}
                      style={background ? { backgroundColor: background, color: textColorOn(background) } : undefined}
                    >
                      {cell === null ? t('card.noValue') : format.percent(cell)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {heatmap.rows.length > rowsAtFirst && (
        <button
          type="button"
          aria-expanded={showAll}
          onClick={() => setShowAll(!showAll)}
          className="mt-3 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          {showAll
            ? t('heatmap.showFewer', { count: rowsAtFirst })
            : t('heatmap.showAll', { count: heatmap.rows.length })}
        </button>
      )}
      <ChartLegend items={bands.map((band) => ({ label: t(`bands.${band}`), color: bandColors[band], mark: 'box' }))} />
    </ChartCard>
  );
}
