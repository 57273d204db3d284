import type { teamLoad } from '@/lib/metrics/assignee-load';
import { median } from '@/lib/metrics/percentiles';
import {
  lateRate,
  medianPickup,
  round1,
  startAndWorkBeyondShares,
  type Detector,
  type DetectorContext,
} from '../detector';
import type { MeasuredTask } from '../measured-task';

/** An assignee is overloaded from this many times the team's median open (or overdue) tasks. */
export const overloadFactor = 2;
/** Overloaded also takes this many tasks above the median, so two tasks against a median of one are not a load. */
export const overloadMargin = 3;
/** And at least this many tasks: three open tasks against a team median of none are no load. */
export const minOverloadTasks = 4;
/** Over the window, a backlog shows as late tasks: at least this many percentage points above the rest of the team. */
export const minLatePointsAbove = 25;
/** …and as a wait to start at least this share of the planned time (a quick team's double wait is still quick). */
export const slowStartShare = 0.25;

/** What an assignee received in the window, how long those tasks waited to start, and how many ran late. */
type WindowLoad = { responsibleId: number; received: number; medianPickup: number | null; lateShare: number };

/**
 * The assignees far above the rest of the team, leaving out people who left. Today's load is one
 * sign (open or overdue tasks far above the team's median); the window is the other, so that a
 * person who has just cleared a backlog is still seen: one who received far more tasks than the
 * median, or whose tasks waited far longer to start than the others', and whose tasks ran late
 * clearly more often than the rest of the team's.
 */
export function overloadedPeople(
  context: Pick<DetectorContext, 'load' | 'inactive' | 'counted' | 'planned'>,
): ReturnType<typeof teamLoad>['assignees'] {
  const { load, inactive, counted, planned } = context;
  const far = (value: number, median: number) =>
    value >= overloadFactor * median && value >= median + overloadMargin && value >= minOverloadTasks;
  const windows = windowLoads(
    counted,
    load.assignees.map((person) => person.responsibleId),
  );
  const medianReceived = median(windows.map((person) => person.received)) ?? 0;
  const behindInWindow = (id: number) => {
    const person = windows.find((entry) => entry.responsibleId === id);
    if (!person || person.received < minOverloadTasks) return false;
    const others = counted.filter((task) => task.responsibleId !== id);
    // With next to nothing on the others there is no team to compare with.
    if (others.length < minOverloadTasks) return false;
    const othersPickup = medianPickup(others);
    const receivedFar = far(person.received, medianReceived);
    const waitedFar =
      person.medianPickup !== null &&
      othersPickup !== null &&
      person.medianPickup >= overloadFactor * othersPickup &&
      person.medianPickup >= slowStartShare * planned;
    return (receivedFar || waitedFar) && 100 * (person.lateShare - lateRate(others)) >= minLatePointsAbove;
  };
  return load.assignees.filter(
    (person) =>
      !inactive.has(person.responsibleId) &&
      (far(person.open, load.medianOpen) ||
        far(person.overdue, load.medianOverdue) ||
        behindInWindow(person.responsibleId)),
  );
}

function windowLoads(counted: readonly MeasuredTask[], team: readonly number[]): WindowLoad[] {
  return team.map((responsibleId) => {
    const own = counted.filter((task) => task.responsibleId === responsibleId);
    return {
      responsibleId,
      received: own.length,
      medianPickup: medianPickup(own),
      lateShare: lateRate(own),
    };
  });
}

/** One or a few people hold far more work than the rest of the team. */
export const overloadedAssignee: Detector = {
  kind: 'overloaded-assignee',
  detect({ load, overloaded, planned, counted, inUnit }) {
    if (overloaded.length === 0 || load.assignees.length < 2) return null;
    const heaviest = overloaded.reduce((top, person) => (person.open > top.open ? person : top));
    const own = counted.filter((task) => task.responsibleId === heaviest.responsibleId);
    const others = counted.filter((task) => !overloaded.some((person) => person.responsibleId === task.responsibleId));
    const ownPickup = medianPickup(own);
    const othersPickup = medianPickup(others);
    return {
      figures: {
        openTasks: heaviest.open,
        overdueTasks: heaviest.overdue,
        teamMedianOpen: round1(load.medianOpen),
        overloadedPeople: overloaded.length,
        receivedTasks: own.length,
        ...(ownPickup !== null && othersPickup !== null
          ? { ownMedianPickup: inUnit(ownPickup), othersMedianPickup: inUnit(othersPickup) }
          : {}),
      },
      people: overloaded.map((person) => person.responsibleId),
      // A backlog delays the start and slows the work of every task its holder gets.
      evidence: (task) =>
        overloaded.some((person) => person.responsibleId === task.responsibleId)
          ? startAndWorkBeyondShares(task, planned)
          : 0,
    };
  },
};
