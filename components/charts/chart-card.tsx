'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type ReactNode } from 'react';
import { toCsv } from '@/lib/dashboards/csv';
import { ChartDataTable, type ChartTableData } from './chart-data-table';

/** What every concrete chart takes besides its figures. */
export type ChartFrameProps = {
  /** The figures' window, e.g. "Last 30 days · portal time UTC+03:00" (useChartFormat().windowCaption). */
  caption: string;
  /** The start of the CSV file's name; the chart adds its own name and ".csv". */
  csvFileStem?: string;
  headingLevel?: 2 | 3;
};

export type ChartCardProps = {
  title: string;
  caption: string;
  description?: string;
  table: ChartTableData;
  csvFileName: string;
  /** Shown instead of the chart when there is nothing to draw; it turns the CSV download off. */
  empty?: { title: string; body: string };
  headingLevel?: 2 | 3;
  /** The chart is itself an HTML table (the heatmap): it stays readable as it is, with no second view. */
  chartIsTable?: boolean;
  children: ReactNode;
};

/** The CSV a card downloads: raw values under the table's headers (formatting is for the screen only). */
export function chartCsv(table: ChartTableData): string {
  return toCsv(table.columns, table.rows);
}

function downloadFile(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoking at once can cancel the download in some browsers; FileSaver.js waits 40 s too.
  setTimeout(() => URL.revokeObjectURL(url), 40_000);
}

const toggleStyle =
  'px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 aria-pressed:bg-brand-600 aria-pressed:text-white aria-pressed:hover:bg-brand-700';

/** The frame of every chart: title, window, Chart/Table views, CSV download, or what to do when empty. */
export function ChartCard({
  title,
  caption,
  description,
  table,
  csvFileName,
  empty,
  headingLevel = 2,
  chartIsTable = false,
  children,
}: ChartCardProps) {
  const t = useTranslations('charts.card');
  const titleId = useId();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const showToggle = !empty && !chartIsTable;

  let body: ReactNode;
  if (empty) {
    body = (
      <div className="flex min-h-40 flex-col items-center justify-center rounded-lg border border-dashed border-slate-300 px-6 py-10 text-center">
        <p className="font-semibold text-slate-900">{empty.title}</p>
        <p className="mt-1 max-w-md text-sm text-slate-600">{empty.body}</p>
      </div>
    );
  } else if (chartIsTable) {
    body = children;
  } else if (view === 'table') {
    body = <ChartDataTable caption={`${title}, ${caption}`} table={table} />;
  } else {
    body = (
      <div role="img" aria-label={t('chartLabel', { title })}>
        {children}
      </div>
    );
  }

  return (
    <section
      aria-labelledby={titleId}
      className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <Heading id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </Heading>
          <p className="text-xs text-slate-600">{caption}</p>
          {description && <p className="mt-1 text-sm text-slate-700">{description}</p>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {showToggle && (
            <div
              role="group"
              aria-label={t('view')}
              className="inline-flex overflow-hidden rounded-md border border-slate-300"
            >
              <button
                type="button"
                aria-pressed={view === 'chart'}
                onClick={() => setView('chart')}
                className={toggleStyle}
              >
                {t('chart')}
              </button>
              <button
                type="button"
                aria-pressed={view === 'table'}
                onClick={() => setView('table')}
                className={`${toggleStyle} border-l border-slate-300`}
              >
                {t('table')}
              </button>
            </div>
          )}
          <button
            type="button"
            disabled={Boolean(empty)}
            onClick={() => downloadFile(csvFileName, chartCsv(table))}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60"
          >
            {t('downloadCsv')}
          </button>
        </div>
      </div>
      <div className="mt-4">{body}</div>
    </section>
  );
}
