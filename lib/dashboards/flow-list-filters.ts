import { z } from 'zod';
import type { Person } from '@/lib/people/people-of';
import type { FlowListRow, FlowsList, FlowsListPage } from './dashboard-types';

/** The flows list's search, filters and sort order, as its `?` search params hold them. */
export const flowListFiltersSchema = z.object({
  q: z.string().max(200).catch(''),
  distribution: z.enum(['all', 'queue', 'manually', 'himself']).catch('all'),
  health: z.enum(['all', 'healthy', 'watch', 'critical']).catch('all'),
  /** An owner's Bitrix24 user id, or all. */
  owner: z.union([z.literal('all'), z.string().regex(/^\d+$/)]).catch('all'),
  active: z.enum(['all', 'active', 'inactive']).catch('all'),
  sort: z
    .enum(['name', 'pending', 'inProgress', 'completed', 'likelyLate', 'efficiency', 'change', 'forecastDrop'])
    .catch('name'),
  order: z.enum(['asc', 'desc']).catch('asc'),
  /** Which page of the matching rows is shown (flowListPageSize rows each). */
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export const flowListPageSize = 50;

export type FlowListFilters = z.infer<typeof flowListFiltersSchema>;
export type FlowSortKey = FlowListFilters['sort'];

export const defaultFlowListFilters: FlowListFilters = flowListFiltersSchema.parse({});

/** Filters from search params; anything unknown or malformed falls back to "all" rather than failing the page. */
export function flowListFiltersFrom(params: Record<string, string | string[] | undefined>): FlowListFilters {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return flowListFiltersSchema.parse(
    Object.fromEntries(Object.keys(defaultFlowListFilters).map((key) => [key, first(params[key])])),
  );
}

const sortValue: Record<FlowSortKey, (row: FlowListRow) => number | string | null> = {
  name: (row) => row.name,
  pending: (row) => row.pending.count,
  inProgress: (row) => row.inProgress.count,
  completed: (row) => row.completed,
  efficiency: (row) => row.efficiency.value,
  change: (row) => row.efficiency.change,
  likelyLate: (row) => row.likelyLate,
  forecastDrop: (row) => row.forecast?.drop ?? null,
};

/** The orders by what lies ahead (estimates, explained in the note under the list). */
export const outlookSorts: readonly FlowSortKey[] = ['likelyLate', 'forecastDrop'];

/** The rows that match, in the chosen order; rows without a value sort last either way, ties by name. */
export function filterAndSortFlows(
  rows: readonly FlowListRow[],
  filters: FlowListFilters,
  locale: string,
): FlowListRow[] {
  const query = filters.q.trim().toLocaleLowerCase(locale);
  const matches = rows.filter(
    (row) =>
      (query === '' ||
        row.name.toLocaleLowerCase(locale).includes(query) ||
        (row.owner?.name.toLocaleLowerCase(locale).includes(query) ?? false)) &&
      (filters.distribution === 'all' || row.distributionType === filters.distribution) &&
      (filters.health === 'all' || row.efficiency.band === filters.health) &&
      (filters.owner === 'all' || String(row.owner?.bitrixUserId) === filters.owner) &&
      (filters.active === 'all' || row.active === (filters.active === 'active')),
  );
  const collator = new Intl.Collator(locale);
  const byName = (a: FlowListRow, b: FlowListRow) => collator.compare(a.name, b.name);
  const direction = filters.order === 'asc' ? 1 : -1;
  const pick = sortValue[filters.sort];
  return matches.sort((a, b) => {
    const [left, right] = [pick(a), pick(b)];
    if (left === null || right === null) return left === right ? byName(a, b) : left === null ? 1 : -1;
    const compared = typeof left === 'string' ? collator.compare(left, right as string) : left - (right as number);
    return compared * direction || byName(a, b);
  });
}

/** The search params of a view: only what differs from the defaults, in a stable order. */
export function flowListSearchParams(filters: FlowListFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(defaultFlowListFilters) as (keyof FlowListFilters)[]) {
    if (filters[key] !== defaultFlowListFilters[key]) params.set(key, String(filters[key]));
  }
  return params;
}

/**
 * The page of the list a view shows. Done on the server, so a browser receives 50 rows rather
 * than every flow the viewer may see; a page past the end shows the last one.
 */
export function flowsListPage(list: FlowsList, filters: FlowListFilters, locale: string): FlowsListPage {
  const matching = filterAndSortFlows(list.rows, filters, locale);
  const pageCount = Math.max(1, Math.ceil(matching.length / flowListPageSize));
  const page = Math.min(filters.page, pageCount);
  const owners = new Map<number, Person>();
  for (const row of list.rows) if (row.owner) owners.set(row.owner.bitrixUserId, row.owner);
  const collator = new Intl.Collator(locale);
  return {
    window: list.window,
    rows: matching.slice((page - 1) * flowListPageSize, page * flowListPageSize),
    total: list.rows.length,
    matching: matching.length,
    page,
    pageCount,
    owners: [...owners.values()].sort((a, b) => collator.compare(a.name, b.name)),
  };
}
