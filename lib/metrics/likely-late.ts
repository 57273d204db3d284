import type { DeadlineRisk } from './deadline-risk';

/**
 * From this chance of closing after its deadline on, an open task counts as likely late (docs/metrics.md,
 * "Likely late"): more likely late than not. Tasks already past their deadline have a risk of 1.
 */
export const likelyLateRisk = 0.5;

/** How many of the open tasks' risks say likely late. */
export function likelyLateCount(risks: Iterable<DeadlineRisk>): number {
  let count = 0;
  for (const risk of risks) if (risk.probability >= likelyLateRisk) count++;
  return count;
}
