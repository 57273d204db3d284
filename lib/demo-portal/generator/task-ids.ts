import type { Random } from './random';

const FIRST_TASK_ID = 1001;
/** Share of ids left unused, as tasks deleted after they were created. */
const DELETED_SHARE = 0.002;

/**
 * Task ids in the order tasks were created across all flows, as the portal's auto-increment
 * gives them, with a few ids skipped (deleted tasks): always at the quarter marks, and now and
 * then at random. `times` are each flow's ascending creation times; ties go to the lower flow.
 */
export function assignTaskIds(
  times: readonly Float64Array[],
  random: Random,
): { ids: Float64Array[]; deleted: number } {
  const ids = times.map((flowTimes) => new Float64Array(flowTimes.length));
  const total = times.reduce((sum, flowTimes) => sum + flowTimes.length, 0);
  const quarterMarks = new Set([1, 2, 3].map((quarter) => Math.floor((total * quarter) / 4)));
  const next = times.map(() => 0);
  let id = FIRST_TASK_ID;
  let deleted = 0;
  for (let n = 0; n < total; n++) {
    let flow = -1;
    let earliest = Infinity;
    for (let f = 0; f < times.length; f++) {
      const at = times[f]?.[next[f] ?? 0];
      if (at !== undefined && at < earliest) {
        earliest = at;
        flow = f;
      }
    }
    if (quarterMarks.has(n) || random.chance(DELETED_SHARE)) {
      id++;
      deleted++;
    }
    const position = next[flow] ?? 0;
    const flowIds = ids[flow];
    if (flowIds) flowIds[position] = id++;
    next[flow] = position + 1;
  }
  return { ids, deleted };
}
