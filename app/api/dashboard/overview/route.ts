import { z } from 'zod';
import { withAuth } from '@/lib/auth/guards';
import { db } from '@/lib/db/client';
import { chartPeriodSchema, defaultChartPeriod } from '@/lib/dashboards/chart-period';
import { overview } from '@/lib/dashboards/overview';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';

export const dynamic = 'force-dynamic';

const querySchema = z.strictObject({ days: chartPeriodSchema.default(defaultChartPeriod) });

// GET /api/dashboard/overview?days=30|90|180 - the overview over the flows the viewer may see.
export const GET = withAuth(
  ['admin', 'lead', 'executive'],
  { query: querySchema },
  async (_request, { viewer, query: { days } }) => {
    return Response.json(await overview(db(), visibleFlowsWhere(viewer), { days }));
  },
);
