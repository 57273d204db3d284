'use client';

import { useSearchParams } from 'next/navigation';
import { chartPeriodParam } from '@/lib/dashboards/chart-period';
import type { ChartPeriod } from '@/lib/dashboards/dashboard-types';

/**
 * The charts' period as the address holds it (`?days=`), so a link opens the same view. A change
 * goes into the browser's history directly (Next keeps useSearchParams in step): TanStack Query
 * fetches the new period while the page stays, instead of the server rendering it again.
 */
export function useChartPeriod(): [ChartPeriod, (days: ChartPeriod) => void] {
  const searchParams = useSearchParams();
  const days = chartPeriodParam(searchParams.get('days') ?? undefined);
  const setDays = (next: ChartPeriod) => {
    const params = new URLSearchParams(window.location.search);
    params.set('days', String(next));
    window.history.pushState(null, '', `?${params}`);
  };
  return [days, setDays];
}
