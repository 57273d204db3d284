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
