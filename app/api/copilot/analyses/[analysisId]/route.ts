import { getLocale } from 'next-intl/server';
import { z } from 'zod';
import { withAuth } from '@/lib/auth/guards';
import { ApiError } from '@/lib/errors/api-error';
import { analysisView } from '@/lib/copilot/analysis-view';
import { answerLocale, copilotSettings } from '@/lib/copilot/copilot-settings';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

// GET /api/copilot/analyses/:analysisId - one CoPilot analysis; the panel polls it while messages arrive.
export const GET = withAuth<{ params: Promise<{ analysisId: string }> }>(['admin', 'lead'], async (request, { params, viewer }) => {
  const { analysisId } = await params;
  const id = z.uuid().safeParse(analysisId);
  const [viewerLocale, settings] = await Promise.all([getLocale(), copilotSettings(db())]);
  const locale = answerLocale(settings, viewerLocale);
  const view = id.success ? await analysisView(db(), viewer, id.data, locale) : null;
  if (!view) throw new ApiError(404, 'not_found', 'No such analysis, or its flow is not yours to see.');
  return Response.json(view, { headers: { 'cache-control': 'no-store' } });
});
