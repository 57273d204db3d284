import { z } from 'zod';
import type { AnalystModel } from '@/lib/ai/analyst-model';
import { builtinAnalyst } from '@/lib/ai/builtin-analyst';
import { ActionError } from '@/lib/errors/action-error';
import type { Viewer } from '@/lib/auth/viewer';
import type { PrismaClient } from '@/lib/db/client';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';
import type { Locale } from '@/lib/i18n/locales';
import { closeAbandonedRuns, startAnalysis } from './analysis-run';
import { findingPeopleGenders } from '../grounding/finding-people-genders';
import { copilotSettings, type CopilotSettings } from '../settings/copilot-settings';
import { flowFindings } from '@/lib/findings/flow-findings';
import { loadAnalysedFlow } from './load-analysed-flow';
import { minimumFlowTasks, regenerationTrigger } from './regeneration-rule';
import { quotaBlock, type QuotaBlock } from '../settings/request-quota';

export const analysisRequestSchema = z.object({
  flowId: z.uuid(),
  /** The user asked for a new analysis rather than the last one. */
  fresh: z.boolean().default(false),
});

export type AnalysisOutcome =
  | { kind: 'off' }
  | { kind: 'examples'; taskCount: number }
  | { kind: 'quota'; limit: QuotaBlock['limit']; resetAt: string; lastAnalysisId: string | null }
  | { kind: 'analysis'; analysisId: string; started: boolean };

export type AnalysisDependencies = {
  /**
   * Makes the model for a new run, only when one starts: a stored key is unsealed only then. It
   * runs under the portal's lock, so it must not query the database. Default: the built-in analyst.
   */
  model?: () => AnalystModel;
  /** The CoPilot settings, when the caller has read them already. */
  settings?: CopilotSettings;
  now?: Date;
  /** Runs the phrasing after the answer has gone to the browser (Next's `after`), or at once in tests. */
  defer: (work: () => Promise<void>) => void;
};

/**
 * What the CoPilot button gets: nothing while CoPilot is off; the labelled examples for a flow of
 * fewer than 10 tasks; a running analysis of the flow to join; the last analysis while the
 * regeneration rule keeps it; otherwise a new one, if the request limits allow (the portal's
 * rolling hour and month, the user's day; when one is reached, no model is called, the flow is not
 * even read, and the answer says when a slot frees).
 */
/** The quota answer for a request the limits refuse, unless a running analysis can simply be joined. */
async function blockedBeforeReading(
  db: PrismaClient,
  scope: { flowId: string; portalId: string; userId: string },
  settings: CopilotSettings,
  now: Date,
): Promise<AnalysisOutcome | null> {
  const block = await quotaBlock(db, scope, settings, now);
  if (!block) return null;
  const latest = await db.copilotAnalysis.findMany({
    where: { flowId: scope.flowId, state: { in: ['running', 'succeeded'] } },
    orderBy: { startedAt: 'desc' },
    take: 2,
    select: { id: true, state: true },
  });
  const running = latest.find((analysis) => analysis.state === 'running');
  if (running) return { kind: 'analysis', analysisId: running.id, started: false };
  const last = latest.find((analysis) => analysis.state === 'succeeded');
  return { kind: 'quota', limit: block.limit, resetAt: block.resetAt.toISOString(), lastAnalysisId: last?.id ?? null };
}

export async function requestAnalysis(
  db: PrismaClient,
  viewer: Viewer,
  input: z.infer<typeof analysisRequestSchema> & { locale: Locale },
  dependencies: AnalysisDependencies,
): Promise<AnalysisOutcome> {
  const settings = dependencies.settings ?? (await copilotSettings(db));
  if (!settings.enabled) return { kind: 'off' };
  const visible = await db.flow.findFirst({
    where: { AND: [visibleFlowsWhere(viewer), { id: input.flowId }] },
    select: { id: true, portalId: true },
  });
  if (!visible) throw new ActionError('not-found', 'There is no such flow among yours.');

  const now = dependencies.now ?? new Date();
  // Reading a flow and its findings is the costly part: a request the limits refuse stops before it.
  const early = await blockedBeforeReading(
    db,
    { flowId: input.flowId, portalId: visible.portalId, userId: viewer.id },
    settings,
    now,
  );
  if (early) return early;
  const loadStarted = performance.now();
  const loaded = await loadAnalysedFlow(db, input.flowId, now);
  if (!loaded) throw new ActionError('not-found', 'There is no such flow among yours.');
  if (loaded.taskCount < minimumFlowTasks) return { kind: 'examples', taskCount: loaded.taskCount };
  const result = flowFindings(loaded.flow);
  const findingsMs = performance.now() - loadStarted;
  const genders = settings.shareGenderWithModel
    ? await findingPeopleGenders(db, loaded.portalId, result.findings)
    : undefined;

  // One decision at a time per portal: two clicks on the same flow make one run, and the hourly
  // quota counts every run (the same lock pattern as sync runs).
  const decision = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('flowpilot:copilot'), hashtext(${loaded.portalId}))`;
    await closeAbandonedRuns(tx, input.flowId, now);
    const running = await tx.copilotAnalysis.findFirst({
      where: { flowId: input.flowId, state: 'running' },
      orderBy: { startedAt: 'desc' },
      select: { id: true },
    });
    if (running) return { kind: 'analysis', analysisId: running.id, started: false } as const;
    const last = await tx.copilotAnalysis.findFirst({
      where: { flowId: input.flowId, state: 'succeeded' },
      orderBy: { startedAt: 'desc' },
      select: { id: true, efficiency: true, taskCount: true },
    });
    const trigger = input.fresh
      ? 'requested'
      : regenerationTrigger(last, { efficiency: result.efficiency, taskCount: result.counted });
    // No trigger means the last analysis stands (the rule gives 'first' when there is none).
    if (trigger === null) return { kind: 'analysis', analysisId: last!.id, started: false } as const;
    const block = await quotaBlock(tx, { portalId: loaded.portalId, userId: viewer.id }, settings, now);
    if (block)
      return {
        kind: 'quota',
        limit: block.limit,
        resetAt: block.resetAt.toISOString(),
        lastAnalysisId: last?.id ?? null,
      } as const;
    // Recorded inside the lock, so the next request sees it running and joins it.
    const analysis = await startAnalysis(tx, db, {
      loaded,
      result,
      findingsMs,
      trigger,
      locale: input.locale,
      requestedById: viewer.id,
      model: dependencies.model?.() ?? builtinAnalyst,
      genders,
    });
    return { kind: 'start', analysis } as const;
  });
  if (decision.kind !== 'start') return decision;
  dependencies.defer(decision.analysis.phrase);
  return { kind: 'analysis', analysisId: decision.analysis.id, started: true };
}
