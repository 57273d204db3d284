import { isOpen, isOverdue, type MetricTask } from './metric-task';
import { endOfPortalDay, portalDay, weekOf } from './portal-days';
import { taskStatus } from '@/lib/bitrix24/task-status';

export type StatusCounts = {
  pending: number;
  inProgress: number;
  awaitingReview: number;
  completed: number;
  deferred: number;
};

/** The status a task had at a moment: from its history when known, else from its dates. */
export function statusAt(task: MetricTask, time: number): number | null {
  if (time < task.createdAt) return null;
  if (task.statusChanges && task.statusChanges.length > 0) {
    let status: number = taskStatus.pending;
    for (const change of task.statusChanges) {
      if (change.at > time) break;
      status = change.to;
    }
    return status;
  }
  if (task.closedAt !== null && time >= task.closedAt) return task.status;
  if (task.startedAt !== null && time >= task.startedAt)
    return task.status === taskStatus.awaitingReview && task.closedAt === null
      ? taskStatus.awaitingReview
      : taskStatus.inProgress;
  return task.status === taskStatus.deferred && task.closedAt === null && task.startedAt === null
    ? taskStatus.deferred
    : taskStatus.pending;
}

function countInto(counts: StatusCounts, status: number | null): void {
  if (status === taskStatus.new || status === taskStatus.pending) counts.pending++;
  else if (status === taskStatus.inProgress) counts.inProgress++;
  else if (status === taskStatus.awaitingReview) counts.awaitingReview++;
  else if (status === taskStatus.completed) counts.completed++;
  else if (status === taskStatus.deferred) counts.deferred++;
}

const zero = (): StatusCounts => ({ pending: 0, inProgress: 0, awaitingReview: 0, completed: 0, deferred: 0 });

/** The flow's tasks by current status (the three columns of a Bitrix24 flow card, and more). */
export function currentCounts(tasks: readonly MetricTask[]): StatusCounts {
  const counts = zero();
  for (const task of tasks) countInto(counts, task.status);
  return counts;
}

/** Cumulative flow: for each portal day, how many tasks were in each status at the day's end. */
export function cumulativeFlow(
  tasks: readonly MetricTask[],
  days: readonly string[],
  offset: string,
): { day: string; counts: StatusCounts }[] {
  return days.map((day) => {
    const end = endOfPortalDay(day, offset);
    const counts = zero();
    for (const task of tasks) countInto(counts, statusAt(task, end));
    return { day, counts };
  });
}

/** Tasks completed per ISO week (Monday dates), portal time; weeks without completions are absent. */
export function weeklyThroughput(tasks: readonly MetricTask[], offset: string): Map<string, number> {
  const weeks = new Map<string, number>();
  for (const task of tasks) {
    if (task.status !== taskStatus.completed || task.closedAt === null) continue;
    const week = weekOf(portalDay(task.closedAt, offset));
    weeks.set(week, (weeks.get(week) ?? 0) + 1);
  }
  return new Map([...weeks].sort(([a], [b]) => a.localeCompare(b)));
}

export type AgingBand = 'below-p50' | 'p50-p85' | 'p85-p95' | 'above-p95';

/** Open tasks by age against the flow's lead-time percentiles (aging chart), oldest first. */
export function agingOfOpenTasks(
  tasks: readonly MetricTask[],
  now: number,
  leadTimes: { p50: number | null; p85: number | null; p95: number | null },
): { id: number; ageMs: number; band: AgingBand; overdue: boolean }[] {
  const band = (age: number): AgingBand => {
    if (leadTimes.p95 !== null && age > leadTimes.p95) return 'above-p95';
    if (leadTimes.p85 !== null && age > leadTimes.p85) return 'p85-p95';
    if (leadTimes.p50 !== null && age > leadTimes.p50) return 'p50-p85';
    return 'below-p50';
  };
  return tasks
    .filter(isOpen)
    .map((task) => ({
      id: task.id,
      ageMs: now - task.createdAt,
      band: band(now - task.createdAt),
      overdue: isOverdue(task, now),
    }))
    .sort((a, b) => b.ageMs - a.ageMs);
}
