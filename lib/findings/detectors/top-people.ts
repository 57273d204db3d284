/** A finding names at most this many people. */
const maxPeople = 3;

/** The people most items name (at most maxPeople), the most first. */
export function topPeople<T>(items: readonly T[], personOf: (item: T) => number): number[] {
  const counts = new Map<number, number>();
  for (const item of items) counts.set(personOf(item), (counts.get(personOf(item)) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, maxPeople)
    .map(([id]) => id);
}
