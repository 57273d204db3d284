import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Bitrix24Client } from '@/lib/bitrix24/client';
import { startDemoPortal, type DemoPortal } from '@/lib/demo-portal/server';
import { fixtureCompany, fixtureTask } from '@/lib/demo-portal/testing/fixture-company';
import { migratedDatabase, type MigratedDatabase } from '@/lib/testing/migrated-database';
import { processPortalEvents } from './process-portal-events';

/**
 * An event for a task the portal no longer shows: Bitrix24 answers tasks.task.get alike for a
 * deleted task and one the connection's user may not see (docs/bitrix24.md, "Errors, flow access
 * and the webhook's user"), so only ONTASKDELETE, or an admin's empty answer, marks it deleted.
 */
let database: MigratedDatabase;
let portal: DemoPortal;
let portalId: string;

beforeAll(async () => {
  database = await migratedDatabase();
  portal = await startDemoPortal({ company: fixtureCompany({ tasks: [fixtureTask(1)] }) });
});
afterAll(async () => {
  await portal?.stop();
  await database?.drop();
});
beforeEach(async () => {
  await database.db.portal.deleteMany();
  ({ id: portalId } = await database.db.portal.create({
    data: { memberId: 'fixture-member', domain: 'fixture.bitrix24.test', kind: 'webhook' },
  }));
  // Task 7 is mirrored, but the portal does not show it.
  await database.db.task.create({
    data: {
      portalId,
      bitrixTaskId: 7,
      title: 't',
      status: 2,
      createdBy: 1,
      responsibleId: 1,
      createdAt: new Date(),
      changedAt: new Date(),
      raw: {},
    },
  });
});

const client = () => new Bitrix24Client({ connection: { kind: 'webhook', url: portal.webhookUrl } });
const deletedAt = async () =>
  (await database.db.task.findUniqueOrThrow({ where: { portalId_bitrixTaskId: { portalId, bitrixTaskId: 7 } } }))
    .deletedAt;

describe('processPortalEvents and tasks the portal does not show', () => {
  it('for a user who is not an admin: an update keeps the task, ONTASKDELETE marks it deleted', async () => {
    await database.db.portal.update({ where: { id: portalId }, data: { connectionUserIsAdmin: false } });
    await database.db.portalEvent.create({ data: { portalId, event: 'ONTASKUPDATE', bitrixTaskId: 7 } });
    await processPortalEvents(database.db, client(), portalId);
    expect(await deletedAt()).toBeNull();
    await database.db.portalEvent.create({ data: { portalId, event: 'ONTASKDELETE', bitrixTaskId: 7 } });
    await processPortalEvents(database.db, client(), portalId);
    expect(await deletedAt()).not.toBeNull();
  });

  it('for an admin, who sees every task, an empty answer means deleted', async () => {
    await database.db.portal.update({ where: { id: portalId }, data: { connectionUserIsAdmin: true } });
    await database.db.portalEvent.create({ data: { portalId, event: 'ONTASKUPDATE', bitrixTaskId: 7 } });
    await processPortalEvents(database.db, client(), portalId);
    expect(await deletedAt()).not.toBeNull();
  });
});
