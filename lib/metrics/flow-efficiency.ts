import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import type { MetricTask } from './metric-task';
import { dayMs } from '@/lib/time/durations';
import { taskStatus } from '@/lib/bitrix24/task-status';

/**
 * Flow efficiency as the tasks module computes it (docs/bitrix24.md, "Flow efficiency"): over the
 * window from 30 days ago 00:00:01 to today 23:59:59 in portal time,
 * efficiency = total == 0 ? 100 : max(0, round(100 × (1 − violations / total))).
 * `total` counts the flow's tasks created by the window's end and not closed before its start,
 * leaving out deferred tasks (status 6) and tasks whose creator is the assignee. `violations`
 * counts the flow's tasks (creator not the assignee, any status) with a violation overlapping the
 * window; a violation is what the module records in b_tasks_effective: it starts when the deadline
 * passes while the task is open and assigned to someone other than its creator, and is repaired
 * when the status moves to 4, 5 or 6, the deadline moves to a value not yet passed, or the
 * assignee becomes the creator. A deleted task leaves the task table, so callers pass none.
 */
export type EfficiencyTask = {
  createdBy: string;
  responsibleId: string;
  status: string;
  createdDate: number;
  closedDate: number | null;
  deadline: number | null;
  /** Earlier deadlines, oldest first: each with the deadline it had and when it was replaced. */
  deadlineChanges: ValueChange<number | null>[];
  /** Earlier statuses, oldest first. None known: the status is today's, open until the close. */
  statusChanges?: ValueChange<string>[];
  /** Earlier assignees, oldest first. */
  responsibleChanges?: ValueChange<string>[];
};

/** A field's value before a change, and when it changed. */
export type ValueChange<T> = { from: T; changedAt: number };

/** A violation as the module records it: from when it started until it was repaired (null: still open). */
export type ViolationSpan = { start: number; end: number | null };

/** Review, completed and deferred repair a violation (Effective::repair on these statuses). */
const repairingStatuses = new Set([taskStatus.awaitingReview, taskStatus.completed, taskStatus.deferred].map(String));

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
    statusChanges: task.statusChanges?.map((change) => ({ from: String(change.from), changedAt: change.at })),
    responsibleChanges: task.responsibleChanges?.map((change) => ({ from: String(change.from), changedAt: change.at })),
  };
}

/** The 30-day window ending today, in portal time, as epoch milliseconds. */
export function efficiencyWindow(now: number, timeZoneOffset: string): { start: number; end: number } {
  const shift = offsetMinutes(timeZoneOffset) * 60_000;
  const localMidnight = Math.floor((now + shift) / dayMs) * dayMs - shift;
  return { start: localMidnight - 30 * dayMs + 1000, end: localMidnight + dayMs - 1000 };
}

/** The value a field had at `at`: the earlier value of its first change after `at`, else today's. */
function valueAt<T>(changes: readonly ValueChange<T>[], at: number, current: T): T {
  const next = changes.find((change) => change.changedAt > at);
  return next ? next.from : current;
}

/**
 * The task's violations, replayed from its status, deadline and assignee history: between any two
 * changes the three are fixed, so a violation holds from max(that stretch's start, deadline) to
 * its end whenever the status is not 4, 5 or 6, there is a deadline and the assignee is not the
 * creator. lib/metrics/violation-spans-sql.ts computes the same in SQL.
 */
export function violationSpans(task: EfficiencyTask): ViolationSpan[] {
  // Without a status history, a closed task was open until its close.
  const statusChanges = task.statusChanges?.length
    ? task.statusChanges
    : task.closedDate !== null
      ? [{ from: '3', changedAt: task.closedDate }]
      : [];
  const responsibleChanges = task.responsibleChanges ?? [];
  const times = [
    ...new Set(
      [task.createdDate, ...statusChanges, ...task.deadlineChanges, ...responsibleChanges].map((item) =>
        typeof item === 'number' ? item : item.changedAt,
      ),
    ),
  ].sort((a, b) => a - b);
  const spans: ViolationSpan[] = [];
  times.forEach((at, index) => {
    const until = times[index + 1] ?? null;
    const status = valueAt(statusChanges, at, task.status);
    const deadline = valueAt(task.deadlineChanges, at, task.deadline);
    const responsible = valueAt(responsibleChanges, at, task.responsibleId);
    if (repairingStatuses.has(status) || deadline === null || responsible === task.createdBy) return;
    const start = Math.max(at, task.createdDate, deadline);
    if (until === null || start < until) spans.push({ start, end: until });
  });
  return spans;
}

/** Whether the portal's rule counts the task in the window's total (deferred and self-assigned tasks are left out). */
export function countsForEfficiency(task: EfficiencyTask, window: { start: number; end: number }): boolean {
  if (task.status === String(taskStatus.deferred) || task.createdBy === task.responsibleId) return false;
  if (task.createdDate > window.end) return false;
  return task.closedDate === null || task.closedDate >= window.start;
}

/**
 * A violation of the task, known by `at`, overlaps the window (the module's query: started by the
 * window's end, and not repaired before its start). Counted whatever the task's status, as long
 * as its creator is not its assignee.
 */
export function violatesInWindow(task: EfficiencyTask, window: { start: number; end: number }, at: number): boolean {
  if (task.createdBy === task.responsibleId) return false;
  // Closed before the window: its close repaired any violation (a decline, status 7, which
  // Bitrix24 no longer offers, is taken as a close too).
  if (task.closedDate !== null && task.closedDate < window.start) return false;
  const latestStart = Math.min(window.end, at);
  return violationSpans(task).some(
    (span) => span.start <= latestStart && (span.end === null || span.end >= window.start),
  );
}

export function flowEfficiency(
  tasks: EfficiencyTask[],
  now: number,
  timeZoneOffset: string,
): { efficiency: number; total: number; violations: number } {
  const window = efficiencyWindow(now, timeZoneOffset);
  let total = 0;
  let violations = 0;
  for (const task of tasks) {
    if (countsForEfficiency(task, window)) total++;
    if (violatesInWindow(task, window, now)) violations++;
  }
  return { efficiency: efficiencyOf(total, violations), total, violations };
}

/** The portal's rounding: 100 with nothing counted, never below 0. */
export function efficiencyOf(total: number, violations: number): number {
  return total === 0 ? 100 : Math.max(0, Math.round(100 * (1 - violations / total)));
}
