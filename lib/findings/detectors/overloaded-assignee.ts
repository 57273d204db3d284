import type { teamLoad } from '@/lib/metrics/assignee-load';
import { round1, type Detector } from '../detector';

/** An assignee is overloaded from this many times the team's median open (or overdue) tasks. */
export const overloadFactor = 2;
/** Overloaded also takes this many tasks above the median, so two tasks against a median of one are not a load. */
export const overloadMargin = 3;
/** And at least this many tasks: three open tasks against a team median of none are no load. */
export const minOverloadTasks = 4;

/** The assignees far above the team's median, leaving out people who left. */
export function overloadedPeople(
  load: ReturnType<typeof teamLoad>,
  inactive: ReadonlySet<number>,
): ReturnType<typeof teamLoad>['assignees'] {
  const far = (value: number, median: number) =>
    value >= overloadFactor * median && value >= median + overloadMargin && value >= minOverloadTasks;
  return load.assignees.filter(
    (person) =>
      !inactive.has(person.responsibleId) &&
      (far(person.open, load.medianOpen) || far(person.overdue, load.medianOverdue)),
  );
}

/** One or a few people hold far more work than the rest of the team. */
export const overloadedAssignee: Detector = {
  kind: 'overloaded-assignee',
  detect({ load, overloaded }) {
    if (overloaded.length === 0 || load.assignees.length < 2) return null;
    const heaviest = overloaded.reduce((top, person) => (person.open > top.open ? person : top));
    return {
      figures: {
        openTasks: heaviest.open,
        overdueTasks: heaviest.overdue,
        teamMedianOpen: round1(load.medianOpen),
        overloadedPeople: overloaded.length,
      },
      people: overloaded.map((person) => person.responsibleId),
      explains: (task) => overloaded.some((person) => person.responsibleId === task.responsibleId),
    };
  },
};
