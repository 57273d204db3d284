import { describe, expect, it } from 'vitest';
import { distribution, median, percentile } from './percentiles';

describe('percentiles', () => {
  it('interpolates between closest ranks (percentile_cont)', () => {
    // Sorted 10, 20, 30, 40: p50 at rank 1.5 → 25; p85 at 2.55 → 35.5; p95 at 2.85 → 38.5.
    expect(distribution([40, 10, 30, 20])).toEqual({ count: 4, mean: 25, p50: 25, p85: 35.5, p95: 38.5 });
  });

  it('handles one value and none', () => {
    expect(distribution([7])).toEqual({ count: 1, mean: 7, p50: 7, p85: 7, p95: 7 });
    expect(distribution([])).toEqual({ count: 0, mean: null, p50: null, p85: null, p95: null });
    expect(percentile([], 0.5)).toBeNull();
  });

  it('gives the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
