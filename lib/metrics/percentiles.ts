export type Distribution = {
  count: number;
  mean: number | null;
  p50: number | null;
  p85: number | null;
  p95: number | null;
};

/**
 * A percentile by linear interpolation between closest ranks (the common "type 7": numpy's and
 * Postgres's percentile_cont), so figures computed here and in SQL agree.
 */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** An estimate over many runs: the median and the 10th–90th percentiles (an 80 % band). */
export type Band = { median: number; low: number; high: number };

/** The band of the runs' values, each figure rounded by `round`. */
export function bandOf(values: readonly number[], round: (value: number) => number): Band {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => round(percentile(sorted, q) ?? 0);
  return { median: at(0.5), low: at(0.1), high: at(0.9) };
}

export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) return { count: 0, mean: null, p50: null, p85: null, p95: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    p50: percentile(sorted, 0.5),
    p85: percentile(sorted, 0.85),
    p95: percentile(sorted, 0.95),
  };
}

export function median(values: readonly number[]): number | null {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}
