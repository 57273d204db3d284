import type { teamLoad } from '@/lib/metrics/assignee-load';
import { median, type distribution } from '@/lib/metrics/percentiles';
import type { AnalysedFlow } from './analysed-flow';
import type { ProblemKind } from './finding';
import type { MeasuredTask } from './measured-task';

/** What every detector reads: the flow, its measured tasks and the figures several share. */
export type DetectorContext = {
  flow: AnalysedFlow;
  /** Tasks the efficiency rule counts in the window. */
  counted: MeasuredTask[];
  /** Tasks with a violation in the window, counted or not. */
  late: MeasuredTask[];
  /** The flow's planned completion time, in milliseconds (0: none). */
  planned: number;
  /** Milliseconds in the unit the findings speak in (hours, or days for plans of two days or more), one decimal. */
  inUnit: (ms: number) => number;
  inactive: ReadonlySet<number>;
  /** Open and overdue work per assignee, without a manual flow's moderators (they distribute). */
  load: ReturnType<typeof teamLoad>;
  /** Assignees far above the team's median load. */
  overloaded: ReturnType<typeof teamLoad>['assignees'];
  medianPickup: number | null;
  leads: ReturnType<typeof distribution>;
  thin: MeasuredTask[];
  /** Counted tasks whose deadline was moved. */
  postponed: MeasuredTask[];
};

/** A reason that holds for the flow as a whole: its figures, the people behind it, and which late tasks it explains. */
export type Detection = {
  figures: Record<string, number>;
  people?: number[];
  /**
   * How much of this late task's lost time this reason accounts for, in milliseconds (0: none).
   * A late task goes to the reason with the most; detectors/ say what each one counts.
   */
  evidence: (task: MeasuredTask) => number;
  /** Reported even when no late task is put down to it (people who left are still in the queue). */
  alwaysReport?: boolean;
};

/** One kind of problem: whether it holds for the flow, and if so what it says. */
export type Detector = { kind: ProblemKind; detect: (context: DetectorContext) => Detection | null };

export const round1 = (value: number) => Math.round(value * 10) / 10;

/** The share of tasks that are late, 0 for none. */
export const lateRate = (tasks: readonly MeasuredTask[]) =>
  tasks.length === 0 ? 0 : tasks.filter((task) => task.late).length / tasks.length;

/**
 * The share of the planned time each stage of a task on plan takes at most: a wait to be handed
 * on, to be taken into work or for review a tenth each, the work itself the rest. Time beyond it
 * is what a stage cost a late task.
 */
export const stageShare = { handOn: 0.1, pickup: 0.1, work: 0.6, review: 0.1 } as const;

/** A stage's time beyond its share of the plan, in milliseconds; 0 when the stage was never reached. */
export function beyondShare(time: number | null, share: number, planned: number): number {
  return time === null ? 0 : Math.max(0, time - share * planned);
}

/** The evidence of a cause that both delays the start and stretches the work (a thin description, a backlog). */
export function startAndWorkBeyondShares(task: MeasuredTask, planned: number): number {
  return (
    beyondShare(task.onWorkingDays.pickup, stageShare.pickup, planned) +
    beyondShare(task.onWorkingDays.work, stageShare.work, planned)
  );
}

/** The median wait before work of the tasks that have one, null when none has. */
export const medianPickup = (tasks: readonly MeasuredTask[]) =>
  median(tasks.flatMap((task) => (task.pickup === null ? [] : [task.pickup])));
