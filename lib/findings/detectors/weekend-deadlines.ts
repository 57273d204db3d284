import { lateRate, type Detector } from '../detector';

/** Weekend deadlines matter from this many tasks with one. */
export const minWeekendDeadlines = 3;
/** In a larger flow, weekend deadlines matter from this share of the counted tasks instead. */
export const minWeekendShare = 0.05;

/** Deadlines counted without work time fall on Saturday or Sunday. */
export const weekendDeadlines: Detector = {
  kind: 'weekend-deadlines',
  detect({ flow, counted }) {
    const weekendTasks = counted.filter((task) => task.weekendDeadline);
    if (flow.matchWorkTime || weekendTasks.length < Math.max(minWeekendDeadlines, minWeekendShare * counted.length))
      return null;
    const others = counted.filter((task) => !task.weekendDeadline);
    return {
      figures: {
        weekendDeadlines: weekendTasks.length,
        weekendLatePct: Math.round(100 * lateRate(weekendTasks)),
        otherLatePct: Math.round(100 * lateRate(others)),
      },
      explains: (task) => task.weekendDeadline,
    };
  },
};
