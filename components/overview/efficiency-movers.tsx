'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { ChartCard } from '@/components/charts/chart-card';
import { useChartFormat } from '@/components/charts/use-chart-format';
import type { EfficiencyMover, Overview } from '@/lib/dashboards/dashboard-types';

/** The flows whose efficiency moved most against the previous 30 days, up and down, as two short tables. */
export function EfficiencyMovers({
  movers,
  caption,
  csvFileStem,
  headingLevel,
}: {
  movers: Overview['movers'];
  caption: string;
  csvFileStem: string;
  headingLevel?: 2 | 3;
}) {
  const t = useTranslations('overview.movers');
  const format = useChartFormat();
  const rows = [...movers.up, ...movers.down];
  const table = {
    columns: [
      { key: 'flow', header: t('flow') },
      {
        key: 'previous',
        header: t('previous'),
        numeric: true,
        format: (value: string | number | null) => (typeof value === 'number' ? format.percent(value) : ''),
      },
      {
        key: 'efficiency',
        header: t('now'),
        numeric: true,
        format: (value: string | number | null) => (typeof value === 'number' ? format.percent(value) : ''),
      },
      { key: 'change', header: t('change'), numeric: true },
    ],
    rows: rows.map((mover) => ({
      flow: mover.name,
      previous: mover.previous,
      efficiency: mover.efficiency,
      change: mover.change,
    })),
  };
  const ListHeading = headingLevel === 3 ? 'h4' : 'h3';
  const list = (title: string, items: EfficiencyMover[], tone: string) => (
    <div className="min-w-0">
      <ListHeading className="text-sm font-semibold text-slate-900">{title}</ListHeading>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t('none')}</p>
      ) : (
        <table className="mt-2 w-full text-sm">
          <caption className="sr-only">{title}</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="py-1 text-left font-semibold">
                {t('flow')}
              </th>
              <th scope="col" className="py-1 text-right font-semibold">
                {t('previous')}
              </th>
              <th scope="col" className="py-1 text-right font-semibold">
                {t('now')}
              </th>
              <th scope="col" className="py-1 text-right font-semibold">
                {t('change')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((mover) => (
              <tr key={mover.id}>
                <th scope="row" className="max-w-48 truncate py-1.5 text-left font-normal">
                  <Link href={`/flows/${mover.id}`} className="text-brand-700 hover:underline">
                    {mover.name}
                  </Link>
                </th>
                <td className="py-1.5 text-right tabular-nums text-slate-700">{format.percent(mover.previous)}</td>
                <td className="py-1.5 text-right tabular-nums text-slate-900">{format.percent(mover.efficiency)}</td>
                <td className={`py-1.5 text-right font-semibold tabular-nums ${tone}`}>
                  {t('points', { change: mover.change })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
  return (
    <ChartCard
      title={t('title')}
      caption={caption}
      table={table}
      csvFileName={`${csvFileStem}-movers.csv`}
      headingLevel={headingLevel}
      chartIsTable
      empty={rows.length === 0 ? { title: t('emptyTitle'), body: t('emptyBody') } : undefined}
    >
      <div className="grid gap-6 sm:grid-cols-2">
        {list(t('up'), movers.up, 'text-emerald-800')}
        {list(t('down'), movers.down, 'text-red-700')}
      </div>
    </ChartCard>
  );
}
