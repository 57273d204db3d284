import type { Detector, DetectorContext } from '../detector';

/** Postponing is a habit from this many tasks with a moved deadline. */
export const minPostponedTasks = 3;
/** Postponing is a habit only when those tasks are also this share of the counted ones. */
export const minPostponedShare = 0.2;

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((100 * part) / whole));

/** Whether moving deadlines is the team's habit: enough tasks, and enough of the counted ones. */
export function postponingIsHabit({ counted, postponed }: Pick<DetectorContext, 'counted' | 'postponed'>): boolean {
  return postponed.length >= minPostponedTasks && postponed.length >= minPostponedShare * counted.length;
}

/** Deadlines are moved often. */
export const postponedDeadlines: Detector = {
  kind: 'postponed-deadlines',
  detect(context) {
    if (!postponingIsHabit(context)) return null;
    const { counted, postponed } = context;
    return {
      figures: { postponedTasks: postponed.length, postponedPct: percent(postponed.length, counted.length) },
      evidence: (task) => task.deadlineShift,
    };
  },
};
