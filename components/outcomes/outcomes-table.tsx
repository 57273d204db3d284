'use client';

import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { EmptyState } from '@/components/ui/empty-state';
import type { OutcomeFigures } from '@/lib/copilot/outcomes/outcome-figures';
import type { OutcomesOverview } from '@/lib/copilot/outcomes/outcomes-overview';
import { durationFigures } from '@/lib/findings/finding';

/** Every followed piece of advice with its figures then and now, and the share that improved. */
export function OutcomesTable({ overview }: { overview: OutcomesOverview }) {
  const t = useTranslations('outcomes');
  const copilot = useTranslations('copilot');
  const format = useFormatter();
  const { outcomes, improved, people } = overview;
  if (outcomes.length === 0) return <EmptyState title={t('title')} body={t('empty')} />;
  const figure = (figures: OutcomeFigures) => {
    if (!figures.figure) return '—';
    const value = format.number(figures.figure.value, { maximumFractionDigits: 1 });
    return durationFigures.has(figures.figure.key) ? copilot(`units.${figures.figure.unit}`, { value }) : value;
  };
  const figureLabel = (key: string | undefined) =>
    key && copilot.has(`figures.${key}`) ? copilot(`figures.${key}` as Parameters<typeof copilot>[0]) : '';
  return (
    <>
      <p role="status" className="mb-3 text-sm font-semibold text-slate-900">
        {t('summary', { improved, total: outcomes.length, share: Math.round((100 * improved) / outcomes.length) })}
      </p>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              {(['flow', 'advice', 'actedOn', 'keyFigure', 'lostPoints', 'efficiency', 'result'] as const).map(
                (column) => (
                  <th key={column} scope="col" className="px-4 py-3 font-semibold">
                    {t(column)}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {outcomes.map((outcome) => (
              <tr key={outcome.id} className="border-b border-slate-100 align-top">
                <td className="px-4 py-3">
                  <Link href={`/flows/${outcome.flowId}`} className="text-brand-700 hover:underline">
                    {outcome.flowName}
                  </Link>
                </td>
                <td className="px-4 py-3">
                  {copilot(`kinds.${outcome.kind}`)}
                  {outcome.people.length > 0 && (
                    <span className="block text-xs text-slate-600">
                      {outcome.people.map((id) => people[id]?.name ?? `#${id}`).join(', ')}
                    </span>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-3">
                  {format.dateTime(new Date(outcome.actedAt), { dateStyle: 'medium' })}
                  <span className="block text-xs text-slate-600">{t(`via.${outcome.via}`)}</span>
                </td>
                <td className="px-4 py-3 tabular-nums">
                  <span className="block text-xs text-slate-600">
                    {figureLabel(outcome.before.figure?.key ?? outcome.now.figure?.key)}
                  </span>
                  {figure(outcome.before)} → <strong>{figure(outcome.now)}</strong>
                </td>
                <td className="px-4 py-3 tabular-nums">
                  {outcome.before.lostPoints} → <strong>{outcome.now.lostPoints}</strong>
                </td>
                <td className="px-4 py-3 tabular-nums">
                  {copilot('units.percent', { value: outcome.before.efficiency })} →{' '}
                  <strong>{copilot('units.percent', { value: outcome.now.efficiency })}</strong>
                </td>
                <td className="px-4 py-3">
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-semibold ${outcome.improved ? 'bg-emerald-100 text-emerald-900' : 'bg-slate-100 text-slate-800'}`}
                  >
                    {outcome.improved ? copilot('outcome.better') : copilot('outcome.notBetter')}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-3 text-xs text-slate-600">{t('honest')}</p>
    </>
  );
}
