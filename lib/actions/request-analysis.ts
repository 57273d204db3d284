'use server';

import { after } from 'next/server';
import { getLocale } from 'next-intl/server';
import { authorizedAction } from '@/lib/auth/guards';
import { analystFor, answerLocale, copilotSettingsWithSealedSecret } from '@/lib/copilot/settings/copilot-settings';
import { analysisRequestSchema, requestAnalysis } from '@/lib/copilot/analysis/request-analysis';
import { db } from '@/lib/db/client';
import { appSecretBox } from '@/lib/security/app-secret-box';

/** Lead or admin: CoPilot's analysis of a flow (the last one, a running one to join, or a new one). */
export const requestAnalysisAction = authorizedAction(
  ['admin', 'lead'],
  analysisRequestSchema,
  async (input, viewer) => {
    const [viewerLocale, { settings, sealedSecret }] = await Promise.all([
      getLocale(),
      copilotSettingsWithSealedSecret(db()),
    ]);
    const locale = answerLocale(settings, viewerLocale);
    const model = () => analystFor(settings.provider, sealedSecret, appSecretBox());
    return requestAnalysis(db(), viewer, { ...input, locale }, { settings, model, defer: (work) => after(work) });
  },
);
