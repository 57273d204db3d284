import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No two folders of lib/ import each other, directly or through others (ARCHITECTURE.md). Lint's
 * import/no-cycle sees cycles between modules only; folders can form one while no module does
 * (a/x → b/y and b/z → a/w). Tests and `testing/` folders are left out: they may reach across to
 * set things up.
 */
const root = path.resolve(import.meta.dirname, '..');
const lib = path.join(root, 'lib');
const leftOut = /(\.test\.tsx?$|\/testing\/|\/db\/generated\/)/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.tsx?$/.test(entry.name) && !leftOut.test(file) ? [file] : [];
  });
}

/** `lib/<folder>` of a path under lib/, `lib` for a file directly in it, null outside lib/. */
function folderOf(file: string): string | null {
  const relative = path.relative(lib, file);
  if (relative.startsWith('..')) return null;
  const [first, ...rest] = relative.split(path.sep);
  return rest.length === 0 ? 'lib' : `lib/${first}`;
}

function folderImports(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of sources(lib)) {
    const from = folderOf(file)!;
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
      const target = specifier!.startsWith('@/')
        ? path.join(root, specifier!.slice(2))
        : specifier!.startsWith('.')
          ? path.resolve(path.dirname(file), specifier!)
          : null;
      const to = target && folderOf(target);
      if (to && to !== from) edges.set(from, (edges.get(from) ?? new Set()).add(to));
    }
  }
  return edges;
}

/** The folders `start` reaches through imports. */
function reached(edges: Map<string, Set<string>>, start: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...(edges.get(start) ?? [])];
  while (queue.length > 0) {
    const folder = queue.pop()!;
    if (seen.has(folder)) continue;
    seen.add(folder);
    queue.push(...(edges.get(folder) ?? []));
  }
  return seen;
}

describe('folders of lib/', () => {
  const edges = folderImports();

  it('reads the imports between them', () => {
    expect(edges.get('lib/sync')).toContain('lib/bitrix24');
    expect(edges.get('lib/metrics')).toContain('lib/db');
  });

  it('import each other in no cycle', () => {
    const cycles = [...edges.keys()].filter((folder) => reached(edges, folder).has(folder));
    expect(cycles).toEqual([]);
  });
});
