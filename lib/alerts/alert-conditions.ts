import type { AlertKind } from '@/lib/db/generated/enums';
import type { AlertRule } from './alert-rules';

/** What the rules of one flow are checked against, at one moment. */
export type FlowAlertFigures = {
  /** By the portal's rule, 0–100. */
  efficiency: number;
  /** The forecast efficiency in 7 days (median), 0–100; null when the flow has no forecast. */
  forecast: number | null;
  pending: number;
  inProgress: number;
  /** Open tasks with a deadline and their chance of closing after it (0–1). */
  taskRisks: readonly { taskId: number; title: string; responsibleId: number; probability: number }[];
};

/** A rule's condition holding for the flow, or for one of its tasks. */
export type HoldingCondition = {
  kind: AlertKind;
  /** "flow", or "task:<id>". */
  subject: string;
  /** The figure as the alert states it: a percentage or a number of tasks. */
  value: number;
  /** For a task: its title and assignee, who is told too. */
  task?: { id: number; title: string; responsibleId: number };
};

/** The conditions that hold now, for the enabled rules (docs/alerts.md, "Rules"). */
export function holdingConditions(rules: readonly AlertRule[], figures: FlowAlertFigures): HoldingCondition[] {
  const holding: HoldingCondition[] = [];
  const flowLevel = (kind: AlertKind, value: number) => holding.push({ kind, subject: 'flow', value });
  for (const rule of rules) {
    if (!rule.enabled) continue;
    switch (rule.kind) {
      case 'efficiency_below':
        if (figures.efficiency < rule.threshold) flowLevel(rule.kind, figures.efficiency);
        break;
      case 'forecast_below':
        if (figures.forecast !== null && figures.forecast < rule.threshold) flowLevel(rule.kind, figures.forecast);
        break;
      case 'queue_over':
        if (figures.pending > rule.threshold) flowLevel(rule.kind, figures.pending);
        break;
      case 'in_progress_over':
        if (figures.inProgress > rule.threshold) flowLevel(rule.kind, figures.inProgress);
        break;
      case 'task_risk_over':
        for (const task of figures.taskRisks) {
          const percent = Math.round(task.probability * 100);
          if (percent > rule.threshold)
            holding.push({
              kind: rule.kind,
              subject: `task:${task.taskId}`,
              value: percent,
              task: { id: task.taskId, title: task.title, responsibleId: task.responsibleId },
            });
        }
        break;
    }
  }
  return holding;
}

/** Who is told: the flow's owner, the rule's extra recipients, and for a task its assignee; once each. */
export function alertRecipients(ownerId: number | null, rule: AlertRule, condition: HoldingCondition): number[] {
  const people = [
    ...(condition.task ? [condition.task.responsibleId] : []),
    ...(ownerId === null ? [] : [ownerId]),
    ...rule.extraRecipients,
  ];
  return [...new Set(people.filter((id) => id > 0))];
}
