import type { DemoCompany, HistoryRow, PortalTask } from '../company';
import { flowEfficiency } from '@/lib/metrics/flow-efficiency';
import { portalEfficiencyTask } from '../portal-efficiency-task';
import { percentile } from '@/lib/metrics/percentiles';

/**
 * Figures read back from a company file, the way the product will read them: lead and pending
 * times, time in a status, load per assignee, intake per day, efficiency. The generator's tests
 * check each flow's intended cause against them.
 */
const DAY_SECONDS = 86_400;

export const secondsOf = (isoDate: string): number => Date.parse(isoDate) / 1000;

/** The product's percentile (lib/metrics); NaN for no values, so a comparison on it fails. */
export function quantile(values: readonly number[], q: number): number {
  return (
    percentile(
      [...values].sort((a, b) => a - b),
      q,
    ) ?? NaN
  );
}

export const median = (values: readonly number[]): number => quantile(values, 0.5);

/** Each task's history rows in id order. */
export function historyByTask(company: DemoCompany): Map<string, HistoryRow[]> {
  const byTask = new Map<string, HistoryRow[]>();
  for (const row of company.history) {
    const rows = byTask.get(row.taskId) ?? [];
    rows.push(row);
    byTask.set(row.taskId, rows);
  }
  for (const rows of byTask.values()) rows.sort((a, b) => Number(a.id) - Number(b.id));
  return byTask;
}

export const tasksOfFlow = (company: DemoCompany, flowId: number): PortalTask[] =>
  company.tasks.filter((task) => task.flowId === String(flowId));

/** Has a deadline, and was closed after it or is still open past it (docs/metrics.md, "Definitions"). */
export function isOverdue(task: PortalTask, asOf: number): boolean {
  return (
    task.deadline !== null && secondsOf(task.deadline) < (task.closedDate === null ? asOf : secondsOf(task.closedDate))
  );
}

export const isOpen = (task: PortalTask): boolean => ['1', '2', '3', '4'].includes(task.status);

/** Created → closed, for completed tasks. */
export function leadTimes(tasks: readonly PortalTask[]): number[] {
  return tasks
    .filter((task) => task.status === '5' && task.closedDate !== null)
    .map((task) => secondsOf(task.closedDate as string) - secondsOf(task.createdDate));
}

/** Created → taken into work (until asOf for tasks never started); declined tasks left out. */
export function pendingTimes(tasks: readonly PortalTask[], asOf: number): number[] {
  return tasks
    .filter((task) => task.status !== '7')
    .map((task) => (task.dateStart === null ? asOf : secondsOf(task.dateStart)) - secondsOf(task.createdDate));
}

/** Seconds each task spent in `status`, from its STATUS history, for tasks that were ever in it. */
export function timesInStatus(
  tasks: readonly PortalTask[],
  history: Map<string, HistoryRow[]>,
  status: string,
  asOf: number,
): number[] {
  const times: number[] = [];
  for (const task of tasks) {
    let current = task.status === '1' ? '1' : '2';
    let since = secondsOf(task.createdDate);
    let total = 0;
    let visited = current === status;
    for (const row of history.get(task.id) ?? []) {
      if (row.field !== 'STATUS') continue;
      const at = secondsOf(row.createdDate);
      if (current === status) total += at - since;
      current = row.value.to ?? current;
      since = at;
      visited ||= current === status;
    }
    if (current === status) total += asOf - since;
    if (visited) times.push(total);
  }
  return times;
}

/** Open plus overdue tasks per assignee: the load figure docs/metrics.md compares with the team median. */
export function loadByAssignee(tasks: readonly PortalTask[], asOf: number): Map<string, number> {
  const load = new Map<string, number>();
  for (const task of tasks) {
    const weight = (isOpen(task) ? 1 : 0) + (isOverdue(task, asOf) && isOpen(task) ? 1 : 0);
    load.set(task.responsibleId, (load.get(task.responsibleId) ?? 0) + weight);
  }
  return load;
}

/** Tasks created per day in [from, to). */
export function creationsPerDay(tasks: readonly PortalTask[], from: number, to: number): number {
  const created = tasks.filter(
    (task) => secondsOf(task.createdDate) >= from && secondsOf(task.createdDate) < to,
  ).length;
  return created / ((to - from) / DAY_SECONDS);
}

/** The portal's efficiency of a flow's tasks at asOf, with deadline, status and assignee moves taken from history. */
export function efficiencyFromFile(
  tasks: readonly PortalTask[],
  history: Map<string, HistoryRow[]>,
  asOf: number,
  timeZoneOffset: string,
): number {
  const input = tasks.map((task) => portalEfficiencyTask(task, history.get(task.id) ?? []));
  return flowEfficiency(input, asOf * 1000, timeZoneOffset).efficiency;
}

/** 0 Sunday … 6 Saturday of an ISO date, in the offset it is written in. */
export function weekdayOf(isoDate: string): number {
  return new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).getUTCDay();
}
