import type { PrismaClient } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/unique-violation';
import { isLocale, type Locale } from '@/lib/i18n/locales';
import { alertMessage } from './alert-message';
import { alertRecipients, holdingConditions, type HoldingCondition } from './alert-conditions';
import { effectiveRules, flowRulesSelect, type AlertRule } from './alert-rules';
import { alertSettings } from './alert-settings';
import { flowAlertFigures } from './flow-alert-figures';

/** What a check did, for the worker's log and for tests. */
export type AlertCheck = { opened: number; cleared: number; queued: number };

export type AlertCheckOptions = {
  now: Date;
  /** The flow's page in Flowpilot, for the notification's link. */
  flowUrl: (flowId: string) => string;
};

const openKeyOf = (ruleId: string, subject: string) => `${ruleId}/${subject}`;

/**
 * Checks every active flow of a portal against its rules (docs/alerts.md): a condition that starts
 * to hold opens an episode and queues one notification per recipient; one that no longer holds
 * clears its episode, and what it still held back is dropped. An episode opens once whichever app
 * instance gets there first (its open key is unique), so nobody is told twice.
 */
export async function evaluateAlerts(
  db: PrismaClient,
  portalId: string,
  options: AlertCheckOptions,
): Promise<AlertCheck> {
  const { now } = options;
  const flows = await db.flow.findMany({
    where: { portalId, active: true },
    select: {
      id: true,
      name: true,
      ownerId: true,
      ...flowRulesSelect,
    },
  });
  const rulesByFlow = new Map(flows.map((flow) => [flow.id, effectiveRules(flow, flow.alertRules)]));
  const checked = flows.filter((flow) => rulesByFlow.get(flow.id)!.some((rule) => rule.enabled));
  const enabled = (flowId: string, kind: AlertRule['kind']) =>
    rulesByFlow.get(flowId)!.some((rule) => rule.kind === kind && rule.enabled);
  const figures = await flowAlertFigures(
    db,
    checked.map((flow) => flow.id),
    (flowId) => enabled(flowId, 'task_risk_over') || enabled(flowId, 'forecast_below'),
    now,
  );
  const settings = await alertSettings(db);
  const locales = await recipientLocales(db, portalId);
  const result: AlertCheck = { opened: 0, cleared: 0, queued: 0 };

  const allOpen = await db.alertEpisode.findMany({
    where: { rule: { flow: { portalId } }, clearedAt: null },
    select: { id: true, subject: true, rule: { select: { kind: true, flowId: true } } },
  });
  // A flow switched off is no longer watched: its episodes end, so it alerts afresh once back.
  const watched = new Set(flows.map((flow) => flow.id));
  for (const episode of allOpen.filter((open) => !watched.has(open.rule.flowId))) {
    await clearEpisode(db, episode.id, now);
    result.cleared++;
  }
  for (const flow of flows) {
    const rules = rulesByFlow.get(flow.id)!;
    const flowFigures = figures.get(flow.id);
    const holding = flowFigures ? holdingConditions(rules, flowFigures) : [];
    const openEpisodes = allOpen.filter((episode) => episode.rule.flowId === flow.id);
    const holdingKeys = new Set(holding.map((condition) => `${condition.kind}/${condition.subject}`));
    for (const episode of openEpisodes) {
      if (holdingKeys.has(`${episode.rule.kind}/${episode.subject}`)) continue;
      await clearEpisode(db, episode.id, now);
      result.cleared++;
    }
    for (const condition of holding) {
      const rule = rules.find((candidate) => candidate.kind === condition.kind)!;
      const ruleId = rule.id ?? (await savedRuleId(db, flow.id, rule));
      const episodeId = await openEpisode(db, ruleId, condition, now);
      if (!episodeId) continue;
      result.opened++;
      const recipients = alertRecipients(flow.ownerId, rule, condition);
      const rows = recipients.map((recipientId) => {
        const locale = locales.get(recipientId) ?? settings.locale;
        return {
          flowId: flow.id,
          episodeId,
          kind: condition.kind,
          recipientId,
          locale,
          message: alertMessage(locale, condition, {
            flowName: flow.name,
            threshold: rule.threshold,
            flowUrl: options.flowUrl(flow.id),
          }),
          state: 'held' as const,
        };
      });
      result.queued += (await db.alertDelivery.createMany({ data: rows, skipDuplicates: true })).count;
    }
  }
  return result;
}

/** Ends an episode; what it still held back is dropped, with the reason on record. */
async function clearEpisode(db: PrismaClient, episodeId: string, now: Date): Promise<void> {
  await db.$transaction([
    db.alertEpisode.update({ where: { id: episodeId }, data: { clearedAt: now, openKey: null } }),
    db.alertDelivery.updateMany({ where: { episodeId, state: 'held' }, data: { state: 'dropped', reason: 'cleared' } }),
  ]);
}

/**
 * A default rule (the flow's Bitrix24 setting) gets an unedited row when it first fires, to hold its
 * episodes. Another instance may be saving the same row: an insert that skips a duplicate waits for
 * it and then reads it, where an upsert (read, then insert) would fail on the unique key.
 */
async function savedRuleId(db: PrismaClient, flowId: string, rule: AlertRule): Promise<string> {
  await db.alertRule.createMany({
    data: { flowId, kind: rule.kind, enabled: rule.enabled, threshold: rule.threshold, extraRecipients: [] },
    skipDuplicates: true,
  });
  const row = await db.alertRule.findUniqueOrThrow({
    where: { flowId_kind: { flowId, kind: rule.kind } },
    select: { id: true },
  });
  return row.id;
}

/** Opens the episode unless one is open already (here or in another instance); its id when this call opened it. */
async function openEpisode(
  db: PrismaClient,
  ruleId: string,
  condition: HoldingCondition,
  now: Date,
): Promise<string | null> {
  try {
    const episode = await db.alertEpisode.create({
      data: {
        ruleId,
        subject: condition.subject,
        value: condition.value,
        openKey: openKeyOf(ruleId, condition.subject),
        openedAt: now,
      },
      select: { id: true },
    });
    return episode.id;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** The interface language of each employee of the portal who has a Flowpilot account and chose one. */
async function recipientLocales(db: PrismaClient, portalId: string): Promise<Map<number, Locale>> {
  const users = await db.user.findMany({
    where: { portalId, bitrixUserId: { not: null }, locale: { not: null }, active: true },
    select: { bitrixUserId: true, locale: true },
  });
  return new Map(
    users.flatMap((user) =>
      user.bitrixUserId !== null && isLocale(user.locale) ? [[user.bitrixUserId, user.locale]] : [],
    ),
  );
}
