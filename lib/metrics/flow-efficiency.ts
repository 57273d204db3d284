import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import type { MetricTask } from './metric-task';

/**
 * Flow efficiency as Bitrix24 computes it (reference §2.5, DESIGN.md): over the window from 30
 * days ago 00:00:01 to today 23:59:59 in portal time, `total` counts the flow's tasks created
 * by the window's end and not closed before its start, leaving out deferred tasks (status 6) and
 * tasks whose creator is the assignee; `violations` counts those of them with a deadline overrun
 * whose interval overlaps the window. A deadline moved after it was overrun still leaves that
 * overrun on record, as the portal's violation table does.
 * efficiency = total == 0 ? 100 : max(0, round(100 × (1 − violations / total))).
 */
export type EfficiencyTask = {
  createdBy: string;
  responsibleId: string;
  status: string;
  createdDate: number;
  closedDate: number | null;
  deadline: number | null;
  /** Earlier deadlines, oldest first: each with the deadline it had and when it was replaced. */
  deadlineChanges: { from: number | null; changedAt: number }[];
};

const dayMs = 86_400_000;

/** The efficiency rule's view of a mirrored task (it keeps the portal's string ids and codes). */
export function efficiencyTaskOf(task: MetricTask): EfficiencyTask {
  return {
    createdBy: String(task.createdBy),
    responsibleId: String(task.responsibleId),
    status: String(task.status),
    createdDate: task.createdAt,
    closedDate: task.closedAt,
    deadline: task.deadline,
    deadlineChanges: task.deadlineChanges ?? [],
  };
}

/** The 30-day window ending today, in portal time, as epoch milliseconds. */
export function efficiencyWindow(now: number, timeZoneOffset: string): { start: number; end: number } {
  const shift = offsetMinutes(timeZoneOffset) * 60_000;
  const localMidnight = Math.floor((now + shift) / dayMs) * dayMs - shift;
  return { start: localMidnight - 30 * dayMs + 1000, end: localMidnight + dayMs - 1000 };
}

/** The intervals during which the task was past its then-current deadline while open. */
export function overrunIntervals(task: EfficiencyTask, now: number): [number, number][] {
  const openUntil = task.closedDate ?? now;
  const segments: { deadline: number | null; until: number }[] = [
    ...task.deadlineChanges.map((change) => ({ deadline: change.from, until: change.changedAt })),
    { deadline: task.deadline, until: openUntil },
  ];
  const intervals: [number, number][] = [];
  for (const segment of segments) {
    const end = Math.min(segment.until, openUntil);
    if (segment.deadline !== null && segment.deadline < end) intervals.push([segment.deadline, end]);
  }
  return intervals;
}

/** Whether the portal's rule counts the task in the window (deferred and self-assigned tasks are left out). */
export function countsForEfficiency(task: EfficiencyTask, window: { start: number; end: number }): boolean {
  if (task.status === '6' || task.createdBy === task.responsibleId) return false;
  if (task.createdDate > window.end) return false;
  return task.closedDate === null || task.closedDate >= window.start;
}

/** A counted task is a violation when one of its deadline overruns overlaps the window. */
export function violatesInWindow(task: EfficiencyTask, window: { start: number; end: number }, now: number): boolean {
  return overrunIntervals(task, now).some(([start, end]) => start <= window.end && end >= window.start);
}

export function flowEfficiency(tasks: EfficiencyTask[], now: number, timeZoneOffset: string): { efficiency: number; total: number; violations: number } {
  const window = efficiencyWindow(now, timeZoneOffset);
  let total = 0;
  let violations = 0;
  for (const task of tasks) {
    if (!countsForEfficiency(task, window)) continue;
    total++;
    if (violatesInWindow(task, window, now)) violations++;
  }
  return { efficiency: efficiencyOf(total, violations), total, violations };
}

/** The portal's rounding: 100 with nothing counted, never below 0. */
export function efficiencyOf(total: number, violations: number): number {
  return total === 0 ? 100 : Math.max(0, Math.round(100 * (1 - violations / total)));
}
