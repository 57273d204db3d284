'use client';

import { keepPreviousData, useQuery, type QueryKey } from '@tanstack/react-query';
import type { ChartPeriod, PortalWindow } from '@/lib/dashboards/dashboard-types';
import { useChartPeriod } from './use-chart-period';

/**
 * A dashboard page's data for the period in the address: the server's first paint serves its own
 * period, another period is fetched while the last one stays on screen (`stale` meanwhile).
 */
export function usePeriodDashboard<T extends { period: PortalWindow }>(
  initial: T,
  queryKey: (days: ChartPeriod) => QueryKey,
  fetch: (days: ChartPeriod, signal: AbortSignal) => Promise<T>,
) {
  const [days, setDays] = useChartPeriod();
  const { data, isError, isFetching, isPlaceholderData } = useQuery({
    queryKey: queryKey(days),
    queryFn: ({ signal }) => fetch(days, signal),
    initialData: days === initial.period.days ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  return { days, setDays, data: data ?? initial, fetching: isFetching, failed: isError, stale: isPlaceholderData };
}
