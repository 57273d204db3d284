import { z } from 'zod';
import type { AlertKind } from '@/lib/db/generated/enums';

/** What an alert watches, in the order the rules are shown (docs/alerts.md). */
export const alertKinds = [
  'efficiency_below',
  'forecast_below',
  'queue_over',
  'in_progress_over',
  'task_risk_over',
] as const satisfies readonly AlertKind[];

/**
 * The thresholds a rule accepts: efficiency and its forecast below 1–100 %, a task's risk over
 * 1–99 % (0 would mean every task, 100 none), and a queue or work in progress over 0–10 000 tasks.
 */
export const thresholdRange: Record<AlertKind, { min: number; max: number; unit: 'percent' | 'tasks' }> = {
  efficiency_below: { min: 1, max: 100, unit: 'percent' },
  forecast_below: { min: 1, max: 100, unit: 'percent' },
  queue_over: { min: 0, max: 10_000, unit: 'tasks' },
  in_progress_over: { min: 0, max: 10_000, unit: 'tasks' },
  task_risk_over: { min: 1, max: 99, unit: 'percent' },
};

/** People told besides the flow owner: at most this many, all in the flow. */
export const maxExtraRecipients = 20;

/** A rule as an admin or the flow's lead saves it. */
export const alertRuleInputSchema = z
  .object({
    flowId: z.uuid(),
    kind: z.enum(alertKinds),
    enabled: z.boolean(),
    threshold: z.number().int(),
    extraRecipients: z.array(z.number().int().positive()).max(maxExtraRecipients),
  })
  .superRefine((rule, context) => {
    const { min, max } = thresholdRange[rule.kind];
    if (rule.threshold < min || rule.threshold > max)
      context.addIssue({ code: 'custom', path: ['threshold'], message: `threshold must be from ${min} to ${max}` });
  });
export type AlertRuleInput = z.infer<typeof alertRuleInputSchema>;
