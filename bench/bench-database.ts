import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../lib/db/embedded-postgres';
import { env } from '../lib/env';
import { freePort } from '../lib/launcher/port-free';

export type BenchDatabaseServer = {
  /** A maintenance database's connection string, for creating the bench's scratch databases. */
  adminUrl: string;
  /** Whether the server is an embedded one the bench started (not DATABASE_URL's). */
  embedded: boolean;
  /** Stops an embedded server and removes its folder; DATABASE_URL's server is left alone. */
  stop: () => Promise<void>;
};

/**
 * The server a bench makes its scratch databases on: DATABASE_URL's server when set, else an
 * embedded one in a temporary folder.
 */
export async function startBenchDatabaseServer(): Promise<BenchDatabaseServer> {
  const databaseUrl = env().DATABASE_URL;
  if (databaseUrl) {
    const admin = new URL(databaseUrl);
    admin.pathname = '/postgres';
    return { adminUrl: admin.toString(), embedded: false, stop: async () => {} };
  }
  const folder = await mkdtemp(path.join(os.tmpdir(), 'flowpilot-bench-pg-'));
  const server = await startEmbeddedPostgres({ dataDir: folder, port: await freePort() });
  return {
    adminUrl: server.adminConnectionString,
    embedded: true,
    stop: async () => {
      await server.stop();
      // As root the cluster may live outside the folder (lib/db/postgres-as-root.ts).
      await Promise.all([folder, server.clusterDir].map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
