/**
 * P(X ≥ count) for a Poisson count of the given mean: how often chance alone gives at least
 * `count` events where `mean` are expected. Terms are built in logarithms, so large means do not
 * underflow; the result is exact enough to compare with a few per cent.
 */
export function poissonTailAtLeast(count: number, mean: number): number {
  if (count <= 0) return 1;
  if (mean <= 0) return 0;
  let logTerm = -mean;
  let below = Math.exp(logTerm);
  for (let k = 1; k < count; k++) {
    logTerm += Math.log(mean) - Math.log(k);
    below += Math.exp(logTerm);
  }
  return Math.max(0, 1 - below);
}
