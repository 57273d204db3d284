import { z } from 'zod';

/**
 * What CoPilot may say about a flow: typed findings computed from the mirror. A model only
 * phrases and orders them; every number, person and task in its messages must come from here.
 */
export const problemKinds = [
  'dismissed-in-team',
  'review-wait',
  'weekend-deadlines',
  'slow-manual-distribution',
  'thin-descriptions',
  'overloaded-assignee',
  'intake-spike',
  'slow-pickup',
  'planned-time-too-short',
  'postponed-deadlines',
] as const;

export const strengthKinds = [
  'balanced-load',
  'quick-pickup',
  'realistic-planned-time',
  'complete-descriptions',
  'steady-delivery',
] as const;

export const findingKinds = [...problemKinds, ...strengthKinds] as const;
export type ProblemKind = (typeof problemKinds)[number];

export function isProblemKind(kind: string): kind is ProblemKind {
  return (problemKinds as readonly string[]).includes(kind);
}
export type StrengthKind = (typeof strengthKinds)[number];
export type FindingKind = (typeof findingKinds)[number];

export const findingSchema = z.object({
  /** f1, f2, … in the order CoPilot presents them. */
  id: z.string().regex(/^f\d+$/),
  kind: z.enum(findingKinds),
  tone: z.enum(['problem', 'strength']),
  severity: z.enum(['high', 'medium', 'low']),
  /** Points of efficiency this finding accounts for (0 for strengths). */
  lostPoints: z.number().int().min(0).max(100),
  /** The figures behind the finding, already rounded as they are shown (durations in `unit`). */
  figures: z.record(z.string(), z.number()),
  unit: z.enum(['hour', 'day']),
  /** Bitrix24 user ids the finding concerns. */
  people: z.array(z.number().int()),
  /** Bitrix24 task ids behind it (the latest first, at most 10). */
  taskIds: z.array(z.number().int()),
});

export type Finding = z.infer<typeof findingSchema>;

export const findingsSchema = z.array(findingSchema);

/** The order figures are shown in (the database keeps JSON keys in its own order). */
export const figureOrder = [
  'openTasks',
  'overdueTasks',
  'teamMedianOpen',
  'overloadedPeople',
  'receivedTasks',
  'ownMedianPickup',
  'othersMedianPickup',
  'maxOpen',
  'assignees',
  'planned',
  'p50Lead',
  'p85Lead',
  'completed',
  'suggestedPlanned',
  'plannedOnTimePct',
  'suggestedOnTimePct',
  'calibrationTasks',
  'calibrationDays',
  'medianPickup',
  'waitingNow',
  'medianAssignDelay',
  'undistributed',
  'medianReview',
  'reviewed',
  'thinTasks',
  'thinLatePct',
  'otherLatePct',
  'lateComments',
  'onTimeComments',
  'postponedTasks',
  'postponedPct',
  'spikeDays',
  'intakePerDay',
  'completedPerDay',
  'usualPerDay',
  'weekendDeadlines',
  'weekendLatePct',
  'members',
  'onTime',
  'counted',
  'templated',
  'lateTasks',
  'lateTotal',
];

/** Figures that are durations, in the finding's `unit` (hours or days). */
export const durationFigures: ReadonlySet<string> = new Set([
  'planned',
  'p85Lead',
  'p50Lead',
  'suggestedPlanned',
  'medianPickup',
  'ownMedianPickup',
  'othersMedianPickup',
  'medianAssignDelay',
  'medianReview',
]);

/** A finding's figures in the order they are shown. */
export function orderedFigures(finding: Finding): [string, number][] {
  const rank = (key: string) => (figureOrder.includes(key) ? figureOrder.indexOf(key) : figureOrder.length);
  return Object.entries(finding.figures).sort(([a], [b]) => rank(a) - rank(b));
}
