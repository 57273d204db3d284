import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '@/lib/db/client';
import { recordStart } from '@/lib/db/installation';
import { applyMigrations, projectMigrationsLayout } from '@/lib/db/migrations';
import { createScratchDatabase, type ScratchDatabase } from '@/lib/db/scratch-database';
import { readSystemStatus } from './system-status';

describe('readSystemStatus', () => {
  let scratch: ScratchDatabase;
  let client: PrismaClient;
  let applied: string[];

  beforeAll(async () => {
    scratch = await createScratchDatabase(inject('postgresAdminUrl'));
    applied = await applyMigrations(scratch.url, projectMigrationsLayout());
    client = createPrismaClient(scratch.url);
  });
  afterAll(async () => {
    await client.$disconnect();
    await scratch.drop();
  });

  it('describes the database, the applied migrations and the installation, without the password', async () => {
    await recordStart(client);
    const status = await readSystemStatus(client, scratch.url);
    expect(status.database.target).toBe(
      `127.0.0.1:${new URL(scratch.url).port}/${scratch.name}`.replace('127.0.0.1', new URL(scratch.url).hostname),
    );
    expect(status.database.serverVersion).toMatch(/^\d+(\.\d+)?/);
    expect(status.migrations.map((m) => m.name)).toEqual(applied);
    expect(status.installation?.startCount).toBe(1);
    expect(JSON.stringify(status)).not.toContain(new URL(scratch.url).password);
  });
});
