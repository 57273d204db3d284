'use client';

import { useTranslations } from 'next-intl';
import { EfficiencyBucketsChart } from '@/components/charts/efficiency-buckets-chart';
import { EfficiencyChart } from '@/components/charts/efficiency-chart';
import { EfficiencyHeatmap } from '@/components/charts/efficiency-heatmap';
import { useChartFormat } from '@/components/charts/use-chart-format';
import { ChartsSectionHeader } from '@/components/dashboard/charts-section-header';
import { FigureTile } from '@/components/dashboard/figure-tile';
import { usePeriodDashboard } from '@/components/dashboard/use-period-dashboard';
import { fetchOverview } from '@/lib/dashboards/dashboard-fetch';
import type { Overview } from '@/lib/dashboards/dashboard-types';
import { likelyLateRisk } from '@/lib/metrics/likely-late';
import { dashboardKeys } from '@/lib/query/keys';
import { EfficiencyMovers } from './efficiency-movers';

/** The overview's body: totals over the flows in scope, company-wide efficiency, its spread, movers and the heat map. */
export function OverviewView({ initial }: { initial: Overview }) {
  const t = useTranslations('overview');
  const format = useChartFormat();
  const {
    days,
    setDays,
    data: view,
    fetching,
    failed,
    stale,
  } = usePeriodDashboard(initial, dashboardKeys.overview, fetchOverview);
  const { totals } = view;
  const windowCaption = format.windowCaption(view.window);
  const periodCaption = format.windowCaption(view.period);
  const stem = 'flowpilot-overview';

  return (
    <div className="space-y-6">
      <section aria-labelledby="overview-totals-title">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="overview-totals-title" className="text-base font-semibold text-slate-900">
            {t('totals.title')}
          </h2>
          <p className="text-xs text-slate-600">{windowCaption}</p>
        </div>
        <dl className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
          <FigureTile
            label={t('totals.efficiency')}
            figure="efficiency"
            value={totals.efficiency === null ? '—' : format.percent(totals.efficiency)}
            detail={t('totals.efficiencyDetail')}
          />
          <FigureTile
            label={t('totals.flows')}
            figure="flows"
            value={format.count(totals.flows)}
            detail={t('totals.activeFlows', { count: totals.activeFlows })}
          />
          <FigureTile
            label={t('totals.open')}
            figure="open"
            value={format.count(totals.open)}
            detail={t('totals.openDetail')}
          />
          <FigureTile
            label={t('totals.overdue')}
            figure="overdue"
            value={format.count(totals.overdue)}
            detail={t('totals.atRisk', { count: totals.atRisk })}
            tone={totals.overdue > 0 ? 'alert' : 'plain'}
          />
          <FigureTile
            label={t('totals.likelyLate')}
            figure="likely-late"
            value={format.count(totals.likelyLate)}
            detail={t('totals.likelyLateDetail', { threshold: format.percent(100 * likelyLateRisk) })}
          />
          <FigureTile
            label={t('totals.completed')}
            figure="completed"
            value={format.count(totals.completed)}
            detail={t('totals.completedDetail')}
          />
          <FigureTile
            label={t('totals.belowTarget')}
            figure="below-target"
            value={format.count(
              view.buckets.filter((bucket) => bucket.band !== 'healthy').reduce((sum, bucket) => sum + bucket.flows, 0),
            )}
            detail={t('totals.belowTargetDetail')}
          />
        </dl>
      </section>

      <section aria-labelledby="overview-charts-title" className="space-y-4">
        <ChartsSectionHeader
          titleId="overview-charts-title"
          days={days}
          onDaysChange={setDays}
          fetching={fetching}
          failed={failed}
        />
        <div className={`grid gap-4 lg:grid-cols-2 ${stale ? 'opacity-60' : ''}`} aria-busy={stale}>
          <EfficiencyChart
            data={view.daily}
            caption={t('companyCaption', { window: periodCaption })}
            csvFileStem={stem}
            headingLevel={3}
          />
          <EfficiencyBucketsChart buckets={view.buckets} caption={windowCaption} csvFileStem={stem} headingLevel={3} />
        </div>
        <EfficiencyMovers movers={view.movers} caption={t('movers.caption')} csvFileStem={stem} headingLevel={3} />
        <EfficiencyHeatmap heatmap={view.heatmap} caption={periodCaption} csvFileStem={stem} headingLevel={3} />
      </section>
    </div>
  );
}
