import type { MetricTask } from './metric-task';
import { taskStatus } from '@/lib/bitrix24/task-status';

/**
 * The three times (docs/metrics.md, "Definitions"), in milliseconds. Time pending: created → taken into work (for
 * a task never started, until now). Time in progress: taken into work → closed. Lead time:
 * created → closed. Null where a time does not exist yet.
 */
export function timePending(task: MetricTask, now: number): number | null {
  if (task.status === taskStatus.deferred || task.status === taskStatus.declined) return null;
  const end = task.startedAt ?? (task.closedAt === null ? now : null);
  return end === null ? null : Math.max(0, end - task.createdAt);
}

export function timeInProgress(task: MetricTask): number | null {
  if (task.startedAt === null || task.closedAt === null) return null;
  return Math.max(0, task.closedAt - task.startedAt);
}

export function leadTime(task: MetricTask): number | null {
  if (task.closedAt === null || task.status !== taskStatus.completed) return null;
  return Math.max(0, task.closedAt - task.createdAt);
}

/**
 * Milliseconds spent in each status, from the status history: starts pending at creation, then
 * follows each move; the last status runs until `now` (or until the task was closed). `span`
 * measures a stretch (by default in calendar time; the findings leave days off out).
 */
export function timeByStatus(
  task: MetricTask,
  now: number,
  span: (from: number, to: number) => number = (from, to) => Math.max(0, to - from),
): Map<number, number> {
  const spent = new Map<number, number>();
  let status: number = taskStatus.pending;
  let since = task.createdAt;
  for (const change of task.statusChanges ?? []) {
    spent.set(status, (spent.get(status) ?? 0) + span(since, change.at));
    status = change.to;
    since = change.at;
  }
  if (status !== taskStatus.completed) spent.set(status, (spent.get(status) ?? 0) + span(since, task.closedAt ?? now));
  return spent;
}
