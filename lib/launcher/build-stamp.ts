import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A fingerprint of everything `next build` reads, stored beside the build, so `npm start`
 * rebuilds only when the sources changed since the last build.
 */
const sourceFolders = ['app', 'components', 'lib', 'messages', 'public'];
const sourceFiles = [
  'next.config.mjs',
  'proxy.ts',
  'instrumentation-client.ts',
  'postcss.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];
const ignored = /(\.test\.tsx?|\.int\.test\.ts)$/;

async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return listFiles(full);
      return Promise.resolve(ignored.test(entry.name) ? [] : [full]);
    }),
  );
  return nested.flat();
}

export async function sourceFingerprint(root: string): Promise<string> {
  const folders = await Promise.all(sourceFolders.map((folder) => listFiles(path.join(root, folder))));
  const files = [...folders.flat(), ...sourceFiles.map((file) => path.join(root, file))]
    .filter((file) => existsSync(file))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update('\0');
    hash.update(await readFile(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function stampPath(root: string): string {
  return path.join(root, '.next', 'flowpilot-build-stamp');
}

export async function isBuildCurrent(root: string): Promise<boolean> {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) return false;
  const stamp = await readFile(stampPath(root), 'utf8').catch(() => '');
  return stamp.trim() === (await sourceFingerprint(root));
}

export async function writeBuildStamp(root: string, fingerprint: string): Promise<void> {
  await writeFile(stampPath(root), `${fingerprint}\n`);
}
