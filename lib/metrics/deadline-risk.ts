/**
 * How likely an open task is to close after its deadline, from the flow's own history
 * (docs/metrics.md, "Deadline risk"): of the flow's completed tasks that had already spent as long
 * in the task's current stage as it has, the share that then needed more than the time it has
 * left. An estimate, with an 80 % band that widens when few tasks are behind it.
 */
export type DeadlineRisk = {
  /** 0–1: the chance it closes after its deadline. */
  probability: number;
  /** The 80 % band around it. */
  low: number;
  high: number;
  /** How many completed tasks the estimate rests on (0 when the deadline has already passed). */
  basis: number;
};

/** Below this many comparable tasks the estimate says it rests on few. */
export const fewTasksBehindRisk = 10;
/** z for a two-sided 80 % interval. */
const z80 = 1.2816;

/**
 * `durations`: how long the flow's completed tasks took from the start of the stage the task is in
 * (creation while pending, start while in progress, hand-in while in review) to their close;
 * `elapsed`: how long the task has been in that stage; `left`: time to its deadline. All in the
 * same measure (working days where the flow matches work time).
 */
export function deadlineRisk(durations: readonly number[], elapsed: number, left: number): DeadlineRisk {
  if (left <= 0) return { probability: 1, low: 1, high: 1, basis: 0 };
  let behind = 0;
  let late = 0;
  for (const duration of durations) {
    if (duration <= elapsed) continue;
    behind++;
    if (duration > elapsed + left) late++;
  }
  // Jeffreys' estimate: never a flat 0 or 100 % from a handful of tasks, and 50 % from none.
  const probability = (late + 0.5) / (behind + 1);
  const [low, high] = wilsonBand(late, behind);
  return { probability, low: Math.min(low, probability), high: Math.max(high, probability), basis: behind };
}

/** Wilson's 80 % interval for `hits` of `trials`; all of [0, 1] with no trials. */
function wilsonBand(hits: number, trials: number): [number, number] {
  if (trials === 0) return [0, 1];
  const share = hits / trials;
  const z2 = z80 * z80;
  const centre = (share + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z80 * Math.sqrt((share * (1 - share)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** How long the completed tasks took to close from the start of each stage. */
export type StageDurations = { pending: number[]; working: number[]; review: number[] };

/** A completed task's moments, for the stage durations (epoch milliseconds). */
type CompletedTimes = { createdAt: number; startedAt: number | null; handedInAt: number | null; closedAt: number };
/** An open task's moments: `inReviewSince` is its latest move to review while it is in review. */
type OpenTimes = { createdAt: number; startedAt: number | null; inReviewSince: number | null; deadline: number };

/** `span` measures a stretch as the flow counts time (on working days where it matches work time). */
export function stageDurations(
  completed: readonly CompletedTimes[],
  span: (from: number, to: number) => number,
): StageDurations {
  return {
    pending: completed.map((task) => span(task.createdAt, task.closedAt)),
    working: completed.flatMap((task) => (task.startedAt === null ? [] : [span(task.startedAt, task.closedAt)])),
    review: completed.flatMap((task) => (task.handedInAt === null ? [] : [span(task.handedInAt, task.closedAt)])),
  };
}

/** An open task's risk at `now`, from the durations of the stage it is in. */
export function openTaskRisk(
  stages: StageDurations,
  task: OpenTimes,
  now: number,
  span: (from: number, to: number) => number,
): DeadlineRisk {
  const [durations, stageStart] =
    task.inReviewSince !== null
      ? [stages.review, task.inReviewSince]
      : task.startedAt !== null
        ? [stages.working, task.startedAt]
        : [stages.pending, task.createdAt];
  // A deadline still ahead leaves at least a moment, even when only days off lie before it.
  const left = task.deadline > now ? Math.max(1, span(now, task.deadline)) : 0;
  return deadlineRisk(durations, span(stageStart, now), left);
}
