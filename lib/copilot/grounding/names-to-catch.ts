/**
 * The names the grounding check looks for in a model's text: full names, last names and first
 * names of four letters or more (shorter ones are too often ordinary words). A model never sees
 * them, so any of them in its answer was made up or leaked.
 */
export function personNames(employees: readonly { name: string; lastName: string }[]): string[] {
  const names = new Set<string>();
  for (const person of employees) {
    for (const name of [`${person.name} ${person.lastName}`.trim(), person.lastName.trim(), person.name.trim()])
      if (name.length >= 4) names.add(name);
  }
  return [...names];
}
