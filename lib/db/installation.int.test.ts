import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from './client';
import { readInstallation, recordStart } from './installation';
import { applyMigrations, projectMigrationsLayout } from './migrations';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database';

describe('installation record', () => {
  let scratch: ScratchDatabase;
  let client: PrismaClient;

  beforeAll(async () => {
    scratch = await createScratchDatabase(inject('postgresAdminUrl'));
    await applyMigrations(scratch.url, projectMigrationsLayout());
    client = createPrismaClient(scratch.url);
  });
  afterAll(async () => {
    await client.$disconnect();
    await scratch.drop();
  });

  it('is created on the first start and counted on the next, keeping its id and install date', async () => {
    expect(await readInstallation(client)).toBeNull();
    const first = await recordStart(client, new Date('2026-01-01T10:00:00Z'));
    expect(first.startCount).toBe(1);
    expect(first.instanceId).toMatch(/^[0-9a-f-]{36}$/);

    const second = await recordStart(client, new Date('2026-01-02T10:00:00Z'));
    expect(second).toEqual({
      instanceId: first.instanceId,
      installedAt: new Date('2026-01-01T10:00:00Z'),
      lastStartedAt: new Date('2026-01-02T10:00:00Z'),
      startCount: 2,
    });
    expect(await readInstallation(client)).toEqual(second);
  });
});
