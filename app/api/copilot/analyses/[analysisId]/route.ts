import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { withAuth } from '@/lib/auth/guards';
import { ApiError } from '@/lib/errors/api-error';
import { analysisView } from '@/lib/copilot/analysis/analysis-view';
import { answerLocale, copilotSettings } from '@/lib/copilot/settings/copilot-settings';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

// An id that is not a uuid names no analysis: the same 404 as an unknown one.
const paramsSchema = z.object({ analysisId: z.uuid().nullable().catch(null) });

// GET /api/copilot/analyses/:analysisId - one CoPilot analysis; the panel polls it while messages arrive.
export const GET = withAuth<{ params: typeof paramsSchema }, { params: Promise<{ analysisId: string }> }>(
  ['admin', 'lead'],
  { params: paramsSchema },
  async (_request, { viewer, params: { analysisId } }) => {
    const [viewerLocale, settings] = await Promise.all([getLocale(), copilotSettings(db())]);
    const locale = answerLocale(settings, viewerLocale);
    const view = analysisId ? await analysisView(db(), viewer, analysisId, locale) : null;
    if (!view) throw new ApiError(404, 'not_found', 'No such analysis, or its flow is not yours to see.');
    return Response.json(view);
  },
);
