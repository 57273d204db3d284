import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import pg from 'pg';
import { childEnvironment } from '@/lib/env';
import { describeDatabaseTarget } from './database-target';
import { withPgClient } from './with-pg-client';

/**
 * Restores a backup made with `pg_dump --format=custom` into a new or empty database, for a
 * restore drill or a move to another server (docs/deploy.md). It never writes into a database
 * that already holds tables, and restores in one transaction: a failed restore leaves nothing.
 */
export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RestoreError';
  }
}

export type RestoreSummary = {
  database: string;
  /** Whether the database was created for the restore (it did not exist). */
  created: boolean;
  migrations: number;
  users: number;
  portals: number;
  flows: number;
  tasks: number;
};

const versionRule =
  "use pg_dump and pg_restore of the server's major version or newer (PostgreSQL's client programs; Debian and Ubuntu: sudo apt-get install postgresql-client, or postgresql-client-<major> from apt.postgresql.org)";

/** The major version in a `--version` line such as `pg_restore (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)`. */
export function majorVersionOf(versionLine: string): number | null {
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(versionLine);
  return match ? Number(match[1]) : null;
}

function run(program: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

/** The first lines of a program's complaint, for a message. */
function complaint(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() ? stderr : error instanceof Error ? error.message : '';
  return text.trim().split('\n').slice(0, 5).join('\n');
}

async function toolMajor(program: string): Promise<number> {
  const found = await run(program, ['--version']).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new RestoreError(`${program} was not found: ${versionRule}.`);
    throw new RestoreError(`${program} --version failed: ${complaint(error)}`);
  });
  const major = majorVersionOf(found.stdout);
  if (major === null) throw new RestoreError(`Could not read the version of ${program} from "${found.stdout.trim()}".`);
  return major;
}

/** The database's name and the same server's maintenance database (`postgres`), where a new one is created. */
function targetOf(url: string): { name: string; maintenanceUrl: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!name) throw new RestoreError(`The target ${describeDatabaseTarget(url)} names no database.`);
  parsed.pathname = '/postgres';
  return { name, maintenanceUrl: parsed.toString() };
}

/** Tables, views and sequences outside PostgreSQL's own schemas. */
const userRelationsSql = `SELECT count(*)::int AS count FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

async function serverMajor(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ server_version_num: string }>('SHOW server_version_num');
  return Math.floor(Number(rows[0]!.server_version_num) / 10_000);
}

/** The target as it is now: missing, or its server's version and how many relations it holds. */
async function inspectTarget(
  url: string,
): Promise<{ exists: false } | { exists: true; major: number; relations: number }> {
  try {
    return await withPgClient(url, async (client) => {
      const relations = (await client.query<{ count: number }>(userRelationsSql)).rows[0]!.count;
      return { exists: true as const, major: await serverMajor(client), relations };
    });
  } catch (error) {
    // 3D000: the database does not exist.
    if ((error as { code?: unknown }).code === '3D000') return { exists: false };
    throw new RestoreError(`Could not connect to ${describeDatabaseTarget(url)}: ${complaint(error)}`);
  }
}

/** libpq reads the password from the environment, so it never shows in the process list. */
function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: childEnvironment(password ? { PGPASSWORD: password } : {}) };
}

async function summarise(url: string, created: boolean): Promise<RestoreSummary> {
  return withPgClient(url, async (client) => {
    const { rows } = await client.query<Omit<RestoreSummary, 'database' | 'created'>>(`SELECT
      (SELECT count(*)::int FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL) AS migrations,
      (SELECT count(*)::int FROM "user") AS users,
      (SELECT count(*)::int FROM portal) AS portals,
      (SELECT count(*)::int FROM flow) AS flows,
      (SELECT count(*)::int FROM task) AS tasks`);
    return { database: describeDatabaseTarget(url), created, ...rows[0]! };
  }).catch((error: unknown) => {
    throw new RestoreError(
      `The dump was restored into ${describeDatabaseTarget(url)}, but it is not a Flowpilot database: ${complaint(error)}`,
    );
  });
}

export type RestoreOptions = {
  /** A file written by `pg_dump --format=custom`. */
  dumpFile: string;
  /** The database to restore into: created when missing, refused when it holds tables. */
  targetUrl: string;
  /** The pg_restore program (default: the one on PATH). */
  pgRestore?: string;
  log?: (line: string) => void;
};

export async function restoreBackup(options: RestoreOptions): Promise<RestoreSummary> {
  const { dumpFile, targetUrl, pgRestore = 'pg_restore', log = () => {} } = options;
  const target = describeDatabaseTarget(targetUrl);
  await access(dumpFile).catch(() => {
    throw new RestoreError(`${dumpFile} cannot be read.`);
  });
  const major = await toolMajor(pgRestore);
  await run(pgRestore, ['--list', dumpFile]).catch((error: unknown) => {
    throw new RestoreError(
      `pg_restore ${major} cannot read ${dumpFile}: ${complaint(error)}\nMake backups with pg_dump --format=custom, and ${versionRule}.`,
    );
  });

  const { name, maintenanceUrl } = targetOf(targetUrl);
  const state = await inspectTarget(targetUrl);
  if (state.exists && state.relations > 0) {
    throw new RestoreError(
      `${target} already holds ${state.relations} tables, views or sequences. Restore into a new database (it is created when missing) or an empty one.`,
    );
  }
  const server = state.exists
    ? state.major
    : await withPgClient(maintenanceUrl, serverMajor).catch((error: unknown) => {
        throw new RestoreError(
          `${target} does not exist, and the server's maintenance database could not be reached to create it: ${complaint(error)}`,
        );
      });
  if (major < server) {
    throw new RestoreError(`pg_restore is version ${major} and the server ${server}: ${versionRule}.`);
  }

  const created = !state.exists;
  if (created) {
    log(`creating the database ${name}`);
    await withPgClient(maintenanceUrl, (client) =>
      client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`),
    ).catch((error: unknown) => {
      throw new RestoreError(`Could not create ${target} (the user needs CREATEDB): ${complaint(error)}`);
    });
  }
  log(`restoring ${dumpFile} into ${target} with pg_restore ${major} (server ${server})`);
  const connection = libpqConnection(targetUrl);
  try {
    await run(
      pgRestore,
      [
        `--dbname=${connection.dbname}`,
        // Objects belong to the user restoring; the original server's roles need not exist here.
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        dumpFile,
      ],
      connection.env,
    );
  } catch (error) {
    if (created) {
      await withPgClient(maintenanceUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}`),
      ).catch(() => undefined);
    }
    throw new RestoreError(
      `pg_restore failed, so ${target} was ${created ? 'removed again' : 'left empty'}:\n${complaint(error)}`,
    );
  }
  return summarise(targetUrl, created);
}
