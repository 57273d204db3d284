'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { chartPeriodParam } from '@/lib/dashboards/chart-period';
import type { ChartPeriod } from '@/lib/dashboards/dashboard-types';

/** The charts' period as the address holds it (`?days=`), so a link opens the same view. */
export function useChartPeriod(): [ChartPeriod, (days: ChartPeriod) => void] {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const days = chartPeriodParam(searchParams.get('days') ?? undefined);
  const setDays = (next: ChartPeriod) => {
    const params = new URLSearchParams(searchParams);
    params.set('days', String(next));
    router.replace(`${pathname}?${params}`, { scroll: false });
  };
  return [days, setDays];
}
