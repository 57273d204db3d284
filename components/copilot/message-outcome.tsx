'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { TokenPersonView } from '@/lib/copilot/analysis/analysis-view';
import type { MessageOutcome } from '@/lib/copilot/outcomes/message-outcomes';
import type { OutcomeFigures } from '@/lib/copilot/outcomes/outcome-figures';
import { durationFigures } from '@/lib/findings/finding';

/**
 * Since the team acted on a message: its finding's key figure, the points lost to it and the
 * flow's efficiency, then and now, as a small table; and whether the task made from it was done.
 * Said as changes since the action, not as its effect.
 */
export function MessageOutcomeView({
  outcome,
  people,
  title,
}: {
  outcome: MessageOutcome;
  people: Record<number, TokenPersonView>;
  /** For earlier advice: what it was about. */
  title?: string;
}) {
  const t = useTranslations('copilot.outcome');
  const figures = useTranslations('copilot.figures');
  const units = useTranslations('copilot.units');
  const format = useFormatter();
  const date = format.dateTime(new Date(outcome.actedAt), { day: 'numeric', month: 'long' });
  const names = (form: 'nom' | 'gen') =>
    outcome.people.map((id) => people[id]?.forms?.[form] ?? people[id]?.name ?? `#${id}`).join(', ');
  const figureValue = (figures: OutcomeFigures) => {
    if (!figures.figure) return '—';
    const value = format.number(figures.figure.value, { maximumFractionDigits: 1 });
    return durationFigures.has(figures.figure.key) ? units(figures.figure.unit, { value }) : value;
  };
  const key = outcome.before.figure?.key ?? outcome.now.figure?.key;
  const figureLabel =
    key === 'openTasks' && outcome.people.length > 0
      ? t('openTasksOf', { names: names('gen') })
      : key && figures.has(key)
        ? figures(key as Parameters<typeof figures>[0])
        : null;
  const rows: [string, string, string][] = [
    ...(figureLabel
      ? [[figureLabel, figureValue(outcome.before), figureValue(outcome.now)] as [string, string, string]]
      : []),
    [t('lostPoints'), String(outcome.before.lostPoints), String(outcome.now.lostPoints)],
    [
      t('efficiency'),
      units('percent', { value: outcome.before.efficiency }),
      units('percent', { value: outcome.now.efficiency }),
    ],
  ];
  return (
    <section
      aria-label={t('label', { date })}
      className="mt-2 rounded-lg border border-emerald-200 bg-emerald-50/60 p-3 text-sm text-slate-800"
    >
      {title && <p className="font-semibold text-slate-900">{title}</p>}
      <p className="flex flex-wrap items-center gap-2">
        <span>{t(`since.${outcome.via}`, { date })}</span>
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-semibold ${outcome.improved ? 'bg-emerald-100 text-emerald-900' : 'bg-slate-100 text-slate-800'}`}
        >
          {outcome.improved ? t('better') : t('notBetter')}
        </span>
      </p>
      <table className="mt-1 w-full text-left">
        <thead className="sr-only">
          <tr>
            <th scope="col">{t('figure')}</th>
            <th scope="col">{t('then')}</th>
            <th scope="col">{t('now')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, then, now]) => (
            <tr key={label}>
              <th scope="row" className="py-0.5 pr-3 font-normal text-slate-700">
                {label}
              </th>
              <td className="py-0.5 tabular-nums">
                {then} → <strong>{now}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!outcome.now.found && <p className="mt-1 text-xs text-slate-700">{t('noLongerFound')}</p>}
      {outcome.task && (
        <p className="mt-1 text-xs text-slate-700">
          {outcome.task.completedAt
            ? t('taskDone', {
                date: format.dateTime(new Date(outcome.task.completedAt), { day: 'numeric', month: 'long' }),
              })
            : t('taskOpen')}
        </p>
      )}
      <p className="mt-1 text-xs text-slate-600">{t('honest')}</p>
    </section>
  );
}
