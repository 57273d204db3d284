'use client';

import { useTranslations } from 'next-intl';
import { AgingChart } from '@/components/charts/aging-chart';
import { CumulativeFlowChart } from '@/components/charts/cumulative-flow-chart';
import { EfficiencyChart } from '@/components/charts/efficiency-chart';
import { LeadTimeScatter } from '@/components/charts/lead-time-scatter';
import { TeamLoadChart } from '@/components/charts/team-load-chart';
import { ThroughputChart } from '@/components/charts/throughput-chart';
import { useChartFormat } from '@/components/charts/use-chart-format';
import { ChartsSectionHeader } from '@/components/dashboard/charts-section-header';
import { FigureTile } from '@/components/dashboard/figure-tile';
import { usePeriodDashboard } from '@/components/dashboard/use-period-dashboard';
import { PersonName } from '@/components/people/person-avatar';
import { fetchFlowDashboard } from '@/lib/dashboards/dashboard-fetch';
import type { FlowDashboard } from '@/lib/dashboards/dashboard-types';
import { portalDay } from '@/lib/metrics/portal-days';
import { dashboardKeys } from '@/lib/query/keys';
import { CopilotButton } from '@/components/copilot/copilot-button';
import { EfficiencyFigure } from './efficiency-figure';
import { FlowSettingsSummary } from './flow-settings-summary';
import { RiskTasksTable } from './risk-tasks-table';

/**
 * One flow's page below its title: headline figures (the flows list's row), settings in words,
 * the charts over the chosen period, the overdue and at-risk tasks, and the team. The server
 * rendered the first paint; a period change or a finished sync refetches through TanStack Query.
 */
export function FlowDashboardView({ initial, copilot }: { initial: FlowDashboard; copilot: boolean }) {
  const t = useTranslations('flow');
  const format = useChartFormat();
  const {
    days,
    setDays,
    data: dashboard,
    fetching,
    failed,
    stale,
  } = usePeriodDashboard(
    initial,
    (period) => dashboardKeys.flow(initial.flow.id, period),
    (period, signal) => fetchFlowDashboard(initial.flow.id, period, signal),
  );
  const { flow } = dashboard;
  const windowCaption = format.windowCaption(dashboard.window);
  const periodCaption = format.windowCaption(dashboard.period);
  const stem = `flowpilot-${flow.bitrixFlowId}`;

  return (
    <div className="space-y-6">
      <section aria-labelledby="flow-figures-title">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="flow-figures-title" className="text-base font-semibold text-slate-900">
            {t('figures')}
          </h2>
          <p className="text-xs text-slate-600">{windowCaption}</p>
        </div>
        <dl className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
          <div className="col-span-2 rounded-xl border border-slate-200 bg-white p-4 shadow-sm md:col-span-1">
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{t('efficiency')}</dt>
            <dd className="mt-1">
              <EfficiencyFigure efficiency={flow.efficiency} size="large" />
              {copilot && (
                <div className="mt-2">
                  <CopilotButton flowId={flow.id} flowName={flow.name} />
                </div>
              )}
            </dd>
          </div>
          <FigureTile
            label={t('pending')}
            figure="pending"
            value={format.count(flow.pending.count)}
            detail={
              flow.pending.medianWaitMs === null
                ? t('nothingWaiting')
                : t('medianWait', { time: format.duration(flow.pending.medianWaitMs) })
            }
          />
          <FigureTile
            label={t('inProgress')}
            figure="in-progress"
            value={format.count(flow.inProgress.count)}
            detail={
              flow.inProgress.medianMs === null
                ? t('nothingInProgress')
                : t('medianInProgress', { time: format.duration(flow.inProgress.medianMs) })
            }
          />
          <FigureTile
            label={t('awaitingReview')}
            figure="awaiting-review"
            value={format.count(flow.awaitingReview)}
            detail={t('awaitingReviewDetail')}
          />
          <FigureTile
            label={t('completed')}
            figure="completed"
            value={format.count(flow.completed)}
            detail={t('completedDetail')}
          />
          <FigureTile
            label={t('overdue')}
            figure="overdue"
            value={format.count(flow.overdue)}
            detail={t('atRiskDetail', { count: flow.atRisk })}
            tone={flow.overdue > 0 ? 'alert' : 'plain'}
          />
        </dl>
      </section>

      <FlowSettingsSummary settings={flow.settings} />

      <section aria-labelledby="flow-charts-title" className="space-y-4">
        <ChartsSectionHeader
          titleId="flow-charts-title"
          days={days}
          onDaysChange={setDays}
          fetching={fetching}
          failed={failed}
        />
        <div className={`grid gap-4 lg:grid-cols-2 ${stale ? 'opacity-60' : ''}`} aria-busy={stale}>
          <EfficiencyChart
            data={dashboard.daily}
            forecast={
              flow.forecast
                ? {
                    points: flow.forecast.points.map((point) => ({
                      ...point,
                      day: portalDay(point.at, dashboard.window.timeZoneOffset),
                    })),
                    tasks: flow.forecast.basis.tasks,
                    pace: flow.forecast.pace,
                  }
                : undefined
            }
            caption={periodCaption}
            csvFileStem={stem}
            headingLevel={3}
          />
          <CumulativeFlowChart daily={dashboard.daily} caption={periodCaption} csvFileStem={stem} headingLevel={3} />
          <LeadTimeScatter
            leadTimes={dashboard.leadTimes}
            period={dashboard.period}
            caption={periodCaption}
            csvFileStem={stem}
            headingLevel={3}
          />
          <AgingChart aging={dashboard.aging} caption={t('agingCaption')} csvFileStem={stem} headingLevel={3} />
          <TeamLoadChart load={dashboard.load} caption={t('nowCaption')} csvFileStem={stem} headingLevel={3} />
          <ThroughputChart weekly={dashboard.weekly} caption={periodCaption} csvFileStem={stem} headingLevel={3} />
        </div>
      </section>

      <RiskTasksTable tasks={dashboard.riskTasks} timeZoneOffset={dashboard.window.timeZoneOffset} />

      <section aria-labelledby="team-title" className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 id="team-title" className="border-b border-slate-200 px-5 py-4 font-semibold">
          {t('team')}
        </h2>
        {flow.team.length === 0 ? (
          <p className="px-5 py-4 text-sm text-slate-600">{t('noTeam')}</p>
        ) : (
          <ul className="grid gap-x-6 divide-y divide-slate-100 sm:grid-cols-2 sm:divide-y-0 lg:grid-cols-3">
            {flow.team.map((member) => (
              <li
                key={`${member.role}-${member.bitrixUserId}`}
                className="flex items-center justify-between gap-3 px-5 py-3 text-sm"
              >
                <PersonName person={member} />
                <span className="shrink-0 text-slate-600">{t(`teamRoles.${member.role}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
