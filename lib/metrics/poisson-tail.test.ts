import { describe, expect, it } from 'vitest';
import { poissonTailAtLeast } from './poisson-tail';

describe('poissonTailAtLeast', () => {
  it('matches the Poisson distribution', () => {
    expect(poissonTailAtLeast(0, 3)).toBe(1);
    expect(poissonTailAtLeast(1, 3)).toBeCloseTo(1 - Math.exp(-3), 12);
    expect(poissonTailAtLeast(21, 14)).toBeCloseTo(0.0479, 4);
    expect(poissonTailAtLeast(11, 7)).toBeCloseTo(0.0985, 4);
    expect(poissonTailAtLeast(5, 0)).toBe(0);
  });

  it('stays finite for a large mean', () => {
    expect(poissonTailAtLeast(1000, 1000)).toBeCloseTo(0.5, 1);
    expect(poissonTailAtLeast(1500, 1000)).toBeLessThan(1e-6);
  });
});
