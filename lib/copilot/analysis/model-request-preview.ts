import type { AnalysisRequest } from '@/lib/ai/analyst-model';
import type { PrismaClient } from '@/lib/db/client';
import type { Locale } from '@/lib/i18n/locales';
import { flowFindings } from '@/lib/findings/flow-findings';
import { loadAnalysedFlow } from './load-analysed-flow';
import { findingPeopleGenders } from '../grounding/finding-people-genders';
import { analysisRequest } from '../grounding/pseudonymise';

/**
 * Exactly what an external model would receive for a flow now: the flow's settings and its
 * findings, people as tokens. An admin reads it before choosing a provider. Null for no such flow.
 */
export async function modelRequestPreview(
  db: PrismaClient,
  flowId: string,
  locale: Locale,
  options: { now?: Date; shareGender?: boolean } = {},
): Promise<AnalysisRequest | null> {
  const loaded = await loadAnalysedFlow(db, flowId, options.now ?? new Date());
  if (!loaded) return null;
  const result = flowFindings(loaded.flow);
  const genders = options.shareGender ? await findingPeopleGenders(db, loaded.portalId, result.findings) : undefined;
  return analysisRequest(loaded.flow, result.efficiency, result.findings, locale, genders).request;
}
