import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany } from '@/lib/demo-portal/testing/fixture-company';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { executeSyncRun } from './run-sync';
import { zoneOffset } from './portal-time-zone';
import { requestSyncRun } from './sync-runs';

/**
 * The portal's days follow the connection user's time zone when Bitrix24 has one for him
 * (profile's TIME_ZONE), with summer time; otherwise the server clock's offset. The fixture
 * portal's server runs at +03:00.
 */
let database: MigratedDatabase;
const portals: DemoPortal[] = [];

beforeAll(async () => {
  database = await migratedDatabase();
});
afterAll(async () => {
  await Promise.all(portals.map((portal) => portal.stop()));
  await database?.drop();
});

async function syncedPortal(timeZone: string | undefined) {
  const company = fixtureCompany();
  company.users = company.users.map((user) => (user.ID === '1' ? { ...user, TIME_ZONE: timeZone } : user));
  const portal = await startDemoPortal({ company });
  portals.push(portal);
  const { id } = await database.db.portal.create({
    data: {
      memberId: `${company.header.memberId.slice(0, 30)}${portals.length}0`,
      domain: company.header.domain,
      kind: 'demo',
      timeZoneOffset: '+00:00',
    },
  });
  const { run } = await requestSyncRun(database.db, id, 'full');
  const client = new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl } });
  expect(await executeSyncRun({ db: database.db, client, owner: 'test' }, run.id)).toBe('succeeded');
  return database.db.portal.findUniqueOrThrow({ where: { id }, select: { timeZone: true, timeZoneOffset: true } });
}

describe('the portal’s time zone after a sync', () => {
  it('is the connection user’s zone, at its offset now', async () => {
    expect(await syncedPortal('Europe/Berlin')).toEqual({
      timeZone: 'Europe/Berlin',
      timeZoneOffset: zoneOffset('Europe/Berlin', Date.now()),
    });
  });

  it('is the server clock’s offset when the user has none', async () => {
    expect(await syncedPortal('')).toEqual({ timeZone: null, timeZoneOffset: '+03:00' });
  });
});
