import { openTaskStatuses, taskStatus } from '@/lib/bitrix24/task-status';
/**
 * A task as the metrics see it: times as epoch milliseconds, statuses as Bitrix24's codes
 * (2 pending, 3 in progress, 4 awaiting review, 5 completed, 6 deferred, 7 declined, 1 legacy new).
 */
export type StatusChange = { from: number; to: number; at: number };
export type DeadlineChange = { from: number | null; changedAt: number };
export type ResponsibleChange = { from: number; to: number; at: number };

export type MetricTask = {
  id: number;
  status: number;
  createdBy: number;
  responsibleId: number;
  createdAt: number;
  startedAt: number | null;
  closedAt: number | null;
  deadline: number | null;
  /** Earlier deadlines, oldest first. */
  deadlineChanges?: DeadlineChange[];
  /** Status moves in time order, when the history is known. */
  statusChanges?: StatusChange[];
  /** Assignee changes in time order, when the history is known. */
  responsibleChanges?: ResponsibleChange[];
};

export const openStatuses = new Set(openTaskStatuses);

export function isOpen(task: MetricTask): boolean {
  return openStatuses.has(task.status);
}

/** Overdue (docs/metrics.md, "Definitions"): has a deadline and was closed after it, or is still open past it. */
export function isOverdue(task: MetricTask, now: number): boolean {
  if (task.deadline === null || task.status === taskStatus.deferred) return false;
  if (task.closedAt !== null) return task.closedAt > task.deadline;
  return isOpen(task) && now > task.deadline;
}

/**
 * At risk: still open and not yet overdue, but past `share` of the time between creation and
 * deadline (by default 80 %), so it will be late unless someone acts.
 */
export function isAtRisk(task: MetricTask, now: number, share = 0.8): boolean {
  if (!isOpen(task) || task.deadline === null || now > task.deadline) return false;
  const span = task.deadline - task.createdAt;
  return span > 0 && (now - task.createdAt) / span >= share;
}
