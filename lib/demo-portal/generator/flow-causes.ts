/**
 * Why each generated flow has the efficiency it has. Every unhealthy flow fails for one
 * dominant cause, built into its tasks on purpose so that diagnostics can be checked against it.
 */
export const failingCauses = [
  'overloaded-assignee',
  'planned-time-too-short',
  'slow-manual-distribution',
  'review-bottleneck',
  'thin-descriptions',
  'intake-spike',
  'weekend-deadlines',
] as const;

export type FailingCause = (typeof failingCauses)[number];
export type FlowCause = 'healthy' | FailingCause | 'inactive' | 'empty';

export function isFailingCause(cause: FlowCause): cause is FailingCause {
  return (failingCauses as readonly string[]).includes(cause);
}
