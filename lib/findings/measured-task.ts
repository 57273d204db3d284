import { efficiencyTaskOf, violatesInWindow } from '@/lib/metrics/flow-efficiency';
import { isOpen } from '@/lib/metrics/metric-task';
import { portalDay } from '@/lib/metrics/portal-days';
import { leadTime, timeByStatus } from '@/lib/metrics/task-times';
import { offsetMinutes } from '@/lib/bitrix24/portal-dates';
import type { AnalysedFlow, AnalysedTask } from './analysed-flow';
import { taskStatus } from '@/lib/bitrix24/task-status';
import { dayOffTime, isDayOff, workingDaysTime } from '@/lib/time/work-calendar';

/** Below this many characters a description says too little to work from. */
export const thinDescriptionLength = 40;

/** A task with what the detectors ask of it, measured once. */
export type MeasuredTask = AnalysedTask & {
  late: boolean;
  /**
   * Waits and work as the plan counts them, like with like: on working days where the flow matches
   * work time (days off of the portal's calendar left out), else in calendar time.
   */
  assignDelay: number | null;
  pickup: number | null;
  work: number | null;
  review: number | null;
  lead: number | null;
  /** The same stages on working days whatever the flow counts: what each one really cost (the evidence). */
  onWorkingDays: Record<'assignDelay' | 'pickup' | 'work' | 'review', number | null>;
  /** Calendar time on days off from its creation to when it was done (or now). */
  daysOffLived: number;
  /** How far its deadline was moved in all, never less than 0. */
  deadlineShift: number;
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
  const offset = offsetMinutes(flow.timeZoneOffset);
  const onWorkingDays = (from: number, to: number) => workingDaysTime(flow.workCalendar, offset, from, to);
  const inCalendar = (from: number, to: number) => Math.max(0, to - from);
  const stages = (span: (from: number, to: number) => number) => ({
    assignDelay:
      flow.distributionType === 'manually'
        ? span(task.createdAt, task.assignedAt ?? task.startedAt ?? closedOrNow)
        : null,
    pickup: task.status === taskStatus.declined || pickupEnd === null ? null : span(waitFrom, pickupEnd),
    work: task.startedAt === null ? null : span(task.startedAt, firstHandIn ?? closedOrNow),
    review: firstHandIn === null ? null : (timeByStatus(task, flow.now, span).get(4) ?? 0),
  });
  const working = stages(onWorkingDays);
  const lead = leadTime(task);
  const weekendDeadline =
    originalDeadline !== null && isDayOff(flow.workCalendar, portalDay(originalDeadline, flow.timeZoneOffset));
  return {
    ...task,
    late: violatesInWindow(efficiencyTaskOf(task), window, flow.now),
    ...(flow.matchWorkTime ? working : stages(inCalendar)),
    onWorkingDays: working,
    lead: lead === null || !flow.matchWorkTime ? lead : onWorkingDays(task.createdAt, task.createdAt + lead),
    daysOffLived: dayOffTime(flow.workCalendar, offset, task.createdAt, closedOrNow),
    deadlineShift:
      task.deadline !== null && originalDeadline !== null ? Math.max(0, task.deadline - originalDeadline) : 0,
    overdueAtHandIn: firstHandIn !== null && task.deadline !== null && firstHandIn > task.deadline,
    weekendDeadline,
    thin: task.descriptionLength < thinDescriptionLength,
    postponed: (task.deadlineChanges ?? []).length > 0,
    createdDay: portalDay(task.createdAt, flow.timeZoneOffset),
  };
}
