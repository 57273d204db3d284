import type { Viewer } from '@/lib/auth/viewer';
import type { PrismaClient } from '@/lib/db/client';
import type { AlertKind } from '@/lib/db/generated/enums';
import { ActionError } from '@/lib/errors/action-error';
import { visibleFlowsWhere } from '@/lib/flows/flow-access';
import { alertKinds, type AlertRuleInput } from './alert-kinds';

/** A flow's rule as it applies now: saved by someone, or taken from the flow's Bitrix24 settings. */
export type AlertRule = {
  /** The saved row's id; null while the rule is still the flow's Bitrix24 default. */
  id: string | null;
  kind: AlertKind;
  enabled: boolean;
  threshold: number;
  extraRecipients: number[];
  /** Where it comes from: someone's edit in Flowpilot, or the flow's own notification settings. */
  source: 'flowpilot' | 'bitrix24' | 'none';
};

/** The flow's notification settings in Bitrix24 (tasks.flow.Flow.get). */
type FlowNotifySettings = {
  notifyOnQueueOverflow: number | null;
  notifyOnTasksInProgressOverflow: number | null;
  notifyWhenEfficiencyDecreases: number | null;
};

/**
 * Until edited, a rule is what Bitrix24 itself notifies the flow's administrator about
 * (docs/alerts.md, "Defaults"): efficiency below, queue over, in progress over, on at the flow's
 * own thresholds; the rest off at a starting value. So switching Flowpilot on sends nothing the
 * flow's owner did not already ask Bitrix24 for.
 */
export function defaultAlertRule(kind: AlertKind, flow: FlowNotifySettings): AlertRule {
  const fromBitrix24 = (value: number | null, fallback: number): AlertRule =>
    value === null
      ? { id: null, kind, enabled: false, threshold: fallback, extraRecipients: [], source: 'none' }
      : { id: null, kind, enabled: true, threshold: value, extraRecipients: [], source: 'bitrix24' };
  switch (kind) {
    case 'efficiency_below':
      return fromBitrix24(flow.notifyWhenEfficiencyDecreases, 70);
    case 'queue_over':
      return fromBitrix24(flow.notifyOnQueueOverflow, 20);
    case 'in_progress_over':
      return fromBitrix24(flow.notifyOnTasksInProgressOverflow, 20);
    case 'forecast_below':
      return fromBitrix24(null, flow.notifyWhenEfficiencyDecreases ?? 70);
    case 'task_risk_over':
      return fromBitrix24(null, 80);
  }
}

const ruleSelect = {
  id: true,
  kind: true,
  enabled: true,
  threshold: true,
  extraRecipients: true,
  edited: true,
} as const;

/** A saved rule row as effectiveRules reads it. */
export type SavedRule = {
  id: string;
  kind: AlertKind;
  enabled: boolean;
  threshold: number;
  extraRecipients: number[];
  edited: boolean;
};
const flowSelect = {
  notifyOnQueueOverflow: true,
  notifyOnTasksInProgressOverflow: true,
  notifyWhenEfficiencyDecreases: true,
} as const;

/** What effectiveRules reads of a flow: its Bitrix24 notification settings and its saved rules. */
export const flowRulesSelect = { ...flowSelect, alertRules: { select: ruleSelect } } as const;

/** Every kind's rule for a flow, saved or default, in the order of alertKinds. */
export function effectiveRules(flow: FlowNotifySettings, saved: readonly SavedRule[]): AlertRule[] {
  return alertKinds.map((kind) => {
    const row = saved.find((rule) => rule.kind === kind);
    if (row?.edited) {
      const { edited: _edited, ...rule } = row;
      return { ...rule, source: 'flowpilot' as const };
    }
    // An unedited row only holds the default's episodes: the values still follow Bitrix24.
    return { ...defaultAlertRule(kind, flow), id: row?.id ?? null };
  });
}

/** The rules of a flow the viewer may see; null when the flow is not theirs (or does not exist). */
export async function flowAlertRules(db: PrismaClient, viewer: Viewer, flowId: string): Promise<AlertRule[] | null> {
  const flow = await db.flow.findFirst({
    where: { AND: [{ id: flowId }, visibleFlowsWhere(viewer)] },
    select: flowRulesSelect,
  });
  return flow ? effectiveRules(flow, flow.alertRules) : null;
}

/**
 * Saves one rule. Admins may edit any flow's rules; a lead only those of flows they see (their own
 * and granted ones). Extra recipients must be in the flow (owner, moderator or team): an alert
 * never goes to someone outside it.
 */
export async function saveAlertRule(db: PrismaClient, viewer: Viewer, input: AlertRuleInput): Promise<AlertRule> {
  if (viewer.role !== 'admin' && viewer.role !== 'lead')
    throw new ActionError('forbidden', 'Only admins and the flow’s lead edit its alerts.');
  const flow = await db.flow.findFirst({
    where: { AND: [{ id: input.flowId }, visibleFlowsWhere(viewer)] },
    select: { id: true, members: { select: { bitrixUserId: true } } },
  });
  if (!flow) throw new ActionError('not-found', 'No such flow.');
  const members = new Set(flow.members.map((member) => member.bitrixUserId));
  const outsiders = input.extraRecipients.filter((id) => !members.has(id));
  if (outsiders.length > 0)
    throw new ActionError('recipient-outside-flow', `Not in the flow: ${outsiders.join(', ')}.`);
  const extraRecipients = [...new Set(input.extraRecipients)];
  const data = {
    enabled: input.enabled,
    threshold: input.threshold,
    extraRecipients,
    edited: true,
    updatedById: viewer.id,
  };
  const { edited: _edited, ...row } = await db.alertRule.upsert({
    where: { flowId_kind: { flowId: flow.id, kind: input.kind } },
    create: { flowId: flow.id, kind: input.kind, ...data },
    update: data,
    select: ruleSelect,
  });
  return { ...row, source: 'flowpilot' };
}
