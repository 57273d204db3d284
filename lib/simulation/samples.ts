import type { RandomGenerator } from 'pure-rand';
import { uniform } from '@/lib/metrics/seeded-random';

/** Durations seen in a flow's history (plan time, milliseconds), sorted, to draw from. */
export type Samples = Float64Array;

export function samplesOf(values: readonly number[]): Samples {
  return Float64Array.from(values.filter((value) => Number.isFinite(value) && value >= 0)).sort();
}

/**
 * A person's pace as their tasks showed it, task by task: the gap before they got to each (see
 * fit-flow-model.ts) and its work, side by side, so a task drawn long in one is long in the other
 * as it was (a task that waited for a clarification also took longer to do).
 */
export type Paces = { gaps: Float64Array; work: Float64Array };

export function pacesOf(pairs: readonly { gap: number; work: number }[]): Paces {
  return { gaps: Float64Array.from(pairs, (pair) => pair.gap), work: Float64Array.from(pairs, (pair) => pair.work) };
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
