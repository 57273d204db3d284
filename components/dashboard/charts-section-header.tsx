'use client';

import { useTranslations } from 'next-intl';
import type { ChartPeriod } from '@/lib/dashboards/dashboard-types';
import { ChartPeriodPicker } from './chart-period-picker';

/** The heading over a page's charts: whether a refetch runs or failed, and the period picker. */
export function ChartsSectionHeader({
  titleId,
  days,
  onDaysChange,
  fetching,
  failed,
}: {
  titleId: string;
  days: ChartPeriod;
  onDaysChange: (days: ChartPeriod) => void;
  fetching: boolean;
  failed: boolean;
}) {
  const t = useTranslations('dashboard');
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <h2 id={titleId} className="text-lg font-semibold text-slate-900">
        {t('charts')}
      </h2>
      <div className="flex items-center gap-3">
        <span role="status" className="text-sm text-slate-600">
          {fetching ? t('loading') : failed ? <span className="text-red-700">{t('refreshFailed')}</span> : ''}
        </span>
        <ChartPeriodPicker value={days} onChange={onDaysChange} />
      </div>
    </div>
  );
}
