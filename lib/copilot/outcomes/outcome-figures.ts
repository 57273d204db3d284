import { z } from 'zod';
import { taskStatus } from '@/lib/bitrix24/task-status';
import type { AnalysedFlow } from '@/lib/findings/analysed-flow';
import type { Finding, ProblemKind } from '@/lib/findings/finding';
import type { FlowFindings } from '@/lib/findings/flow-findings';

/**
 * The one figure that says whether a finding's problem shrank (docs/copilot.md, "Did the advice
 * work?"): for each kind the figure its message leads with. Every one of them is better lower.
 */
export const keyFigureOf: Record<ProblemKind, string> = {
  'dismissed-in-team': 'openTasks',
  'review-wait': 'medianReview',
  'weekend-deadlines': 'weekendDeadlines',
  'slow-manual-distribution': 'medianAssignDelay',
  'thin-descriptions': 'thinTasks',
  'overloaded-assignee': 'openTasks',
  'intake-spike': 'queue',
  'slow-pickup': 'medianPickup',
  'planned-time-too-short': 'p85Lead',
  'postponed-deadlines': 'postponedTasks',
};

/** Kinds whose key figure is the named people's open tasks, which can be counted whether or not the finding still holds. */
const peopleOpenTasks: ReadonlySet<ProblemKind> = new Set(['overloaded-assignee', 'dismissed-in-team']);

export const outcomeFiguresSchema = z.object({
  /** The flow's efficiency by the portal's rule. */
  efficiency: z.number(),
  /** Points of efficiency the finding accounted for; 0 once it no longer holds. */
  lostPoints: z.number(),
  /** The key figure, in `unit` for durations; null when the finding no longer holds and the figure cannot be counted without it. */
  figure: z.object({ key: z.string(), value: z.number(), unit: z.enum(['hour', 'day']) }).nullable(),
  /** Whether the findings engine still finds the problem. */
  found: z.boolean(),
});
export type OutcomeFigures = z.infer<typeof outcomeFiguresSchema>;

/** The finding of a kind that concerns the same people (any of them), or, for a flow-wide kind, the one of that kind. */
export function matchingFinding(
  findings: readonly Finding[],
  kind: ProblemKind,
  people: readonly number[],
): Finding | null {
  const ofKind = findings.filter((finding) => finding.kind === kind);
  if (people.length === 0) return ofKind[0] ?? null;
  return ofKind.find((finding) => finding.people.some((person) => people.includes(person))) ?? null;
}

/** A finding's figures in a flow's findings at one moment. */
export function outcomeFigures(
  flow: AnalysedFlow,
  result: FlowFindings,
  kind: ProblemKind,
  people: readonly number[],
): OutcomeFigures {
  const finding = matchingFinding(result.findings, kind, people);
  const key = keyFigureOf[kind];
  const unit = finding?.unit ?? 'day';
  const value = finding?.figures[key];
  let figure: OutcomeFigures['figure'] = value === undefined ? null : { key, value, unit };
  if (peopleOpenTasks.has(kind) && people.length > 0) figure = { key, value: openTasksOf(flow, people), unit };
  return { efficiency: result.efficiency, lostPoints: finding?.lostPoints ?? 0, figure, found: finding !== null };
}

/** The people's tasks in the flow open at the flow's moment. */
function openTasksOf(flow: AnalysedFlow, people: readonly number[]): number {
  return flow.tasks.filter(
    (task) =>
      people.includes(task.responsibleId) &&
      task.createdAt <= flow.now &&
      (task.closedAt === null || task.closedAt > flow.now) &&
      task.status !== taskStatus.deferred,
  ).length;
}

/**
 * Whether things got better since: fewer points lost to the finding, or, with as many lost, a
 * lower key figure. A change since acting, not proof that the action caused it.
 */
export function improved(before: OutcomeFigures, now: OutcomeFigures): boolean {
  if (now.lostPoints !== before.lostPoints) return now.lostPoints < before.lostPoints;
  if (before.figure && now.figure) return now.figure.value < before.figure.value;
  return before.found && !now.found;
}
