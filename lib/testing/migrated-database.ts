import { inject } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { applyMigrations, projectMigrationsLayout } from '@/lib/db/migrations';
import { createScratchDatabase } from '@/lib/db/scratch-database';

export type MigratedDatabase = { url: string; db: PrismaClient; drop: () => Promise<void> };

/** A fresh database with every migration applied, on the integration test server. */
export async function migratedDatabase(): Promise<MigratedDatabase> {
  const scratch = await createScratchDatabase(inject('postgresAdminUrl'));
  await applyMigrations(scratch.url, projectMigrationsLayout());
  const db = createPrismaClient(scratch.url);
  return {
    url: scratch.url,
    db,
    drop: async () => {
      await db.$disconnect();
      await scratch.drop();
    },
  };
}
