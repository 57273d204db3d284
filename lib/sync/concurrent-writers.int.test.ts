import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { processPortalEvents } from './process-portal-events';
import { executeSyncRun } from './run-sync';
import { requestSyncRun } from './sync-runs';
import { mirrorDifferences } from './testing/mirror-differences';
import { syncFixture } from './testing/sync-fixture';

/**
 * Two instances write one portal's mirror at once: one runs a full sync while the other
 * processes event batches (as a load balancer spreads the portal's events). Both write flows and
 * tasks; neither may fail the other.
 */
let database: MigratedDatabase;
let fixture: Awaited<ReturnType<typeof syncFixture>>;

beforeAll(async () => {
  database = await migratedDatabase();
  fixture = await syncFixture(database.db, { seed: 4, tasks: 2_000 });
});
afterAll(async () => {
  await fixture?.portal.stop();
  await database?.drop();
});

describe('a full sync and event batches at the same time', () => {
  it('both finish, and the mirror ends equal to the portal', { timeout: 120_000 }, async () => {
    await database.db.portalEvent.createMany({
      data: fixture.portal.state.tasks.map((task) => ({
        portalId: fixture.portalId,
        event: 'ONTASKUPDATE',
        bitrixTaskId: Number(task.record.id),
      })),
    });
    const { run } = await requestSyncRun(database.db, fixture.portalId, 'full');
    const [outcome, processed] = await Promise.all([
      executeSyncRun({ db: database.db, client: fixture.client(), owner: 'sync-instance' }, run.id),
      processPortalEvents(database.db, fixture.client(), fixture.portalId),
    ]);
    const failed = await database.db.syncRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(outcome, failed.error ?? '').toBe('succeeded');
    expect(processed).toBe(fixture.portal.state.tasks.length);
    expect(await mirrorDifferences(database.db, fixture.portalId, fixture.portal.state)).toEqual([]);
  });
});
