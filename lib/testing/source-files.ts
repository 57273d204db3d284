import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Source files under a folder (recursively), relative to the project root, sorted. */
export async function sourceFiles(folder: string, pattern: RegExp): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.relative(process.cwd(), path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.includes('node_modules') && !file.includes('generated'))
    .sort();
}

/** A 'use server' directive standing alone as a statement (its own line), not the words in a string. */
const directiveLine = /^\s*['"]use server['"];?\s*$/gm;

/**
 * Server actions in the source: `modules`, files whose first statement is the 'use server'
 * directive; `inline`, files that declare an action inside a function (a directive anywhere else).
 */
export async function serverActionModules(folders: string[]): Promise<{ modules: string[]; inline: string[] }> {
  const files = (await Promise.all(folders.map((folder) => sourceFiles(folder, /\.tsx?$/)))).flat();
  const found = await Promise.all(
    files.map(async (file) => {
      const source = await readFile(file, 'utf8');
      const atTop = /^['"]use server['"]/.test(source.trimStart());
      const directives = source.match(directiveLine)?.length ?? 0;
      return { file, atTop, inline: directives > (atTop ? 1 : 0) };
    }),
  );
  return {
    modules: found.filter((entry) => entry.atTop).map((entry) => entry.file),
    inline: found.filter((entry) => entry.inline).map((entry) => entry.file),
  };
}

/** App Router pages as URL patterns: `app/(dashboard)/flows/[flowId]/page.tsx` → `/flows/[flowId]`. */
export function routeOf(file: string): string {
  const route = path
    .dirname(file)
    .split(path.sep)
    .slice(1)
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .join('/');
  return `/${route}`;
}

/** The HTTP methods a route handler module exports. */
export async function routeMethods(file: string): Promise<string[]> {
  const source = await readFile(file, 'utf8');
  const methods = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE)\b/g))
    methods.add(match[1]!);
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of match[1]!.matchAll(
      /\bas\s+(GET|POST|PUT|PATCH|DELETE)\b|^\s*(GET|POST|PUT|PATCH|DELETE)\s*(?:,|$)/gm,
    )) {
      methods.add((name[1] ?? name[2])!);
    }
  }
  return [...methods].sort();
}
