'use server';

import { after } from 'next/server';
import { getLocale } from 'next-intl/server';
import { authorizedAction } from '@/lib/auth/guards';
import { answerLocale, configuredAnalyst, copilotSettings } from '@/lib/copilot/copilot-settings';
import { analysisRequestSchema, requestAnalysis } from '@/lib/copilot/request-analysis';
import { db } from '@/lib/db/client';
import { isLocale } from '@/lib/i18n/locales';
import { appSecretBox } from '@/lib/security/app-secret-box';

/** Lead or admin: CoPilot's analysis of a flow (the last one, a running one to join, or a new one). */
export const requestAnalysisAction = authorizedAction(['admin', 'lead'], analysisRequestSchema, async (input, viewer) => {
  const [viewerLocale, settings] = await Promise.all([getLocale(), copilotSettings(db())]);
  const locale = answerLocale(settings, isLocale(viewerLocale) ? viewerLocale : 'ru');
  return requestAnalysis(db(), viewer, { ...input, locale }, { settings, model: () => configuredAnalyst(db(), appSecretBox()), defer: (work) => after(work) });
});
