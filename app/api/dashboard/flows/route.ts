import { getLocale } from 'next-intl/server';
import { withAuth } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { flowListFiltersSchema, flowsListPage } from '@/lib/dashboards/flow-list-filters';
import { flowsList } from '@/lib/dashboards/flows-list';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';

export const dynamic = 'force-dynamic';

// GET /api/dashboard/flows?q=&health=&distribution=&owner=&active=&sort=&order=&page= - one page of
// the flows list over the flows the viewer may see. Unknown or malformed values read as the defaults,
// as the page's own address does.
export const GET = withAuth(
  ['admin', 'lead', 'executive'],
  { query: flowListFiltersSchema },
  async (_request, { viewer, query: filters }) => {
    const [list, locale] = await Promise.all([flowsList(db(), visibleFlowsWhere(viewer)), getLocale()]);
    return Response.json(flowsListPage(list, filters, locale));
  },
);
