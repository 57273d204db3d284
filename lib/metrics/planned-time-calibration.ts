import { flowDeadline } from '@/lib/bitrix24/flow-deadline';
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
  needed: { target: number; plannedHours: number | null }[];
  curve: CalibrationPoint[];
};

/** The shares a lead is offered. */
export const calibrationTargets = [0.8, 0.85, 0.95] as const;
/** Planned times are looked at up to this many hours (90 days), about as long as a flow's plan goes. */
export const maxPlannedHours = 90 * 24;
/** Points drawn on the curve. */
const curvePoints = 40;

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

/** The shortest whole number of hours whose share reaches `target` (the share only grows with the plan). */
function shortestPlan(tasks: readonly CalibrationTask[], flow: CalibrationFlow, target: number): number | null {
  if (onTimeShare(tasks, flow, maxPlannedHours) < target) return null;
  let low = 1;
  let high = maxPlannedHours;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (onTimeShare(tasks, flow, middle) >= target) high = middle;
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
  const needed = calibrationTargets.map((target) => ({ target, plannedHours: shortestPlan(tasks, flow, target) }));
  // The curve spans from an hour to beyond the longest plan of interest, so today's and every target show on it.
  const longest = Math.max(plannedHours, ...needed.map((entry) => entry.plannedHours ?? 0)) * 1.5;
  const step = Math.max(1, Math.ceil(longest / curvePoints));
  const curve: CalibrationPoint[] = [];
  for (let hours = step; hours <= longest + step; hours += step)
    curve.push({ plannedHours: hours, onTime: onTimeShare(tasks, flow, hours) });
  return {
    basis: tasks.length,
    current: { plannedHours, onTime: onTimeShare(tasks, flow, plannedHours) },
    needed,
    curve,
  };
}
