// npm run lockfile:complete — run after `npm install` adds or updates a dependency, so that
// `npm ci` accepts the lock on every platform. See scripts/lockfile-platforms.ts for why.
import { readFile, writeFile } from 'node:fs/promises';
import { completeLockfile, missingPlatformEntries } from './lockfile-platforms';

const file = 'package-lock.json';
const text = await readFile(file, 'utf8');
const missing = missingPlatformEntries(text);
await writeFile(file, completeLockfile(text));
console.log(
  missing.size
    ? `Added ${missing.size} platform entries:\n  ${[...missing.keys()].join('\n  ')}`
    : 'The lock file is complete.',
);
