import { percentile } from '../lib/metrics/percentiles';

export type Timing = { p50: number; p95: number };

/**
 * Times `count` runs after `warmup` untimed ones (run(-1)), and gives the median and the 95th
 * percentile. Each run gets its index, so a bench can vary what it asks for.
 */
export async function measure(count: number, run: (index: number) => Promise<unknown>, warmup = 1): Promise<Timing> {
  for (let index = 0; index < warmup; index++) await run(-1);
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await run(index);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5)!, p95: percentile(times, 0.95)! };
}
