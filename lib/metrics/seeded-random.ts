import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';

/**
 * The estimates' random source: pure-rand's xoroshiro128plus with a fixed seed per estimate, so
 * the same input always gives the same numbers.
 */
export function seededGenerator(seed: number): RandomGenerator {
  return xoroshiro128plus(seed);
}

/**
 * A generator of its own for one part of an estimate (a run, a task of a run), from numbers that
 * name it: each part draws the same numbers whatever the other parts drew, so two estimates that
 * differ in one respect differ only where that respect matters. The parts are mixed by
 * MurmurHash3's finaliser, as the generator's own seeding keeps close seeds close.
 */
export function streamOf(...parts: readonly number[]): RandomGenerator {
  let hash = 0x9e3779b9;
  for (const part of parts) hash = mix(hash ^ mix(part | 0));
  return xoroshiro128plus(hash);
}

function mix(value: number): number {
  let hash = value;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) | 0;
}

/** A number in [0, 1) from the generator. */
export const uniform = (random: RandomGenerator) => (random.unsafeNext() >>> 0) / 4_294_967_296;
