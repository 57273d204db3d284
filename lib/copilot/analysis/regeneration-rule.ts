import type { AnalysisTrigger } from '@/lib/db/generated/client';
import { efficiencyLine } from '@/lib/metrics/efficiency-line';

/** With fewer tasks than this CoPilot shows labelled examples instead of an analysis. */
export const minimumFlowTasks = 10;

type Snapshot = { efficiency: number; taskCount: number };

/**
 * Bitrix24's rule for a new analysis (docs/copilot.md, "A run"): the first one; then only when efficiency
 * moved by 30 points (flows of 10–29 tasks) or 10 points (30 or more), or crossed the 80 % line.
 * Null: the last analysis still stands.
 */
export function regenerationTrigger(previous: Snapshot | null, current: Snapshot): AnalysisTrigger | null {
  if (!previous) return 'first';
  if (previous.efficiency < efficiencyLine !== current.efficiency < efficiencyLine) return 'crossed_line';
  const threshold = current.taskCount >= 30 ? 10 : 30;
  return Math.abs(current.efficiency - previous.efficiency) >= threshold ? 'efficiency_moved' : null;
}
