import { flowDeadline } from '@/lib/bitrix24/flow-deadline';
import { hourMs } from '@/lib/time/durations';
import type { WorkCalendar } from '@/lib/time/work-calendar';

/**
 * Planned-time calibration (docs/metrics.md, "Planned-time calibration"): for a flow's completed
 * tasks, the share that would have closed by the deadline Bitrix24 gives them for each planned
 * time, and the shortest planned time that would have kept a target share on time. The deadline is
 * the one the tasks module computes (lib/bitrix24/flow-deadline.ts), working days and hours
 * included where the flow matches work time, so the shares are what the portal would have counted.
 */
export type CalibrationTask = { createdAt: number; closedAt: number };

export type CalibrationFlow = {
  matchWorkTime: boolean;
  calendar: WorkCalendar;
  /** The portal's offset from UTC, in minutes. */
  offsetMinutes: number;
};

/** One point of the curve: a planned time (whole hours) and the share of tasks on time with it. */
export type CalibrationPoint = { plannedHours: number; onTime: number };

export type PlannedTimeCalibration = {
  /** Tasks the curve rests on. */
  basis: number;
  /** The share on time with today's planned time. */
  current: CalibrationPoint;
  /** The shortest planned time, in whole hours, for each target share; null when no planned time up to the limit reaches it. */
  needed: (
    { target: number; plannedHours: number; onTime: number } | { target: number; plannedHours: null; onTime: null }
  )[];
  curve: CalibrationPoint[];
};

/** The shares a lead is offered. */
export const calibrationTargets = [0.8, 0.85, 0.95] as const;
/** The one CoPilot and the simulator suggest. */
export const suggestedTarget = calibrationTargets[1];
/** Planned times are looked at up to this many hours (90 days), about as long as a flow's plan goes. */
export const maxPlannedHours = 90 * 24;
/** Points drawn on the curve. */
const curvePoints = 40;
const minuteMs = 60_000;

/** The share of tasks that closed by the deadline a planned time of `hours` would have given them. */
export function onTimeShare(tasks: readonly CalibrationTask[], flow: CalibrationFlow, hours: number): number {
  if (tasks.length === 0) return 0;
  const seconds = hours * 3600;
  let onTime = 0;
  for (const task of tasks)
    if (task.closedAt <= flowDeadline(task.createdAt, seconds, flow.matchWorkTime, flow.calendar, flow.offsetMinutes))
      onTime++;
  return onTime / tasks.length;
}

/**
 * The shortest whole number of hours that would have kept the task on time, found by bisection
 * (the deadline only grows with the plan).
 */
function shortestOnTimePlan(task: CalibrationTask, flow: CalibrationFlow): number {
  const onTime = (hours: number) =>
    task.closedAt <= flowDeadline(task.createdAt, hours * 3600, flow.matchWorkTime, flow.calendar, flow.offsetMinutes);
  // The deadline is never before the creation minute plus the plan (days off only push it later),
  // so a plan as long as the task took, and a minute, keeps it: the search ends there.
  let high = Math.max(1, Math.ceil((task.closedAt - task.createdAt + minuteMs) / hourMs));
  let low = 1;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (onTime(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The calibration of a flow whose planned time is `plannedSeconds`, from its completed tasks. */
export function plannedTimeCalibration(
  tasks: readonly CalibrationTask[],
  flow: CalibrationFlow,
  plannedSeconds: number,
): PlannedTimeCalibration {
  const plannedHours = Math.max(1, Math.round(plannedSeconds / 3600));
  // Each task's shortest plan once (deadlines are costly with working days); a share is then a count.
  const plans = tasks.map((task) => shortestOnTimePlan(task, flow)).sort((a, b) => a - b);
  const share = (hours: number) =>
    plans.length === 0 ? 0 : plans.filter((plan) => plan <= hours).length / plans.length;
  // The shortest plan for a target is that of the task which brings the share to it.
  const needed = calibrationTargets.map((target) => {
    const plan = plans.find((_, index) => (index + 1) / plans.length >= target);
    return plan === undefined || plan > maxPlannedHours
      ? { target, plannedHours: null, onTime: null }
      : { target, plannedHours: plan, onTime: share(plan) };
  });
  // The curve spans from an hour to beyond the longest plan of interest, so today's and every target show on it.
  const longest = Math.max(plannedHours, ...needed.map((entry) => entry.plannedHours ?? 0)) * 1.5;
  const step = Math.max(1, Math.ceil(longest / curvePoints));
  const curve: CalibrationPoint[] = [];
  for (let hours = step; hours <= longest + step; hours += step)
    curve.push({ plannedHours: hours, onTime: share(hours) });
  return {
    basis: tasks.length,
    current: { plannedHours, onTime: share(plannedHours) },
    needed,
    curve,
  };
}
