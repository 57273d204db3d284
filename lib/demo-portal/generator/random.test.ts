import { describe, expect, it } from 'vitest';
import { createRandom } from './random';

const draws = (labels: (string | number)[], count = 20) => {
  const random = createRandom(...labels);
  return Array.from({ length: count }, () => random.next());
};

describe('createRandom', () => {
  it('gives the same numbers for the same labels and other numbers for other labels', () => {
    expect(draws([7, 'flows'])).toEqual(draws([7, 'flows']));
    expect(draws([7, 'flows'])).not.toEqual(draws([8, 'flows']));
    expect(draws([7, 'flows'])).not.toEqual(draws([7, 'tasks']));
  });

  it('draws numbers in [0, 1) that spread over the whole range', () => {
    const values = draws([1], 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('draws whole numbers with both ends included', () => {
    const random = createRandom('int');
    const seen = new Set(Array.from({ length: 2000 }, () => random.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('centres log-normal draws on their median', () => {
    const random = createRandom('log-normal');
    const values = Array.from({ length: 5001 }, () => random.logNormal(2, 0.5)).sort((a, b) => a - b);
    expect(values[2500]).toBeGreaterThan(1.85);
    expect(values[2500]).toBeLessThan(2.15);
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = createRandom('shuffle').shuffled(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort()).toEqual(input);
    expect(shuffled).not.toEqual(input);
  });
});
