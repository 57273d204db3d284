'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { CsvRow } from '@/lib/dashboards/csv';

export type ChartTableColumn = {
  key: string;
  header: string;
  numeric?: boolean;
  /** How the table shows a value; empty ones (null) show a dash without it. The CSV gets raw values. */
  format?: (value: string | number) => string;
};

/** A chart's figures as rows: the table view (the accessible alternative) and the CSV are made from it. */
export type ChartTableData = { columns: ChartTableColumn[]; rows: CsvRow[] };

/** A chart's figures as a real table; the first column names each row. Scrolls on narrow screens. */
export function ChartDataTable({ caption, table }: { caption: string; table: ChartTableData }) {
  const t = useTranslations('charts.card');
  const format = useFormatter();
  const show = (column: ChartTableColumn, value: string | number | null) => {
    if (value === null) return t('noValue');
    if (column.format) return column.format(value);
    return typeof value === 'number' ? format.number(value) : value;
  };
  return (
    // Focusable so keyboard users can scroll it (the region is wider than a phone).
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className="max-h-[28rem] overflow-auto rounded-lg border border-slate-200"
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-slate-50 text-xs text-slate-600">
          <tr>
            {table.columns.map((column) => (
              <th
                key={column.key}
                scope="col"
                className={`px-3 py-2 font-semibold whitespace-nowrap ${column.numeric ? 'text-right' : ''}`}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.rows.map((row, index) => (
            <tr key={index}>
              {table.columns.map((column, columnIndex) => {
                const Cell = columnIndex === 0 ? 'th' : 'td';
                return (
                  <Cell
                    key={column.key}
                    scope={columnIndex === 0 ? 'row' : undefined}
                    className={`px-3 py-1.5 ${columnIndex === 0 ? 'font-medium text-slate-900' : 'text-slate-700'} ${column.numeric ? 'text-right tabular-nums whitespace-nowrap' : ''}`}
                  >
                    {show(column, row[column.key] ?? null)}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
