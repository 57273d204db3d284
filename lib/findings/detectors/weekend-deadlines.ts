import { lateRate, type Detector } from '../detector';

/** Weekend deadlines matter from this many tasks with one. */
export const minWeekendDeadlines = 3;
/** In a larger flow, weekend deadlines matter from this share of the counted tasks instead. */
export const minWeekendShare = 0.05;
/** Tasks due on a day off must run late at least this many times as often as the rest… */
export const minLateRatio = 1.5;
/** …and by at least this many percentage points: 71 % against 67 % is not the weekend's doing. */
export const minLatePointsAbove = 15;

/**
 * Deadlines counted without work time fall on a day off in the portal's calendar, and those tasks
 * run late clearly more often than the rest.
 */
export const weekendDeadlines: Detector = {
  kind: 'weekend-deadlines',
  detect({ flow, counted }) {
    const weekendTasks = counted.filter((task) => task.weekendDeadline);
    if (flow.matchWorkTime || weekendTasks.length < Math.max(minWeekendDeadlines, minWeekendShare * counted.length))
      return null;
    const others = counted.filter((task) => !task.weekendDeadline);
    const weekendLate = lateRate(weekendTasks);
    const otherLate = lateRate(others);
    if (weekendLate < minLateRatio * otherLate || 100 * (weekendLate - otherLate) < minLatePointsAbove) return null;
    return {
      figures: {
        weekendDeadlines: weekendTasks.length,
        weekendLatePct: Math.round(100 * weekendLate),
        otherLatePct: Math.round(100 * otherLate),
      },
      // Its plan counted days off as if someone worked then: the days off it lived through.
      evidence: (task) => (task.weekendDeadline ? task.daysOffLived : 0),
    };
  },
};
