import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres';
import { env } from '@/lib/env';
import { testPostgresPorts } from './test-ports';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection string to a maintenance database on the test server, for creating databases. */
    postgresAdminUrl: string;
  }
}

/**
 * The PostgreSQL server integration tests run against: the server of DATABASE_URL when set
 * (any Postgres 14+; its user needs CREATEDB), else an embedded server in a temporary folder.
 */
export default async function setup(project: TestProject) {
  const databaseUrl = env().DATABASE_URL;
  if (databaseUrl) {
    const admin = new URL(databaseUrl);
    admin.pathname = '/postgres';
    project.provide('postgresAdminUrl', admin.toString());
    return;
  }
  const folder = await mkdtemp(path.join(os.tmpdir(), 'flowpilot-test-pg-'));
  const server = await startEmbeddedPostgres({ dataDir: folder, port: testPostgresPorts.integration });
  project.provide('postgresAdminUrl', server.adminConnectionString);
  return async () => {
    await server.stop();
    // As root the cluster may live outside the folder (lib/db/postgres-as-root.ts).
    await Promise.all([folder, server.clusterDir].map((dir) => rm(dir, { recursive: true, force: true })));
  };
}
