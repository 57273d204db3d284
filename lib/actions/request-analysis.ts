'use server';

import { after } from 'next/server';
import { getLocale } from 'next-intl/server';
import { authorizedAction } from '@/lib/auth/guards';
import { analysisRequestSchema, requestAnalysis } from '@/lib/copilot/request-analysis';
import { db } from '@/lib/db/client';
import { isLocale } from '@/lib/i18n/locales';

/** Lead or admin: CoPilot's analysis of a flow (the last one, a running one to join, or a new one). */
export const requestAnalysisAction = authorizedAction(['admin', 'lead'], analysisRequestSchema, async (input, viewer) => {
  const locale = await getLocale();
  return requestAnalysis(db(), viewer, { ...input, locale: isLocale(locale) ? locale : 'ru' }, { defer: (work) => after(work) });
});
