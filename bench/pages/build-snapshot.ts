import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import path from 'node:path';
import { isBuildCurrent } from '../../lib/launcher/build-stamp';
import { log } from '../log';

async function buildId(root: string): Promise<string> {
  return (await readFile(path.join(root, '.next', 'BUILD_ID'), 'utf8').catch(() => '')).trim();
}

const buildMarkers = ['BUILD_ID', 'routes-manifest.json', 'prerender-manifest.json', 'required-server-files.json'];
// What `next dev` and the build cache touch: not signs of a production build being written.
const notBuildOutput = new Set(['cache', 'dev', 'types', 'trace', 'trace-build', 'diagnostics']);

/** Whether .next holds a finished build nobody is writing (`ready`), one being written (`busy`), or none. */
export async function buildState(root: string): Promise<'ready' | 'busy' | 'missing'> {
  const folder = path.join(root, '.next');
  const entries = (await readdir(folder).catch(() => [])).filter((entry) => !notBuildOutput.has(entry));
  const times = await Promise.all(
    entries.map((entry) =>
      stat(path.join(folder, entry)).then(
        (info) => info.mtimeMs,
        () => Date.now(),
      ),
    ),
  );
  const quietMs = Date.now() - Math.max(0, ...times);
  if (buildMarkers.every((marker) => existsSync(path.join(folder, marker)))) return quietMs > 10_000 ? 'ready' : 'busy';
  return quietMs < 60_000 ? 'busy' : 'missing';
}

/** Waits for a finished build in .next (another `next build` in this tree may be writing it) and gives its id. */
export async function settledBuild(root: string): Promise<string> {
  const deadline = Date.now() + 15 * 60_000;
  let told = false;
  for (;;) {
    const state = await buildState(root);
    if (state === 'ready') return buildId(root);
    if (state === 'missing')
      throw new Error('There is no build in .next. Run `npm run build` first, or drop --no-build.');
    if (Date.now() > deadline) throw new Error('The build in .next was still being written after 15 minutes.');
    if (!told) log('.next is being written by another build; waiting for it to finish…');
    told = true;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/**
 * A private copy of the build for `next start` to serve, in `into`: the build output of .next,
 * beside links to the project's node_modules, package.json, next.config.mjs and public. Another
 * `next build` in this working tree empties and rewrites .next while it runs; a server on .next
 * itself would then fail, or answer with two builds' chunks within one run.
 */
export async function snapshotBuild(root: string, into: string): Promise<{ id: string; current: boolean }> {
  const source = path.join(root, '.next');
  for (let attempt = 1; attempt <= 5; attempt++) {
    const id = await settledBuild(root);
    const current = await isBuildCurrent(root);
    await rm(into, { recursive: true, force: true });
    await mkdir(into, { recursive: true });
    const copied = await cp(source, path.join(into, '.next'), {
      recursive: true,
      // .next/node_modules holds relative links to the externals (pg, …); they resolve through the node_modules link.
      verbatimSymlinks: true,
      filter: (file) => !notBuildOutput.has(path.relative(source, file).split(path.sep)[0] ?? ''),
    }).then(
      () => true,
      // A build that starts mid-copy removes files under it; the next attempt waits for that build.
      () => false,
    );
    if (copied && (await buildId(root)) === id && (await buildState(root)) === 'ready') {
      for (const entry of ['node_modules', 'package.json', 'next.config.mjs', 'public']) {
        if (existsSync(path.join(root, entry))) await symlink(path.join(root, entry), path.join(into, entry));
      }
      return { id, current };
    }
    log(`.next changed while it was copied (attempt ${attempt}); copying again…`);
  }
  throw new Error('.next kept changing while it was copied; run the bench when no build is running.');
}
