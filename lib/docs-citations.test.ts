import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The code and docs cite only what is in this repository: no documents outside it, and every
 * `docs/<file>.md, "<Section>"` names a heading that exists, so a reader can follow each one.
 */
const root = path.resolve(import.meta.dirname, '..');
const scanned = [
  'lib',
  'components',
  'app',
  'scripts',
  'bench',
  'e2e',
  'docs',
  'prisma/schema.prisma',
  'prisma/schema.migrated.prisma',
  'README.md',
  'ARCHITECTURE.md',
];
// This file names the patterns it looks for, so it is the one file not read.
const skipped = /(node_modules|\/db\/generated\/|\/\.next\/|^lib\/docs-citations\.test\.ts$)/;

function files(entry: string): string[] {
  const full = path.join(root, entry);
  if (!readdirSync(path.dirname(full)).includes(path.basename(full))) return [];
  try {
    return readdirSync(full, { withFileTypes: true }).flatMap((child) => files(path.join(entry, child.name)));
  } catch {
    return /\.(ts|tsx|mjs|md|prisma)$/.test(entry) && !skipped.test(entry) ? [entry] : [];
  }
}

const texts = scanned.flatMap(files).map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));

describe('citations', () => {
  it('never point outside the repository', () => {
    const outside = texts.flatMap(({ file, text }) =>
      [...text.matchAll(/reference §|DESIGN\.md|\.\.\/shared\b|§\d/g)].map((match) => `${file}: ${match[0]}`),
    );
    expect(outside).toEqual([]);
  });

  it('name sections that exist', () => {
    const headings = new Map(
      // A heading may be cited without the file names in brackets after it: "Models" for "Models (`lib/ai/`)".
      texts
        .filter(({ file }) => file.endsWith('.md'))
        .map(({ file, text }) => [
          file,
          new Set(
            [...text.matchAll(/^#{1,4} (.+)$/gm)].flatMap((match) => [
              match[1]!.replace(/`/g, '').trim(),
              match[1]!
                .replace(/\s*\(.*\)$/, '')
                .replace(/`/g, '')
                .trim(),
            ]),
          ),
        ]),
    );
    const broken = texts.flatMap(({ file, text }) =>
      [...text.matchAll(/((?:docs\/[\w-]+|README|ARCHITECTURE)\.md),\s+"([^"]+)"/g)]
        .filter(
          ([, doc, section]) =>
            !headings.get(doc!)?.has(section!.replace(/`/g, '').replace(/\s*\n\s*(\*|\/\/)?\s*/g, ' ')),
        )
        .map(([citation]) => `${file}: ${citation}`),
    );
    expect(broken).toEqual([]);
  });
});
