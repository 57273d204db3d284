import { readFile, writeFile } from 'node:fs/promises';

const file = 'docs/benchmarks.md';

/** Replaces (or adds) one benchmark's section in docs/benchmarks.md, keeping the others. */
export async function writeBenchmarkSection(id: string, markdown: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(
    () => '# Benchmarks\n\nEach section is written by the command it names; rerun it to refresh the numbers.\n',
  );
  const start = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const section = `${start}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  const next = pattern.test(current) ? current.replace(pattern, section) : `${current.trimEnd()}\n\n${section}\n`;
  await writeFile(file, next.endsWith('\n') ? next : `${next}\n`);
}
