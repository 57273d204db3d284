import { statusAt } from './status-series';
import type { MetricTask } from './metric-task';

/**
 * The task as it stood at a past moment, rebuilt from its history: the status then (statusAt),
 * the deadline then (the earlier value of the first deadline change after the moment), and only
 * the dates and changes that had happened by then. Null when the task did not exist yet. Daily
 * figures of past days are computed over these, so a backfill shows each day as it was.
 * The assignee is today's; its changes stay whole, so the efficiency rule still sees who had the
 * task at each moment.
 */
export function taskAsOf(task: MetricTask, at: number): MetricTask | null {
  const status = statusAt(task, at);
  if (status === null) return null;
  const nextDeadlineChange = task.deadlineChanges?.find((change) => change.changedAt > at);
  return {
    ...task,
    status,
    startedAt: task.startedAt !== null && task.startedAt <= at ? task.startedAt : null,
    closedAt: task.closedAt !== null && task.closedAt <= at ? task.closedAt : null,
    deadline: nextDeadlineChange ? nextDeadlineChange.from : task.deadline,
    deadlineChanges: task.deadlineChanges?.filter((change) => change.changedAt <= at),
    statusChanges: task.statusChanges?.filter((change) => change.at <= at),
  };
}
