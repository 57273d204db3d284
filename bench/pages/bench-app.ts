import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { hashPassword } from '../../lib/auth/password';
import type { Role } from '../../lib/auth/roles';
import type { Viewer } from '../../lib/auth/viewer';
import { createPrismaClient, type PrismaClient } from '../../lib/db/client';
import { startEmbeddedPostgres } from '../../lib/db/embedded-postgres';
import { applyMigrations, projectMigrationsLayout } from '../../lib/db/migrations';
import { createScratchDatabase } from '../../lib/db/scratch-database';
import { withPgClient } from '../../lib/db/with-pg-client';
import { isBuildCurrent } from '../../lib/launcher/build-stamp';
import { buildApp } from '../../lib/launcher/next-process';
import { freePort } from '../../lib/launcher/port-free';
import type { Shutdown } from '../../lib/launcher/shutdown';
import { stopChild } from '../../lib/launcher/stop-child';
import { rollUpFigures } from '../../lib/metrics/daily-figure-rollup';
import { log } from '../log';
import { fillSyntheticMirror } from '../synthetic-mirror';
import { completeMirror } from './bench-mirror';
import { buildState, settledBuild, snapshotBuild } from './build-snapshot';
import { startNext } from './next-start';

// What the benches of the production pages share: the build, a large mirror in a scratch
// PostgreSQL, a private copy of the build, `next start` processes on it, and users to sign in as.

export type MirrorSize = { flows: number; tasks: number };
/** The size the documented sections are measured at. */
export const documentedSize: MirrorSize = { flows: 1_000, tasks: 1_000_000 };
/** The daily figures a first full sync backfills (lib/sync), which the pages' charts read. */
const backfillDays = 120;

export const countOption = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

/** The options every pages bench takes, as zod schema and as node:util's parseArgs options. */
export const mirrorOptions = {
  schema: {
    flows: countOption(documentedSize.flows),
    tasks: countOption(documentedSize.tasks),
    'no-build': z.boolean().default(false),
  },
  parse: { flows: { type: 'string' }, tasks: { type: 'string' }, 'no-build': { type: 'boolean' } },
} as const;

/** The command line, checked against `shape` (strict: an unknown option is an error). */
export function parseOptions<Shape extends z.ZodRawShape>(
  shape: Shape,
  options: NonNullable<ParseArgsConfig['options']>,
): z.infer<z.ZodObject<Shape>> {
  const { values } = parseArgs({ options, strict: true });
  const parsed = z.object(shape).safeParse(values);
  if (!parsed.success) throw new Error(`Invalid options:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** The mirror's size from --flows and --tasks, and whether the documented section is measured at it. */
export function mirrorSizeOf(args: MirrorSize): { size: MirrorSize; documented: boolean } {
  const size = { flows: args.flows, tasks: args.tasks };
  if (size.tasks < size.flows)
    throw new Error(`--tasks (${size.tasks}) must be at least --flows (${size.flows}): every flow gets tasks.`);
  return { size, documented: size.flows === documentedSize.flows && size.tasks === documentedSize.tasks };
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const millis = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-US')} ms`;
export const int = (value: number) => value.toLocaleString('en-US');
/** A row of a Markdown table. */
export const tableRow = (cells: string[]) => `| ${cells.join(' | ')} |`;

/** The log line of a run at another size: its figures are printed, not written to docs/benchmarks.md. */
export const undocumentedRun = (wholeRunMs: number, more = '') =>
  `whole run ${seconds(wholeRunMs)}; not written to docs/benchmarks.md (its section is for ${int(documentedSize.flows)} flows, ${int(documentedSize.tasks)} tasks${more})`;

function git(root: string, ...gitArgs: string[]): string {
  try {
    return execFileSync('git', gitArgs, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** The build first, as `npm start` does (a failing build should not cost the long fill), unless `asIs`. */
export async function prepareBuild(root: string, asIs: boolean, cleanup: Shutdown): Promise<void> {
  if (asIs) log(`using the build in .next as it is (${await settledBuild(root)})`);
  else if ((await buildState(root)) === 'missing' || !(await isBuildCurrent(root))) {
    log('the build in .next is missing or older than the sources: building (npm run build)…');
    await buildApp(root, (child) => cleanup.add(() => stopChild(child), 'stop next build'));
  }
}

export type BenchMirror = {
  /** The bench's scratch folder: the cluster, the copy of the build, the servers' logs. */
  folder: string;
  url: string;
  db: PrismaClient;
  portalId: string;
  /** The cluster's folder, whose postmaster.pid names the server process. */
  clusterDir: string;
  fillMs: number;
  backfillMs: number;
};

/**
 * A scratch PostgreSQL (embedded, in a temporary folder) with a mirror of `size` as after a first
 * full sync: bench/synthetic-mirror.ts, the rows completeMirror adds, the daily figures backfilled, ANALYZE.
 */
export async function startBenchMirror(root: string, size: MirrorSize, name: string, cleanup: Shutdown) {
  const folder = await mkdtemp(path.join(os.tmpdir(), `flowpilot-bench-${name}-`));
  cleanup.add(() => rm(folder, { recursive: true, force: true }), `remove ${folder}`);
  const server = await startEmbeddedPostgres({ dataDir: folder, port: await freePort() });
  cleanup.add(() => server.stop(), 'stop PostgreSQL');
  // Not dropped afterwards: the whole cluster goes with the folder, and on Ctrl-C embedded-postgres
  // is already stopping the server by the time a drop could run.
  const scratch = await createScratchDatabase(server.adminConnectionString, `fp_bench_${name.replaceAll('-', '_')}`);
  const db = createPrismaClient(scratch.url);
  cleanup.add(() => db.$disconnect(), 'disconnect Prisma');

  await applyMigrations(scratch.url, projectMigrationsLayout(root));
  let mark = performance.now();
  const { portalId } = await withPgClient(scratch.url, (client) => fillSyntheticMirror(client, size));
  await completeMirror(scratch.url, portalId);
  const fillMs = performance.now() - mark;
  log(`filled ${int(size.flows)} flows, ${int(size.tasks)} tasks in ${seconds(fillMs)}`);
  mark = performance.now();
  await rollUpFigures(db, portalId, { days: backfillDays });
  // The figures were just written; without statistics the pages' first plans would be guesses.
  await withPgClient(scratch.url, (client) => client.query('ANALYZE'));
  const backfillMs = performance.now() - mark;
  log(`backfilled ${backfillDays} days of daily figures in ${seconds(backfillMs)}`);
  const mirror: BenchMirror = {
    folder,
    url: scratch.url,
    db,
    portalId,
    clusterDir: server.clusterDir,
    fillMs,
    backfillMs,
  };
  return mirror;
}

/** The database part of a section's set-up paragraph. */
export const mirrorDescription = (size: MirrorSize) =>
  `The database is a scratch PostgreSQL (embedded-postgres 18, default settings) filled by \`bench/synthetic-mirror.ts\` (${int(size.flows)} flows, ${int(size.tasks)} tasks over two years), with an employee row for everyone in it, an owner and a moderator per flow, a succeeded full sync, and ${backfillDays} days rolled up (\`rollUpFigures\`: the daily figures, each flow's list figures and what lies ahead; then \`ANALYZE\`), as after a first full sync.`;

export type AppBuild = { appDir: string; id: string; current: boolean; commit: string; uncommitted: boolean };

/** A private copy of the build in the bench's folder (see snapshotBuild), and which sources it is of. */
export async function copyBuild(root: string, folder: string): Promise<AppBuild> {
  const appDir = path.join(folder, 'app');
  const { id, current } = await snapshotBuild(root, appDir);
  const commit = git(root, 'rev-parse', '--short', 'HEAD');
  const uncommitted = git(root, 'status', '--porcelain', '--', 'app', 'components', 'lib', 'messages', 'public') !== '';
  log(
    `build ${id} (${current ? 'matches the sources' : 'older than the sources'}), commit ${commit}${uncommitted ? ' + uncommitted changes' : ''}`,
  );
  return { appDir, id, current, commit, uncommitted };
}

/** The build part of a section's set-up paragraph. */
export const buildDescription = (build: AppBuild) =>
  `Build \`${build.id}\` of commit \`${build.commit}\`${build.uncommitted ? ' with uncommitted changes to the app' : ''}${build.current ? '' : ' (older than the sources when it was copied)'}`;

/** The settings every instance of one deployment shares (sessions signed by one are valid on all). */
export function deploymentSettings(databaseUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  };
}

export type AppInstance = { url: string; pid: number };

/** One `next start` of the copied build on a free port, its output in `<folder>/<name>.log`. */
export async function startInstance(
  build: AppBuild,
  settings: Record<string, string>,
  folder: string,
  name: string,
  cleanup: Shutdown,
): Promise<AppInstance> {
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  // As the launcher does with APP_URL: next-auth builds its URLs and cookie names from it.
  const instance = await startNext(
    build.appDir,
    port,
    { ...settings, APP_URL: appUrl, NEXTAUTH_URL: appUrl },
    path.join(folder, `${name}.log`),
    cleanup,
  );
  log(`${name}: next start ready on ${instance.url} (pid ${instance.pid})`);
  return instance;
}

export type BenchUser = Viewer & { password: string };

/**
 * Users with a password each (one shared hash: bcrypt is slow, and the bench signs each in only once).
 * A `bitrixUserId` links the user to that employee of `portalId`, which scopes a lead's flows.
 */
export async function createBenchUsers(
  db: PrismaClient,
  people: { role: Role; portalId?: string; bitrixUserId?: number }[],
): Promise<BenchUser[]> {
  const password = randomBytes(18).toString('base64url');
  const passwordHash = await hashPassword(password);
  const users: BenchUser[] = [];
  for (const [index, person] of people.entries()) {
    const user = await db.user.create({
      data: {
        email: `bench-${person.role}-${index + 1}@bench.test`,
        name: `Bench ${person.role} ${index + 1}`,
        role: person.role,
        passwordHash,
        portalId: person.portalId ?? null,
        bitrixUserId: person.bitrixUserId ?? null,
      },
      select: { id: true, email: true, name: true, role: true, portalId: true, bitrixUserId: true },
    });
    users.push({ ...user, password });
  }
  return users;
}
