'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import {
  flowListFiltersFrom,
  flowListSearchParams,
  type FlowListFilters,
  type FlowSortKey,
} from '@/lib/dashboards/flow-list-filters';
import { flowListAddress, isFiltered, sortChange } from '@/lib/dashboards/flow-list-view-changes';

/**
 * The flows list's view kept in the address (shareable; Back and Forward step through views).
 * The search box shows typed text until it reaches the address, a moment after one stops typing,
 * then the address's (so Back and Forward bring their search back).
 */
export function useFlowListAddress() {
  const searchParams = useSearchParams();
  const urlFilters = useMemo(() => flowListFiltersFrom(Object.fromEntries(searchParams)), [searchParams]);
  const view = flowListSearchParams(urlFilters).toString();
  const [query, setQuery] = useState(urlFilters.q);
  const [addressQuery, setAddressQuery] = useState(urlFilters.q);
  if (urlFilters.q !== addressQuery) {
    setAddressQuery(urlFilters.q);
    setQuery(urlFilters.q);
  }
  const filters = useMemo(() => ({ ...urlFilters, q: query }), [urlFilters, query]);

  /**
   * A new view into the browser's history (Next keeps useSearchParams in step), read from the
   * address as it is now so no change is lost to a stale render; typing replaces the entry
   * instead of adding one per pause.
   */
  const setFilters = (change: Partial<FlowListFilters>, mode: 'push' | 'replace' = 'push') => {
    const current = flowListFiltersFrom(Object.fromEntries(new URLSearchParams(window.location.search)));
    const address = flowListAddress(current, change, window.location.pathname);
    if (mode === 'push') window.history.pushState(null, '', address);
    else window.history.replaceState(null, '', address);
  };
  const pushQuery = useEffectEvent((q: string) => {
    if (q !== urlFilters.q) setFilters({ q }, 'replace');
  });
  useEffect(() => {
    const timer = setTimeout(() => pushQuery(query), 300);
    return () => clearTimeout(timer);
  }, [query]);

  return {
    view,
    filters,
    query,
    setQuery,
    setFilters,
    sortBy: (key: FlowSortKey) => setFilters(sortChange(filters, key)),
    filtered: isFiltered(filters),
  };
}
