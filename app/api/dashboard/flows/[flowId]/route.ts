import { z } from 'zod';
import { withAuth } from '@/lib/auth/guards';
import { ApiError } from '@/lib/errors/api-error';
import { db } from '@/lib/db/client';
import { chartPeriodSchema, defaultChartPeriod } from '@/lib/dashboards/chart-period';
import { flowDashboard } from '@/lib/dashboards/flow-dashboard';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';

export const dynamic = 'force-dynamic';

const querySchema = z.strictObject({ days: chartPeriodSchema.default(defaultChartPeriod) });

const paramsSchema = z.object({ flowId: z.string() });

// GET /api/dashboard/flows/:flowId?days=30|90|180 - one flow's page; unknown and out of scope are the same 404.
export const GET = withAuth<
  { query: typeof querySchema; params: typeof paramsSchema },
  { params: Promise<{ flowId: string }> }
>(
  ['admin', 'lead', 'executive'],
  { query: querySchema, params: paramsSchema },
  async (_request, { viewer, query: { days }, params: { flowId } }) => {
    const dashboard = await flowDashboard(db(), visibleFlowsWhere(viewer), flowId, { days });
    if (!dashboard) throw new ApiError(404, 'not_found', 'No such flow, or it is not yours to see.');
    return Response.json(dashboard);
  },
);
