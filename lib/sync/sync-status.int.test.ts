import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { executeSyncRun } from './run-sync';
import { requestSyncRun } from './sync-runs';
import { readSyncStatus } from './sync-status';
import { syncFixture } from './testing/sync-fixture';

let database: MigratedDatabase;
let fixture: Awaited<ReturnType<typeof syncFixture>>;
beforeAll(async () => {
  database = await migratedDatabase();
  fixture = await syncFixture(database.db, { seed: 3, tasks: 200 });
});
afterAll(async () => {
  await fixture.portal.stop();
  await database.drop();
});

describe('why a sync failed, as the status route tells it', () => {
  it('a failure inside Flowpilot gives a code and a readable reason; its raw text stays in the server log', async () => {
    // The mirror refuses every task row: the write fails with the database's own words.
    await database.db.$executeRawUnsafe('ALTER TABLE task ADD CONSTRAINT refuse_every_task CHECK (false) NOT VALID');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { run } = await requestSyncRun(database.db, fixture.portalId, 'full');
      expect(await executeSyncRun({ db: database.db, client: fixture.client(), owner: 'test' }, run.id)).toBe('failed');
      const portal = await database.db.portal.findUniqueOrThrow({
        where: { id: fixture.portalId },
        select: { id: true, domain: true, kind: true },
      });
      const status = await readSyncStatus(database.db, portal, { withReason: true });
      expect(status.run).toMatchObject({ state: 'failed', errorCode: 'internal' });
      expect(status.run?.error).toMatch(/server log/);
      expect(JSON.stringify(status)).not.toMatch(/refuse_every_task|constraint|prisma|invocation/i);
      expect(logged.mock.calls.flat().map(String).join(' ')).toMatch(/refuse_every_task/);
    } finally {
      logged.mockRestore();
      await database.db.$executeRawUnsafe('ALTER TABLE task DROP CONSTRAINT refuse_every_task');
    }
  });

  it("a portal refusal keeps the portal's reason, with its kind as the code", async () => {
    const { run } = await requestSyncRun(database.db, fixture.portalId, 'full');
    const refusing = new Bitrix24Client({
      connection: {
        kind: 'webhook',
        url: fixture.portal.webhookUrl.replace(/\/rest\/(\d+)\/[^/]+\//, '/rest/$1/wrong-code/'),
      },
    });
    expect(await executeSyncRun({ db: database.db, client: refusing, owner: 'test' }, run.id)).toBe('failed');
    const portal = await database.db.portal.findUniqueOrThrow({
      where: { id: fixture.portalId },
      select: { id: true, domain: true, kind: true },
    });
    expect((await readSyncStatus(database.db, portal, { withReason: true })).run).toMatchObject({
      errorCode: 'portal-wrong-webhook',
      error: expect.stringMatching(/webhook/),
    });
  });

  it('tells other roles only the code', async () => {
    const portal = await database.db.portal.findUniqueOrThrow({
      where: { id: fixture.portalId },
      select: { id: true, domain: true, kind: true },
    });
    expect((await readSyncStatus(database.db, portal, { withReason: false })).run).toMatchObject({
      errorCode: 'portal-wrong-webhook',
      error: null,
    });
  });
});
