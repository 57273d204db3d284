import { efficiencyTaskOf, violatesInWindow } from '@/lib/metrics/flow-efficiency';
import { isOpen } from '@/lib/metrics/metric-task';
import { portalDay } from '@/lib/metrics/portal-days';
import { timeByStatus } from '@/lib/metrics/task-times';
import type { AnalysedFlow, AnalysedTask } from './analysed-flow';
import { taskStatus } from '@/lib/bitrix24/task-status';
import { isDayOff } from '@/lib/time/work-calendar';

/** Below this many characters a description says too little to work from. */
export const thinDescriptionLength = 40;

/** A task with what the detectors ask of it, measured once. */
export type MeasuredTask = AnalysedTask & {
  late: boolean;
  assignDelay: number | null;
  pickup: number | null;
  work: number | null;
  review: number | null;
  /** Handed in for review only after its deadline had passed: the review did not make it late. */
  overdueAtHandIn: boolean;
  weekendDeadline: boolean;
  thin: boolean;
  postponed: boolean;
  createdDay: string;
};

export function measureTask(
  task: AnalysedTask,
  flow: AnalysedFlow,
  window: { start: number; end: number },
): MeasuredTask {
  // Work ends when the task is first handed in; review is every stint in status 4 (a task sent back
  // and handed in again waits twice, and its rework in between is work, not review).
  const firstHandIn = task.statusChanges?.find((change) => change.to === 4)?.at ?? null;
  const handedOnAt = flow.distributionType === 'manually' ? task.assignedAt : null;
  const waitFrom = handedOnAt ?? task.createdAt;
  const originalDeadline = task.deadlineChanges?.[0]?.from ?? task.deadline;
  const closedOrNow = task.closedAt ?? flow.now;
  const pickupEnd = task.startedAt ?? (isOpen(task) ? flow.now : null);
  return {
    ...task,
    late: violatesInWindow(efficiencyTaskOf(task), window, flow.now),
    assignDelay:
      flow.distributionType === 'manually' ? (task.assignedAt ?? task.startedAt ?? closedOrNow) - task.createdAt : null,
    pickup: task.status === taskStatus.declined || pickupEnd === null ? null : Math.max(0, pickupEnd - waitFrom),
    work: task.startedAt === null ? null : Math.max(0, (firstHandIn ?? closedOrNow) - task.startedAt),
    review: firstHandIn === null ? null : (timeByStatus(task, flow.now).get(4) ?? 0),
    overdueAtHandIn: firstHandIn !== null && task.deadline !== null && firstHandIn > task.deadline,
    weekendDeadline:
      originalDeadline !== null && isDayOff(flow.workCalendar, portalDay(originalDeadline, flow.timeZoneOffset)),
    thin: task.descriptionLength < thinDescriptionLength,
    postponed: (task.deadlineChanges ?? []).length > 0,
    createdDay: portalDay(task.createdAt, flow.timeZoneOffset),
  };
}
