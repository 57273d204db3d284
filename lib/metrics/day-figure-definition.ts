import type { AssigneeLoad } from './assignee-load';
import { teamLoad } from './assignee-load';
import {
  countsForEfficiency,
  efficiencyOf,
  efficiencyTaskOf,
  efficiencyWindow,
  violatesInWindow,
} from './flow-efficiency';
import { currentCounts } from './status-series';
import { isOpen, isOverdue, type MetricTask } from './metric-task';
import { dayMs } from '@/lib/time/durations';
import { distribution } from './percentiles';
import { endOfPortalDay, portalDay } from './portal-days';
import { taskAsOf } from './task-as-of';
import { leadTime } from './task-times';
import { taskStatus } from '@/lib/bitrix24/task-status';

/** How far back the lead-time percentiles of a day reach. */
export const dailyLeadWindowDays = 30;

/** One flow's figures for one portal day: the row FlowDailyFigure keeps (lead times in seconds). */
export type FlowDayFigure = {
  day: string;
  /** Cumulative flow: tasks in each status at the day's end. */
  pending: number;
  inProgress: number;
  awaitingReview: number;
  completed: number;
  completedToday: number;
  created: number;
  /** Open tasks past their deadline at the day's end. */
  overdue: number;
  /** By the portal's rule, over the 30 days up to that day. */
  efficiency: number;
  /** Lead-time percentiles (seconds) of tasks completed in the 30 days up to that day. */
  leadP50: number | null;
  leadP85: number | null;
  leadP95: number | null;
  assigneeLoad: AssigneeLoad[];
};

/** The moment a day's figures describe: the day's last millisecond, or now while the day runs. */
export function figureMoment(day: string, offset: string, now: number): number {
  return Math.min(endOfPortalDay(day, offset), now);
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

/**
 * The definition of a day's figures, over the flow's tasks as they stood at the end of that day
 * (taskAsOf): counts by status, open tasks past their deadline, efficiency by the portal's rule,
 * lead-time percentiles of the 30 days up to then, and open/overdue work per assignee. Tasks
 * created and completed that day go by their dates. The SQL roll-up (daily-figure-rollup.ts) must
 * produce exactly this; its tests compare the two.
 */
export function flowDayFigure(tasks: readonly MetricTask[], day: string, offset: string, now: number): FlowDayFigure {
  const at = figureMoment(day, offset, now);
  const asOf = tasks.map((task) => taskAsOf(task, at)).filter((task): task is MetricTask => task !== null);
  const counts = currentCounts(asOf);
  const leadSince = at - dailyLeadWindowDays * dayMs;
  const leads = distribution(
    asOf.filter((task) => task.closedAt !== null && task.closedAt >= leadSince).flatMap((task) => leadTime(task) ?? []),
  );
  return {
    day,
    pending: counts.pending,
    inProgress: counts.inProgress,
    awaitingReview: counts.awaitingReview,
    completed: counts.completed,
    completedToday: tasks.filter(
      (task) =>
        task.status === taskStatus.completed && task.closedAt !== null && portalDay(task.closedAt, offset) === day,
    ).length,
    created: tasks.filter((task) => portalDay(task.createdAt, offset) === day).length,
    overdue: asOf.filter((task) => isOpen(task) && isOverdue(task, at)).length,
    efficiency: efficiencyAt(tasks, asOf, at, offset),
    leadP50: seconds(leads.p50),
    leadP85: seconds(leads.p85),
    leadP95: seconds(leads.p95),
    assigneeLoad: teamLoad(asOf, at).assignees,
  };
}

/**
 * The portal's efficiency at `at`: the total from the tasks as they stood then (a task deferred
 * then is left out), the violations replayed from each task's whole history, which gives every
 * moment up to `at` as it was.
 */
function efficiencyAt(tasks: readonly MetricTask[], asOf: readonly MetricTask[], at: number, offset: string): number {
  const window = efficiencyWindow(at, offset);
  const total = asOf.filter((task) => countsForEfficiency(efficiencyTaskOf(task), window)).length;
  const violations = tasks.filter(
    (task) => task.createdAt <= at && violatesInWindow(efficiencyTaskOf(task), window, at),
  ).length;
  return efficiencyOf(total, violations);
}
