import type { Detector } from '../detector';

/** Postponing is a habit from this many tasks with a moved deadline. */
export const minPostponedTasks = 3;
/** Postponing is a habit only when those tasks are also this share of the counted ones. */
export const minPostponedShare = 0.2;

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));

/** Deadlines are moved often. */
export const postponedDeadlines: Detector = {
  kind: 'postponed-deadlines',
  detect({ counted }) {
    const postponed = counted.filter((task) => task.postponed);
    if (postponed.length < minPostponedTasks || postponed.length < minPostponedShare * counted.length) return null;
    return {
      figures: { postponedTasks: postponed.length, postponedPct: percent(postponed.length, counted.length) },
      explains: (task) => task.postponed,
    };
  },
};
