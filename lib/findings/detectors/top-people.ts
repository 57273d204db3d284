/** The three people most items name, the most first. */
export function topPeople<T>(items: readonly T[], personOf: (item: T) => number): number[] {
  const counts = new Map<number, number>();
  for (const item of items) counts.set(personOf(item), (counts.get(personOf(item)) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([id]) => id);
}
