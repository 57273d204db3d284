import type { ChartPeriod, FlowDashboard, FlowsListPage, Overview } from './dashboard-types';

/**
 * The browser's side of app/api/dashboard: TanStack Query's query functions. The bodies are the
 * server's own dashboard types (same origin, built by lib/dashboards), so they are read as such;
 * a failed request becomes an error the page shows while keeping the last data it had.
 */
export async function readJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** `view` is the list's search params (flowListSearchParams). */
export const fetchFlowsList = (view: string, signal?: AbortSignal) => readJson<FlowsListPage>(`/api/dashboard/flows${view ? `?${view}` : ''}`, signal);

export const fetchFlowDashboard = (flowId: string, days: ChartPeriod, signal?: AbortSignal) =>
  readJson<FlowDashboard>(`/api/dashboard/flows/${encodeURIComponent(flowId)}?days=${days}`, signal);

export const fetchOverview = (days: ChartPeriod, signal?: AbortSignal) => readJson<Overview>(`/api/dashboard/overview?days=${days}`, signal);
