import type { PrismaClient } from '@/lib/db/client';
import { describeDatabaseTarget } from '@/lib/db/database-target';
import { readInstallation, type Installation } from '@/lib/db/installation';

export type SystemStatus = {
  database: { target: string; serverVersion: string; latencyMs: number };
  installation: Installation | null;
  migrations: { name: string; finishedAt: Date | null }[];
};

/** What the Settings page shows about this deployment. Throws when the database is unreachable. */
export async function readSystemStatus(client: PrismaClient, connectionString: string): Promise<SystemStatus> {
  const started = performance.now();
  const [version] = await client.$queryRaw<{ server_version: string }[]>`SHOW server_version`;
  const latencyMs = Math.round(performance.now() - started);
  const [installation, migrations] = await Promise.all([
    readInstallation(client),
    client.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM _prisma_migrations
      WHERE rolled_back_at IS NULL ORDER BY migration_name`,
  ]);
  return {
    database: {
      target: describeDatabaseTarget(connectionString),
      serverVersion: version?.server_version ?? 'unknown',
      latencyMs,
    },
    installation,
    migrations: migrations.map((row) => ({ name: row.migration_name, finishedAt: row.finished_at })),
  };
}
