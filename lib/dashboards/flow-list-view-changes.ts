import {
  defaultFlowListFilters,
  flowListSearchParams,
  type FlowListFilters,
  type FlowSortKey,
} from './flow-list-filters';

/**
 * The address of a flows-list view after a change: any change but a page turn starts again at the
 * first page; the defaults leave the address, so the plain list is `/flows`.
 */
export function flowListAddress(current: FlowListFilters, change: Partial<FlowListFilters>, pathname: string): string {
  const next = flowListSearchParams({ ...current, page: 1, ...change }).toString();
  return next ? `?${next}` : pathname;
}

/** A click on a column's header: the same column turns its order round; another starts ascending by name, descending by a figure. */
export function sortChange(current: FlowListFilters, key: FlowSortKey): Pick<FlowListFilters, 'sort' | 'order'> {
  if (current.sort === key) return { sort: key, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { sort: key, order: key === 'name' ? 'asc' : 'desc' };
}

/** Whether the view narrows the list (search or a filter), whatever its order and page. */
export function isFiltered(filters: FlowListFilters): boolean {
  return JSON.stringify({ ...filters, sort: 'name', order: 'asc', page: 1 }) !== JSON.stringify(defaultFlowListFilters);
}
