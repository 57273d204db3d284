import { percentile } from './percentiles';
import { seededGenerator, uniform } from './seeded-random';

/**
 * Delivery forecasts by Monte Carlo on throughput (docs/metrics.md, "Delivery forecasts"): each run
 * draws the days ahead from the flow's recent days (how many tasks it completed on each), so the
 * answers carry how uneven its pace has been. Estimates with their confidence, seeded.
 */
export type Confidence = { p50: number; p85: number; p95: number };

export type DeliveryForecast = {
  /** Days until the tasks waiting now are all done, in 50, 85 and 95 % of the runs; null when the recent days completed nothing. */
  backlogDays: Confidence | null;
  /** Tasks done within the horizon: at least this many in 50, 85 and 95 % of the runs. */
  doneWithin: Confidence;
  /** What it rests on: the recent days drawn from, and the tasks they completed. */
  basis: { days: number; completed: number };
};

export const deliveryRuns = 1_000;
const deliverySeed = 85;
/** A run gives up on the backlog after this many days (ten years of working days). */
const maxDays = 2_500;

/**
 * `dailyThroughput`: tasks completed on each recent day (working days where the flow matches work
 * time, else calendar days); `backlog`: tasks waiting now; `horizonDays`: days ahead, in the same days.
 */
export function deliveryForecast(
  dailyThroughput: readonly number[],
  backlog: number,
  horizonDays: number,
  runs = deliveryRuns,
): DeliveryForecast {
  const completed = dailyThroughput.reduce((sum, day) => sum + day, 0);
  const random = seededGenerator(deliverySeed);
  const draw = () => dailyThroughput[Math.floor(uniform(random) * dailyThroughput.length)]!;
  const doneWithin: number[] = [];
  const backlogDays: number[] = [];
  for (let run = 0; run < runs; run++) {
    let done = 0;
    for (let day = 0; day < horizonDays && dailyThroughput.length > 0; day++) done += draw();
    doneWithin.push(done);
    if (completed === 0) continue;
    let days = 0;
    for (let left = backlog; left > 0 && days < maxDays; days++) left -= draw();
    backlogDays.push(days);
  }
  doneWithin.sort((a, b) => a - b);
  backlogDays.sort((a, b) => a - b);
  // "Done within" is an upper share of runs, "at least" a lower one; both rounded the cautious way.
  const within = (q: number) => Math.ceil(percentile(backlogDays, q) ?? 0);
  const atLeast = (q: number) => Math.floor(percentile(doneWithin, 1 - q) ?? 0);
  return {
    backlogDays: completed === 0 ? null : { p50: within(0.5), p85: within(0.85), p95: within(0.95) },
    doneWithin: { p50: atLeast(0.5), p85: atLeast(0.85), p95: atLeast(0.95) },
    basis: { days: dailyThroughput.length, completed },
  };
}
