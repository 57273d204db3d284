'use client';

import { useTranslations } from 'next-intl';
import { useChartFormat } from '@/components/charts/use-chart-format';
import { PersonName } from '@/components/people/person-avatar';
import type { RiskTask } from '@/lib/dashboards/dashboard-types';
import { fewTasksBehindRisk, type DeadlineRisk } from '@/lib/metrics/deadline-risk';

/**
 * Open tasks past their deadline or past 80 % of their time, the likeliest to run late first, each
 * with its estimated chance of running late and linking to Bitrix24.
 */
export function RiskTasksTable({ tasks, timeZoneOffset }: { tasks: RiskTask[]; timeZoneOffset: string }) {
  const t = useTranslations('flow.risks');
  const statusName = useTranslations('flow.status');
  const format = useChartFormat();
  const overdue = tasks.filter((task) => task.kind === 'overdue').length;
  return (
    <section aria-labelledby="risk-tasks-title" className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <div className="border-b border-slate-200 px-5 py-4">
        <h2 id="risk-tasks-title" className="font-semibold text-slate-900">
          {t('title')}
        </h2>
        <p className="text-xs text-slate-600">
          {t('summary', { overdue, atRisk: tasks.length - overdue, offset: timeZoneOffset })}
        </p>
        <p className="mt-1 text-xs text-slate-600">{t('riskNote')}</p>
      </div>
      {tasks.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-600">{t('none')}</p>
      ) : (
        <div className="max-h-[32rem] overflow-auto">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">{t('title')}</caption>
            <thead className="sticky top-0 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-semibold">
                  {t('task')}
                </th>
                <th scope="col" className="px-4 py-2 font-semibold">
                  {t('responsible')}
                </th>
                <th scope="col" className="px-4 py-2 font-semibold">
                  {t('status')}
                </th>
                <th scope="col" className="px-4 py-2 font-semibold">
                  {t('deadline')}
                </th>
                <th scope="col" className="px-4 py-2 font-semibold">
                  {t('risk')}
                </th>
                <th scope="col" className="px-4 py-2 font-semibold">
                  {t('state')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {tasks.map((task) => (
                <tr key={task.taskId}>
                  <th scope="row" className="max-w-80 px-4 py-2 font-normal">
                    <a
                      href={task.url}
                      target="_blank"
                      rel="noreferrer"
                      className="text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                    >
                      <span className="text-slate-600">#{task.taskId}</span> {task.title}
                    </a>
                  </th>
                  <td className="px-4 py-2">
                    <PersonName person={task.responsible} />
                  </td>
                  <td className="px-4 py-2 text-slate-700">{statusName(String(task.status))}</td>
                  <td className="px-4 py-2 tabular-nums text-slate-700">
                    {format.portalTime(task.deadline, timeZoneOffset)}
                  </td>
                  <td className="px-4 py-2">
                    <RiskCell risk={task.risk} />
                  </td>
                  <td className="px-4 py-2">
                    <span
                      className={`rounded-full px-2 py-0.5 text-xs font-medium ${task.kind === 'overdue' ? 'bg-red-50 text-red-800' : 'bg-amber-50 text-amber-900'}`}
                    >
                      {t(task.kind)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** "78 % likely late", and below it what the estimate rests on (or that the deadline has passed). */
function RiskCell({ risk }: { risk: DeadlineRisk | null }) {
  const t = useTranslations('flow.risks');
  const format = useChartFormat();
  if (risk === null) return <span className="text-slate-600">{t('riskUnknown')}</span>;
  const percent = format.percent(Math.round(100 * risk.probability));
  return (
    <div className="leading-tight">
      <span className="font-medium tabular-nums text-slate-900">{t('riskValue', { percent })}</span>
      <span className="block text-xs text-slate-600">
        {risk.basis === 0 && risk.probability === 1
          ? t('riskPassed')
          : [
              t('riskBand', {
                range: format.percentRange(Math.round(100 * risk.low), Math.round(100 * risk.high)),
                basis: risk.basis,
              }),
              ...(risk.basis < fewTasksBehindRisk ? [t('riskFew')] : []),
            ].join('; ')}
      </span>
    </div>
  );
}
