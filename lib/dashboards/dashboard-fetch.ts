import { readJson } from '@/lib/query/read-json';
import type { ChartPeriod, FlowDashboard, FlowsListPage, Overview } from './dashboard-types';

// The browser's side of app/api/dashboard: TanStack Query's query functions.

/** `view` is the list's search params (flowListSearchParams). */
export const fetchFlowsList = (view: string, signal?: AbortSignal) =>
  readJson<FlowsListPage>(`/api/dashboard/flows${view ? `?${view}` : ''}`, signal);

export const fetchFlowDashboard = (flowId: string, days: ChartPeriod, signal?: AbortSignal) =>
  readJson<FlowDashboard>(`/api/dashboard/flows/${encodeURIComponent(flowId)}?days=${days}`, signal);

export const fetchOverview = (days: ChartPeriod, signal?: AbortSignal) =>
  readJson<Overview>(`/api/dashboard/overview?days=${days}`, signal);
