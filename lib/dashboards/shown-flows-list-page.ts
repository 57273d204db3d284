import type { PrismaClient } from '@/lib/db/client';
import type { FlowsList, FlowsListPage } from './dashboard-types';
import { filterAndSortFlows, flowsListPage, outlookSorts, type FlowListFilters } from './flow-list-filters';
import { withOutlooks } from './flow-outlook-rows';

/**
 * The page of the flows list a view shows, with what lies ahead of each of its flows. Sorted by
 * the likely-late count or the forecast drop, every matching flow's is worked out first (slower
 * with many flows); otherwise only the page's.
 */
export async function shownFlowsListPage(
  db: PrismaClient,
  list: FlowsList,
  filters: FlowListFilters,
  locale: string,
  now = new Date(),
): Promise<FlowsListPage> {
  if (outlookSorts.includes(filters.sort)) {
    // Filters first, so only the matching flows are simulated; the page sorts them again.
    const matching = filterAndSortFlows(list.rows, { ...filters, sort: 'name' }, locale);
    const ahead = new Map((await withOutlooks(db, matching, now)).map((row) => [row.id, row]));
    return flowsListPage({ ...list, rows: list.rows.map((row) => ahead.get(row.id) ?? row) }, filters, locale);
  }
  const page = flowsListPage(list, filters, locale);
  return { ...page, rows: await withOutlooks(db, page.rows, now) };
}
