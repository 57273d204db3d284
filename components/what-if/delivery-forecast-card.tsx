import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { ChartCard } from '@/components/charts/chart-card';
import type { ChartTableData } from '@/components/charts/chart-data-table';
import { buttonStyles } from '@/components/ui/button-styles';
import { deliveryLearningWeeks } from '@/lib/metrics/delivery-forecast';
import type { DeliveryView } from '@/lib/simulation/what-if-page';
import { DeliveryAnswers } from './delivery-answers';

export const confidenceLevels = ['p50', 'p85', 'p95'] as const;

/**
 * The two delivery questions with their 50, 85 and 95 % answers. The date of the second is a GET
 * form, so the answer is the page's own and works without scripts.
 */
export function DeliveryForecastCard({ view, csvFileStem }: { view: DeliveryView; csvFileStem: string }) {
  const t = useTranslations('whatIf.delivery');
  const id = useId();
  const { backlog, by, basis } = view;
  const table: ChartTableData = {
    columns: [
      { key: 'question', header: t('csvQuestion') },
      { key: 'confidence', header: t('confidence') },
      { key: 'answer', header: t('csvAnswer') },
    ],
    rows: [
      ...(backlog.doneBy
        ? confidenceLevels.map((level) => ({
            question: t('csvBacklog'),
            confidence: level,
            answer: backlog.doneBy![level],
          }))
        : []),
      ...confidenceLevels.map((level) => ({
        question: t('csvBy', { date: by.day }),
        confidence: level,
        answer: by.atLeast[level],
      })),
    ],
  };
  return (
    <ChartCard
      title={t('title')}
      caption={t('caption', { weeks: basis.weeks, tasks: basis.completed, runs: basis.runs })}
      description={[view.matchWorkTime ? t('workingDays') : t('calendarDays'), t('estimate')].join(' ')}
      table={table}
      csvFileName={`${csvFileStem}-delivery-forecast.csv`}
      chartIsTable
      empty={
        basis.completed === 0
          ? { title: t('empty.title', { weeks: deliveryLearningWeeks }), body: t('empty.body') }
          : undefined
      }
    >
      <div className="grid gap-6 md:grid-cols-2">
        <div>
          <h3 className="text-sm font-semibold text-slate-900">{t('backlogQuestion', { count: backlog.count })}</h3>
          {backlog.count === 0 ? (
            <p className="mt-2 text-sm text-slate-700">{t('backlogNone')}</p>
          ) : backlog.doneBy === null ? (
            <p className="mt-2 text-sm text-slate-700">{t('backlogUnknown')}</p>
          ) : (
            <DeliveryAnswers kind="date" answers={backlog.doneBy} />
          )}
        </div>
        <div>
          <form method="get" className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor={`${id}-by`} className="block text-sm font-medium text-slate-800">
                {t('byLabel')}
              </label>
              <input
                id={`${id}-by`}
                type="date"
                name="by"
                defaultValue={by.day}
                aria-invalid={by.invalid || undefined}
                aria-describedby={by.invalid ? `${id}-by-error` : undefined}
                className="mt-1 rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm aria-invalid:border-red-600"
              />
            </div>
            <button type="submit" className={buttonStyles.secondary}>
              {t('byButton')}
            </button>
          </form>
          {by.invalid && (
            <p id={`${id}-by-error`} role="alert" className="mt-1 text-sm text-red-800">
              {t('byInvalid')}
            </p>
          )}
          <DeliveryAnswers kind="count" answers={by.atLeast} day={by.day} />
        </div>
      </div>
    </ChartCard>
  );
}
