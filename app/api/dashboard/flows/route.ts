import { withAuth } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { flowsList } from '@/lib/dashboards/flows-list';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';

export const dynamic = 'force-dynamic';

// GET /api/dashboard/flows - the flows list's rows for the flows the viewer may see.
export const GET = withAuth(['admin', 'lead', 'executive'], async (_request, { viewer }) => {
  return Response.json(await flowsList(db(), visibleFlowsWhere(viewer)), { headers: { 'cache-control': 'no-store' } });
});
