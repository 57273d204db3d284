import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';

/**
 * The estimates' random source: pure-rand's xoroshiro128plus with a fixed seed per estimate, so
 * the same input always gives the same numbers.
 */
export function seededGenerator(seed: number): RandomGenerator {
  return xoroshiro128plus(seed);
}

/** A number in [0, 1) from the generator. */
export const uniform = (random: RandomGenerator) => (random.unsafeNext() >>> 0) / 4_294_967_296;
