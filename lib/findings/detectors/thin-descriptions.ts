import { isOpen } from '@/lib/metrics/metric-task';
import { lateRate, round1, startAndWorkBeyondShares, type Detector } from '../detector';
import type { MeasuredTask } from '../measured-task';

/** Thin descriptions are weighed from this many tasks with one. */
export const minThinTasks = 5;
/** Thin descriptions matter when such tasks run late this many times as often as the others (plus thinLateMargin). */
export const thinLateFactor = 1.5;
/** Added to that bar as a share of tasks, so that when the others are never late the thin ones still need a real late rate. */
export const thinLateMargin = 0.05;

/** Tasks set with a short or empty description run late. */
export const thinDescriptions: Detector = {
  kind: 'thin-descriptions',
  detect({ counted, late, thin, planned }) {
    const full = counted.filter((task) => !task.thin);
    const thinLate = lateRate(thin);
    const fullLate = lateRate(full);
    if (
      thin.length < minThinTasks ||
      !thin.some((task) => task.late) ||
      thinLate < thinLateFactor * fullLate + thinLateMargin
    )
      return null;
    const meanComments = (tasks: MeasuredTask[]) =>
      tasks.length === 0 ? 0 : round1(tasks.reduce((sum, task) => sum + task.commentsCount, 0) / tasks.length);
    return {
      figures: {
        thinTasks: thin.length,
        thinLatePct: Math.round(100 * thinLate),
        otherLatePct: Math.round(100 * fullLate),
        lateComments: meanComments(late),
        onTimeComments: meanComments(counted.filter((task) => !task.late && !isOpen(task))),
      },
      // Asking what the task means delays the start and stretches the work.
      evidence: (task) => (task.thin ? startAndWorkBeyondShares(task, planned) : 0),
    };
  },
};
