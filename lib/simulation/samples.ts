import type { RandomGenerator } from 'pure-rand';
import { uniform } from '@/lib/metrics/seeded-random';

/** Durations seen in a flow's history (plan time, milliseconds), sorted, to draw from. */
export type Samples = Float64Array;

export function samplesOf(values: readonly number[]): Samples {
  return Float64Array.from(values.filter((value) => Number.isFinite(value) && value >= 0)).sort();
}

/** One of the samples, each as likely; 0 when there are none (a stage the history never shows takes no time). */
export function draw(samples: Samples, random: RandomGenerator): number {
  if (samples.length === 0) return 0;
  return samples[Math.floor(uniform(random) * samples.length)]!;
}

/**
 * What is left of a duration that has already run `elapsed`: drawn from the samples longer than
 * that, less `elapsed` (a task in work for two days finishes as tasks that took longer than two
 * days did). One that has outlived every sample is drawn afresh: nothing says how much longer.
 */
export function drawRest(samples: Samples, elapsed: number, random: RandomGenerator): number {
  let low = 0;
  let high = samples.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (samples[middle]! <= elapsed) low = middle + 1;
    else high = middle;
  }
  if (low === samples.length) return draw(samples, random);
  return samples[low + Math.floor(uniform(random) * (samples.length - low))]! - elapsed;
}
